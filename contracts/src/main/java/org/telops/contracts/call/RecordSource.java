package org.telops.contracts.call;

import java.util.Locale;

/** Who produced a CDR fragment; the collector merges fragments from several sources into one call. */
public enum RecordSource {
  /** The agent runtime: media, quality, usage, turns. */
  RUNTIME,
  /** A carrier status callback or webhook: lifecycle, duration, price. */
  CARRIER,
  /** POST /api/v1/cdrs from an external system or a replay. */
  API;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecordSource fromWire(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
