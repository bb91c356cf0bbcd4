package org.telops.contracts.call;

import java.util.Locale;

/** How a call ended. Wire names are lower-case with dashes, as carriers spell them ("no-answer"). */
public enum CallOutcome {
  COMPLETED("completed"),
  BUSY("busy"),
  NO_ANSWER("no-answer"),
  FAILED("failed"),
  CANCELED("canceled"),
  /** Media stopped mid-call without a hang-up from either party (stream error, carrier drop). */
  DROPPED("dropped");

  private final String wire;

  CallOutcome(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Parses a wire name; accepts "no_answer" and upper case too, because operators type them. */
  public static CallOutcome fromWire(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (CallOutcome o : values()) {
      if (o.wire.equals(v)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown outcome '" + value + "' (expected one of completed, busy, no-answer, failed, canceled, dropped)");
  }
}
