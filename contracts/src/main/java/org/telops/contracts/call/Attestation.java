package org.telops.contracts.call;

import java.util.Locale;

/** STIR/SHAKEN attestation level of the calling number (RFC 8588): A full, B partial, C gateway. */
public enum Attestation {
  A, B, C, UNKNOWN;

  public String wire() {
    return this == UNKNOWN ? "unknown" : name();
  }

  /** Lenient: carriers send "A", "TN-Validation-Passed-A" or nothing; anything unrecognised is UNKNOWN. */
  public static Attestation fromWire(String value) {
    if (value == null || value.isBlank()) {
      return UNKNOWN;
    }
    String v = value.trim().toUpperCase(Locale.ROOT);
    if (v.contains("FAILED") || v.startsWith("NO-")) {
      return UNKNOWN; // a failed or absent verification attests nothing
    }
    char last = v.charAt(v.length() - 1);
    if (v.length() == 1 || v.endsWith("-" + last)) {
      switch (last) {
        case 'A': return A;
        case 'B': return B;
        case 'C': return C;
        default: return UNKNOWN;
      }
    }
    return UNKNOWN;
  }
}
