package org.telops.cdr.billing.rating;

import java.math.RoundingMode;

/** How a price that falls between two micros is rounded (rate cards say which). */
public enum Rounding {
  UP("up", RoundingMode.CEILING), HALF_UP("half-up", RoundingMode.HALF_UP), DOWN("down", RoundingMode.FLOOR);

  private final String id;
  private final RoundingMode mode;

  Rounding(String id, RoundingMode mode) {
    this.id = id;
    this.mode = mode;
  }

  public String id() {
    return id;
  }

  public RoundingMode mode() {
    return mode;
  }

  public static Rounding of(String text) {
    for (Rounding r : values()) {
      if (r.id.equalsIgnoreCase(text.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("rounding '" + text + "' is not one of up, half-up, down");
  }
}
