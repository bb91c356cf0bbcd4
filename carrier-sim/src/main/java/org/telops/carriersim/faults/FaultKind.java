package org.telops.carriersim.faults;

import java.util.Locale;

/** What can go wrong with a simulated carrier, named as the fault API spells it. */
public enum FaultKind {
  /** REST: the connection is closed without a response (as near to "connection refused" as a shared port allows). */
  DOWN,
  /** REST: every request answers {@code httpStatus} (5xx, or 429 with Retry-After) with the carrier's error body. */
  HTTP_ERROR,
  /** REST: every response is delayed by {@code delayMs}. */
  SLOW_API,
  /** Media: streams of answered calls are cut (WebSocket closed, no stop event) {@code afterSeconds} into the call. */
  MEDIA_DROP,
  /** Media: one direction carries only silence ({@code direction} caller-to-agent or agent-to-caller). */
  ONE_WAY_AUDIO,
  /** Webhooks: the sim's requests to the platform are not delivered and count as timed out after {@code timeoutMs}. */
  WEBHOOK_TIMEOUT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static FaultKind parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("kind '" + s + "' is not one of down, http-error, slow-api, media-drop, "
          + "one-way-audio, webhook-timeout");
    }
  }
}
