package org.telops.contracts.call;

import java.util.Locale;

public enum Direction {
  INBOUND("inbound"),
  OUTBOUND("outbound");

  private final String wire;

  Direction(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Accepts Twilio's "outbound-api" and "outbound-dial" as outbound. */
  public static Direction fromWire(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("inbound")) {
      return INBOUND;
    }
    if (v.startsWith("outbound")) {
      return OUTBOUND;
    }
    throw new IllegalArgumentException("unknown direction '" + value + "' (expected inbound or outbound)");
  }
}
