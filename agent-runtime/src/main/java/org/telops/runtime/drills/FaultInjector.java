package org.telops.runtime.drills;

import io.vertx.core.Future;
import java.time.Instant;

/** How a drill breaks a carrier and mends it again. Removal is idempotent: recovery may repeat it. */
public interface FaultInjector {

  /** "sim" or "breaker" (stored with the run, so recovery undoes it the same way). */
  String mode();

  /**
   * Breaks {@code carrier}; {@code expiresAt} is a dead man's switch for injectors that support one (the
   * fault lapses on its own even if nobody removes it). Answers a sentence for the timeline.
   */
  Future<String> inject(String carrier, DrillFault fault, long runId, Instant expiresAt);

  /** Undoes what {@link #inject} did for this run; succeeds if there was nothing to undo. */
  Future<String> remove(String carrier, DrillFault fault, long runId);
}
