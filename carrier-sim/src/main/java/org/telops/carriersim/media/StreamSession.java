package org.telops.carriersim.media;

import java.util.Map;

/**
 * What a carrier says about one media stream in its start message, and the stream's message counter.
 *
 * @param streamId Twilio streamSid (MZ…) / Telnyx stream_id
 * @param callId Twilio CallSid / Telnyx call_control_id
 * @param accountId Twilio AccountSid (null for Telnyx)
 * @param sessionId Telnyx call_session_id (null for Twilio)
 * @param clientState Telnyx client_state (null for Twilio)
 */
public record StreamSession(String streamId, String callId, String accountId, String sessionId, String from, String to,
                            String clientState, Map<String, String> customParameters, long[] sequence) {

  public StreamSession {
    customParameters = customParameters == null ? Map.of() : Map.copyOf(customParameters);
  }

  public static StreamSession of(String streamId, String callId, String accountId, String sessionId, String from,
                                 String to, String clientState, Map<String, String> customParameters) {
    return new StreamSession(streamId, callId, accountId, sessionId, from, to, clientState, customParameters, new long[] {0});
  }

  /** Next sequence number of a message on this stream, from 1. */
  public long nextSequence() {
    return ++sequence[0];
  }
}
