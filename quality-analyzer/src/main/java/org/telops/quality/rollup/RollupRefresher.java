package org.telops.quality.rollup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the dashboards' five-minute rollups current (migration V12): every interval, {@code telops_refresh_rollups()}
 * recomputes the buckets the writers touched since the last run (marked by statement triggers) and the trailing
 * 15 minutes. Off the event loop, one run at a time; a failure (PostgreSQL away) is logged once until it changes and
 * the marks wait for the next run.
 */
public final class RollupRefresher {
  private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);

  private final Vertx vertx;
  private final DataSource dataSource;
  private final long intervalMs;
  private final Timer duration;
  private final Counter buckets;
  private final AtomicBoolean running = new AtomicBoolean();
  private String lastError;
  private long timer = -1;

  public RollupRefresher(Vertx vertx, DataSource dataSource, long intervalMs, MeterRegistry meters) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    this.intervalMs = intervalMs;
    this.duration = Timer.builder("telops_rollup_refresh").description("one refresh of the dashboards' rollups")
        .register(meters);
    this.buckets = Counter.builder("telops_rollup_buckets_refreshed")
        .description("five-minute buckets recomputed by rollup refreshes").register(meters);
  }

  public void start() {
    timer = vertx.setPeriodic(Math.min(intervalMs, 2_000), intervalMs, id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void tick() {
    if (!running.compareAndSet(false, true)) {
      return; // the previous refresh is still running
    }
    vertx.executeBlocking(this::refresh, false).onComplete(ar -> {
      running.set(false);
      String error = ar.failed() ? ar.cause().getMessage() : null;
      if (error != null && !Objects.equals(error, lastError)) {
        log.warn("dashboard rollups not refreshed ({}); the marked buckets wait for the next run", error);
      } else if (error == null && lastError != null) {
        log.info("dashboard rollups refreshed again");
      }
      lastError = error;
    });
  }

  /** One refresh now; the number of buckets recomputed. */
  public int refresh() throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT telops_refresh_rollups()")) {
      rs.next();
      int n = rs.getInt(1);
      duration.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
      buckets.increment(n);
      return n;
    }
  }
}
