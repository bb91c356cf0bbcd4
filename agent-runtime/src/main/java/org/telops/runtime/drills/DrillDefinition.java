package org.telops.runtime.drills;

import java.time.Instant;

/**
 * A chaos drill: break {@code targetCarrier} with {@code fault} for {@code durationSeconds}, place test
 * calls meanwhile, and judge the result by {@code criteria}.
 *
 * @param schedule null = on demand only; else {@link DrillSchedule} text (default {@code @monthly})
 * @param window the low-traffic window a scheduled run must start in
 */
public record DrillDefinition(long id, String name, String targetCarrier, DrillFault fault, int durationSeconds,
                              Criteria criteria, String schedule, DrillWindow window, Plan plan, boolean enabled,
                              String createdBy, Instant createdAt) {

  /**
   * Pass criteria.
   *
   * @param maxFailoverMs fault injected → first new call connected on another carrier
   * @param maxDroppedInFlight calls in flight on the target when the fault hit that may end early
   * @param minSecondaryMos mean MOS of the test calls that went to another carrier
   * @param minSuccessPercent test calls connected / test calls placed during the drill × 100
   */
  public record Criteria(int maxFailoverMs, int maxDroppedInFlight, double minSecondaryMos, double minSuccessPercent) {
    public static final Criteria DEFAULT = new Criteria(3_000, 0, 4.0, 95.0);
  }

  /**
   * The test calls.
   *
   * @param callsPerSecond new test calls per second during the fault
   * @param inFlightCalls calls placed on the target before the fault, which must survive it
   * @param guardFailures consecutive test calls no carrier could place before the drill aborts
   */
  public record Plan(String to, String from, String tenant, String agent, String region, int callsPerSecond,
                     int inFlightCalls, int guardFailures) {}
}
