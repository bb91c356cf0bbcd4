package org.telops.prober.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the {@link ProbePlan} on one Vert.x context: one timer armed for the next firing, never one per
 * slot. A skipped probe (the previous one of that slot still running) is counted in
 * {@code telops_probe_skipped_total{region,target}} and logged once per slot at INFO, then at DEBUG.
 */
public final class ProbeScheduler {
  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  private final Vertx vertx;
  private final Context context;
  private final ProbePlan plan;
  private final Function<ProbeSlot, Future<Boolean>> probe;
  private final long confirmMs;
  private final MeterRegistry meters;
  private long timer = -1;
  private boolean stopped;

  /**
   * @param probe runs one probe; its future says whether the probe succeeded
   * @param confirmMs after a failed probe, the slot's next one fires this soon (see {@link ProbePlan#confirmSoon})
   */
  public ProbeScheduler(Vertx vertx, Context context, ProbePlan plan, Function<ProbeSlot, Future<Boolean>> probe,
                        long confirmMs, MeterRegistry meters) {
    this.vertx = vertx;
    this.context = context;
    this.plan = plan;
    this.probe = probe;
    this.confirmMs = confirmMs;
    this.meters = meters;
  }

  /** @param lastProbedMs when each slot was last probed (from the store), so the cadence survives restarts */
  public void start(Map<ProbeSlot, Long> lastProbedMs) {
    context.runOnContext(v -> {
      plan.initialize(System.currentTimeMillis(), lastProbedMs);
      arm();
    });
  }

  public void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    });
  }

  private void arm() {
    if (stopped) {
      return;
    }
    long delay = Math.max(1, plan.nextFireMs() - System.currentTimeMillis());
    timer = vertx.setTimer(delay, id -> tick());
  }

  private void tick() {
    timer = -1;
    if (stopped) {
      return;
    }
    ProbePlan.Due due = plan.due(System.currentTimeMillis());
    for (ProbeSlot s : due.skipped()) {
      Counter.builder("telops_probe_skipped_total").description("probes not started because the previous one still ran")
          .tag("region", s.region()).tag("target", s.target()).register(meters).increment();
      if (plan.skipped(s) == 1) {
        log.info("probe {} skipped: the previous probe of this region and target is still running (counted in "
            + "telops_probe_skipped_total; a probe taking longer than TELOPS_PROBE_INTERVAL_SECONDS does this)", s);
      } else {
        log.debug("probe {} skipped again ({} so far)", s, plan.skipped(s));
      }
    }
    for (ProbeSlot s : due.start()) {
      Future<Boolean> f;
      try {
        f = probe.apply(s);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> context.runOnContext(v -> {
        if (ar.failed()) {
          log.warn("probe {} failed to run: {}", s, String.valueOf(ar.cause()));
        }
        plan.finished(s); // the plan is confined to this context
        if (!stopped && (ar.failed() || !ar.result())) {
          plan.confirmSoon(s, System.currentTimeMillis(), confirmMs);
          if (timer >= 0) {
            vertx.cancelTimer(timer);
          }
          arm();
        }
      }));
    }
    arm();
  }

  public ProbePlan plan() {
    return plan;
  }
}
