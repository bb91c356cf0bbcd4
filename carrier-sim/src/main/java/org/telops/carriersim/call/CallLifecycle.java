package org.telops.carriersim.call;

import java.time.Instant;

/**
 * The state machine of one leg, as the PSTN runs it: queued → initiated → ringing → in-progress →
 * completed, or an early end (busy, no-answer, failed, canceled) before answer. Steps may be skipped
 * forwards (a rejected call goes initiated → busy) but never backwards, and a final state is final.
 * Keeps the times the carrier reports; plain Java, unit-tested.
 */
public final class CallLifecycle {
  private LegStatus status = LegStatus.QUEUED;
  private final Instant createdAt;
  private Instant startedAt;
  private Instant answeredAt;
  private Instant endedAt;

  public CallLifecycle(Instant createdAt) {
    this.createdAt = createdAt;
  }

  /** Moves to {@code next}; false (and no change) when that is not a forward step from the current state. */
  public boolean advance(LegStatus next, Instant at) {
    if (!allowed(status, next)) {
      return false;
    }
    status = next;
    switch (next) {
      case INITIATED -> startedAt = at;
      case IN_PROGRESS -> answeredAt = at;
      default -> {
        if (next.isFinal()) {
          endedAt = at;
          if (startedAt == null) {
            startedAt = at;
          }
        }
      }
    }
    return true;
  }

  static boolean allowed(LegStatus from, LegStatus to) {
    if (from.isFinal() || from == to) {
      return false;
    }
    return switch (to) {
      case QUEUED -> false;
      case INITIATED -> from == LegStatus.QUEUED;
      case RINGING -> from == LegStatus.QUEUED || from == LegStatus.INITIATED;
      case IN_PROGRESS -> from.ordinal() < LegStatus.IN_PROGRESS.ordinal();
      case COMPLETED -> true;
      // Only an unanswered call can be busy, unanswered, failed or canceled.
      case BUSY, NO_ANSWER, FAILED, CANCELED -> from != LegStatus.IN_PROGRESS;
    };
  }

  public LegStatus status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant answeredAt() {
    return answeredAt;
  }

  public Instant endedAt() {
    return endedAt;
  }

  /** Talk time in whole seconds (answer → end, truncated as carriers report it); 0 when never answered. */
  public long durationSeconds() {
    if (answeredAt == null || endedAt == null) {
      return 0;
    }
    return Math.max(0, java.time.Duration.between(answeredAt, endedAt).toSeconds());
  }
}
