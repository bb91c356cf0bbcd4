package org.telops.carriersim.faults;

import java.time.Instant;
import java.util.Set;

/**
 * One active fault on a simulated carrier, optionally limited to calls of one region and to a time.
 *
 * @param region null = every region
 * @param httpStatus for http-error: 500..599 or 429
 * @param retryAfterSeconds for a 429: the Retry-After header
 * @param delayMs for slow-api: added to every response
 * @param afterSeconds for media-drop: how far into an answered call the streams are cut
 * @param direction for one-way-audio: caller-to-agent or agent-to-caller (the direction that goes silent)
 * @param leg for media-drop: which stream is cut: agent, caller or both
 * @param timeoutMs for webhook-timeout: how long the sim waits before giving the webhook up
 * @param expiresAt null = until deleted
 */
public record Fault(String id, String carrier, String region, FaultKind kind, int httpStatus, int retryAfterSeconds,
                    int delayMs, int afterSeconds, String direction, String leg, int timeoutMs, Instant expiresAt) {
  public static final Set<String> CARRIERS = Set.of("twilio", "telnyx");

  public Fault {
    if (!CARRIERS.contains(carrier)) {
      throw new IllegalArgumentException("carrier '" + carrier + "' is not twilio or telnyx");
    }
    switch (kind) {
      case HTTP_ERROR -> {
        if (httpStatus != 429 && (httpStatus < 500 || httpStatus > 599)) {
          throw new IllegalArgumentException("httpStatus " + httpStatus + " is not 429 or 500..599");
        }
        if (retryAfterSeconds < 0 || retryAfterSeconds > 3600) {
          throw new IllegalArgumentException("retryAfterSeconds " + retryAfterSeconds + " is not 0..3600");
        }
      }
      case SLOW_API -> {
        if (delayMs < 1 || delayMs > 300_000) {
          throw new IllegalArgumentException("delayMs " + delayMs + " is not 1..300000");
        }
      }
      case MEDIA_DROP -> {
        if (afterSeconds < 0 || !Set.of("agent", "caller", "both").contains(leg)) {
          throw new IllegalArgumentException("media-drop needs afterSeconds >= 0 and leg agent, caller or both (got "
              + afterSeconds + ", " + leg + ")");
        }
      }
      case ONE_WAY_AUDIO -> {
        if (!Set.of("caller-to-agent", "agent-to-caller").contains(direction)) {
          throw new IllegalArgumentException("direction '" + direction + "' is not caller-to-agent or agent-to-caller");
        }
      }
      case WEBHOOK_TIMEOUT -> {
        if (timeoutMs < 0 || timeoutMs > 120_000) {
          throw new IllegalArgumentException("timeoutMs " + timeoutMs + " is not 0..120000");
        }
      }
      default -> { }
    }
  }

  public boolean appliesTo(String carrier, String region, Instant now) {
    return this.carrier.equals(carrier) && (this.region == null || this.region.equals(region))
        && (expiresAt == null || now.isBefore(expiresAt));
  }

  String key() {
    return carrier + "|" + kind + "|" + (region == null ? "*" : region);
  }
}
