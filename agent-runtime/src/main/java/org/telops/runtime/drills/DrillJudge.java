package org.telops.runtime.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what a drill run measured into a verdict, criterion by criterion. Pure. */
public final class DrillJudge {
  private DrillJudge() {}

  /**
   * What a run measured.
   *
   * @param failoverMs fault → first test call connected on another carrier, null if none did
   * @param secondaryMos one MOS per test call on another carrier that reported one
   * @param abortReason why a guard stopped the run, or null
   */
  public record Measurements(String target, boolean failoverExpected, String faultSpec, Long failoverMs,
                             String failoverCarrier, int inFlightPlaced, int inFlightDropped, List<Double> secondaryMos,
                             int testCalls, int testCallsConnected, String abortReason) {}

  /** @param status passed, failed, unmeasured or not-applicable */
  public record CriterionResult(String name, String status, String expected, String actual) {}

  /** @param status passed, failed or aborted (the {@code drill_runs.status} values) */
  public record Verdict(String status, String summary, List<CriterionResult> criteria) {}

  public static Verdict judge(DrillDefinition.Criteria c, Measurements m) {
    List<CriterionResult> out = new ArrayList<>();
    if (!m.failoverExpected()) {
      out.add(new CriterionResult("failover", "not-applicable", "≤ " + c.maxFailoverMs() + " ms",
          "fault " + m.faultSpec() + " leaves the carrier's API up: new calls are not expected to move"));
    } else if (m.failoverMs() == null) {
      out.add(new CriterionResult("failover", "failed", "≤ " + c.maxFailoverMs() + " ms",
          "no new call connected on another carrier"));
    } else {
      out.add(new CriterionResult("failover", m.failoverMs() <= c.maxFailoverMs() ? "passed" : "failed",
          "≤ " + c.maxFailoverMs() + " ms", m.failoverMs() + " ms to " + m.failoverCarrier()));
    }
    if (m.inFlightPlaced() == 0) {
      out.add(new CriterionResult("droppedInFlight", "unmeasured", "≤ " + c.maxDroppedInFlight(), "no call was in flight"));
    } else {
      out.add(new CriterionResult("droppedInFlight", m.inFlightDropped() <= c.maxDroppedInFlight() ? "passed" : "failed",
          "≤ " + c.maxDroppedInFlight(), m.inFlightDropped() + " of " + m.inFlightPlaced() + " dropped"));
    }
    if (m.secondaryMos().isEmpty()) {
      out.add(new CriterionResult("secondaryMos", "unmeasured", "≥ " + c.minSecondaryMos(),
          "no quality figures for the test calls on another carrier"));
    } else {
      double mean = m.secondaryMos().stream().mapToDouble(Double::doubleValue).average().orElse(0);
      out.add(new CriterionResult("secondaryMos", mean >= c.minSecondaryMos() ? "passed" : "failed",
          "≥ " + c.minSecondaryMos(), String.format(Locale.ROOT, "%.2f mean over %d call(s)", mean, m.secondaryMos().size())));
    }
    if (m.testCalls() == 0) {
      out.add(new CriterionResult("successRate", "unmeasured", "≥ " + c.minSuccessPercent() + " %", "no test call was placed"));
    } else {
      double pct = 100.0 * m.testCallsConnected() / m.testCalls();
      out.add(new CriterionResult("successRate", pct >= c.minSuccessPercent() ? "passed" : "failed",
          "≥ " + c.minSuccessPercent() + " %", String.format(Locale.ROOT, "%.1f %% (%d of %d connected)", pct,
              m.testCallsConnected(), m.testCalls())));
    }
    String status = m.abortReason() != null ? "aborted"
        : out.stream().anyMatch(r -> r.status().equals("failed")) ? "failed" : "passed";
    StringBuilder sb = new StringBuilder(status);
    if (m.abortReason() != null) {
      sb.append(" (").append(m.abortReason()).append(')');
    }
    sb.append(": ");
    List<String> parts = new ArrayList<>();
    for (CriterionResult r : out) {
      parts.add(r.name() + " " + r.status() + " (" + r.actual() + "; wanted " + r.expected() + ")");
    }
    sb.append(String.join("; ", parts));
    return new Verdict(status, sb.toString(), out);
  }
}
