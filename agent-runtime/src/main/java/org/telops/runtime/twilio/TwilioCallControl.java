package org.telops.runtime.twilio;

import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.stream.CallControl;

/**
 * Ending a Twilio call from the agent: close the media stream. Twilio then requests the
 * {@code <Connect action>} URL, where {@link TwilioWebhooks} answers {@code <Dial>} for a transfer recorded
 * here (by CallSid) or {@code <Hangup/>}.
 */
public final class TwilioCallControl implements CallControl {
  private final java.util.Map<String, String> transfers;

  public TwilioCallControl(java.util.Map<String, String> transfers) {
    this.transfers = transfers;
  }

  @Override
  public void end(CallInfo call, CallEnd end, Runnable closeStream) {
    if (end.kind() == CallEnd.Kind.TRANSFER && end.target() != null && call != null) {
      transfers.put(call.carrierCallId(), end.target());
    }
    closeStream.run();
  }
}
