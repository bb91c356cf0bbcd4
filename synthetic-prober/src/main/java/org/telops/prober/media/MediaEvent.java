package org.telops.prober.media;

/**
 * One message of a carrier media stream, carrier-neutral.
 *
 * @param streamId the stream's id (Twilio streamSid, Telnyx stream_id); may be null on media frames
 * @param chunk frame number for media (−1 when absent)
 * @param timestampMs media timestamp for media, ms since stream start (−1 when absent)
 * @param payload decoded μ-law bytes for media, else null
 */
public record MediaEvent(Kind kind, String streamId, long chunk, long timestampMs, byte[] payload) {
  public enum Kind { CONNECTED, START, MEDIA, MARK, DTMF, STOP, OTHER, MALFORMED }

  public static MediaEvent of(Kind kind, String streamId) {
    return new MediaEvent(kind, streamId, -1, -1, null);
  }
}
