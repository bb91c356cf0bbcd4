package org.telops.runtime.twilio;

import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.stream.CallControl;

/**
 * Ending a Twilio call from the agent: close the media stream. Twilio then requests the
 * {@code <Connect action>} URL, where {@link TwilioWebhooks} answers {@code <Dial>} for a transfer recorded
 * here (by CallSid, the target) or {@code <Hangup/>} for a hang-up (recorded as an empty target). A stream that ends
 * with nothing recorded here dropped: with the record path on, the action request continues the call there.
 */
public final class TwilioCallControl implements CallControl {
  private final java.util.Map<String, String> agentEnds;
  private final boolean recordPath;

  public TwilioCallControl(java.util.Map<String, String> agentEnds, boolean recordPath) {
    this.agentEnds = agentEnds;
    this.recordPath = recordPath;
  }

  @Override
  public void end(CallInfo call, CallEnd end, Runnable closeStream) {
    if (call != null) {
      agentEnds.put(call.carrierCallId(), end.kind() == CallEnd.Kind.TRANSFER && end.target() != null ? end.target() : "");
    }
    closeStream.run();
  }

  /** Twilio cannot restart a stream, but with the record path on its {@code <Connect action>} request continues the call. */
  @Override
  public boolean restartStream(CallInfo call) {
    return recordPath;
  }

  /** Twilio requests the {@code <Connect action>} as soon as the stream ends: a few seconds is plenty. */
  @Override
  public int resumeWindowSeconds(int configured) {
    return Math.min(configured, 3);
  }
}
