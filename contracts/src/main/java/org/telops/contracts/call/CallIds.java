package org.telops.contracts.call;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * How call ids are formed, so that every module names the same call the same way without asking a
 * database: a call the carrier knows is {@code of(carrier, carrierCallId)}, a name-based (type 3) UUID.
 * The runtime, the collector's carrier callbacks and the router all derive it independently, which is
 * what lets a busy/no-answer callback for a call the runtime never saw land on the right record.
 * Only an attempt that never got a carrier call id (the carrier API refused it) gets a random UUID.
 */
public final class CallIds {
  private CallIds() {}

  public static String of(String carrier, String carrierCallId) {
    if (carrier == null || carrier.isBlank() || carrierCallId == null || carrierCallId.isBlank()) {
      throw new IllegalArgumentException("a call id needs both a carrier and a carrier call id");
    }
    String key = carrier.trim().toLowerCase(Locale.ROOT) + ":" + carrierCallId.trim();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** For attempts the carrier never accepted. */
  public static String random() {
    return UUID.randomUUID().toString();
  }
}
