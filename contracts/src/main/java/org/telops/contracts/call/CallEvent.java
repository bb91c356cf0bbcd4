package org.telops.contracts.call;

import java.time.Instant;
import java.util.Map;

/**
 * A moment in a call's life, for live views (admin-ui, dashboards). Not the system of record: the CDR is.
 *
 * @param attributes small free-form details (e.g. "reason" for an end), string to string
 */
public record CallEvent(
    Type type,
    String callId,
    String carrierCallId,
    String carrier,
    String region,
    String tenant,
    Instant at,
    Map<String, String> attributes) {

  public enum Type {
    STARTED, ANSWERED, ENDED;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public CallEvent {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
