package org.telops.runtime.session;

import java.util.Map;

/** A carrier's media-stream frame translated to the runtime's own terms (see the twilio/ and telnyx/ serializers). */
public sealed interface InboundFrame {

  /** The socket is up (Twilio "connected", Telnyx "connected"). */
  record Connected() implements InboundFrame {}

  /**
   * The stream started.
   *
   * @param params custom parameters plus decoded client_state fields
   * @param encoding as the carrier names it ("audio/x-mulaw", "PCMU", …)
   */
  record Start(String streamId, String carrierCallId, Map<String, String> params, String fromNumber, String toNumber,
               String encoding, int sampleRateHz, int channels) implements InboundFrame {}

  /**
   * Audio. {@code chunk} and {@code timestampMs} are −1 when the carrier omitted them.
   *
   * @param inbound true for the caller's audio, false for the outbound track (Telnyx both_tracks)
   * @param ulaw decoded payload bytes (μ-law 8 kHz)
   */
  record Media(boolean inbound, long chunk, long timestampMs, byte[] ulaw) implements InboundFrame {}

  record Dtmf(char digit) implements InboundFrame {}

  /** A mark we sent, echoed back (played, or cleared). */
  record Mark(String name) implements InboundFrame {}

  record Stop(String reason) implements InboundFrame {}

  /** The carrier reports a streaming error (Telnyx "error" frame). */
  record CarrierError(String code, String title, String detail) implements InboundFrame {}

  /** A frame that is well-formed but irrelevant to the call. */
  record Ignored(String event) implements InboundFrame {}

  /** Unusable input: counted and logged once per call per kind, then ignored. */
  record Bad(BadInput kind, String detail) implements InboundFrame {}
}
