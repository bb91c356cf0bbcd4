package org.telops.prober.carrier;

/** A probe call's state as the carrier reports it, reduced to what the probe acts on. */
public enum CallState {
  /** queued, initiated, ringing. */
  RINGING,
  /** answered (Twilio in-progress, Telnyx alive after answer). */
  ANSWERED,
  BUSY,
  NO_ANSWER,
  FAILED,
  /** completed or canceled. */
  ENDED,
  /** Anything the probe does not recognise. */
  UNKNOWN;

  public boolean isFinal() {
    return this == BUSY || this == NO_ANSWER || this == FAILED || this == ENDED;
  }

  /** Twilio's call status words. */
  public static CallState fromTwilio(String status) {
    return switch (status == null ? "" : status) {
      case "queued", "initiated", "ringing" -> RINGING;
      case "in-progress" -> ANSWERED;
      case "busy" -> BUSY;
      case "no-answer" -> NO_ANSWER;
      case "failed" -> FAILED;
      case "completed", "canceled" -> ENDED;
      default -> UNKNOWN;
    };
  }
}
