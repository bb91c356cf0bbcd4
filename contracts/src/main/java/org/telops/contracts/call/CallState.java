package org.telops.contracts.call;

import java.util.Locale;

/**
 * Lifecycle state of a call. States are ordered: a record never moves to a lower rank, so a late
 * "ringing" callback cannot undo "ended".
 */
public enum CallState {
  ATTEMPTED("attempted"),
  RINGING("ringing"),
  ANSWERED("answered"),
  ENDED("ended");

  private final String wire;

  CallState(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public boolean isAfter(CallState other) {
    return other == null || ordinal() > other.ordinal();
  }

  public static CallState fromWire(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (CallState s : values()) {
      if (s.wire.equals(v)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown call state '" + value + "' (expected attempted, ringing, answered or ended)");
  }
}
