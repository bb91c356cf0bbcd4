package org.telops.carriersim.call;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A call leg's state, named as Twilio names CallStatus; Telnyx events are derived from the same states. */
public enum LegStatus {
  QUEUED, INITIATED, RINGING, IN_PROGRESS, COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED;

  private static final Set<LegStatus> FINAL = EnumSet.of(COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED);

  public boolean isFinal() {
    return FINAL.contains(this);
  }

  /** "in-progress", "no-answer" … as on the wire. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The StatusCallbackEvent name that asks for this state ("answered" for in-progress, "completed" for any end). */
  public String callbackEvent() {
    return switch (this) {
      case QUEUED, INITIATED -> "initiated";
      case RINGING -> "ringing";
      case IN_PROGRESS -> "answered";
      default -> "completed";
    };
  }
}
