package org.telops.runtime.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/**
 * Stores quality samples and turn records off the event loop: a bounded queue, one writer thread, a
 * JDBC batch per table per flush (every 500 rows or second). While PostgreSQL is down the batch is kept
 * and retried with backoff; when the queue is full new rows are dropped and counted — these are
 * monitoring series, and a call must never wait for the database.
 */
public final class RuntimeTablesWriter {
  private static final Logger log = LoggerFactory.getLogger(RuntimeTablesWriter.class);
  private static final int BATCH = 500;
  private static final long FLUSH_MS = 1_000;

  private final DataSource dataSource;
  private final BlockingQueue<Object> queue;
  private final Counter stored;
  private final Counter dropped;
  private final Counter failures;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong droppedSinceReport = new java.util.concurrent.atomic.AtomicLong();
  private long lastDropReportNanos = System.nanoTime() - 60_000_000_000L;
  private volatile boolean running = true;
  private volatile String lastError;
  private Thread thread;

  public RuntimeTablesWriter(DataSource dataSource, int capacity, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.stored = meters.counter("telops_runtime_rows_stored");
    this.dropped = meters.counter("telops_runtime_rows_dropped");
    this.failures = meters.counter("telops_runtime_store_failures");
    meters.gauge("telops_runtime_store_queue_depth", queue, BlockingQueue::size);
  }

  public void start() {
    thread = new Thread(this::run, "telops-runtime-store");
    thread.setDaemon(true);
    thread.start();
  }

  /** Never blocks: false (and counted) when the queue is full. */
  public boolean offer(Object row) {
    if (queue.offer(row)) {
      return true;
    }
    dropped.increment();
    droppedSinceReport.incrementAndGet();
    return false;
  }

  long droppedUnreported() {
    return droppedSinceReport.get();
  }

  /** Never silent: rows dropped since the last report are logged with their count, at most once a minute. */
  void reportDrops() {
    long now = System.nanoTime();
    if (now - lastDropReportNanos < 60_000_000_000L) {
      return;
    }
    long n = droppedSinceReport.getAndSet(0);
    lastDropReportNanos = now;
    if (n > 0) {
      log.warn("dropped {} quality/turn row(s) in the last minute: the store queue ({} rows) was full{} — "
          + "counted in telops_runtime_rows_dropped", n, queue.size() + queue.remainingCapacity(),
          lastError == null ? "" : " while PostgreSQL was unreachable (" + lastError + ")");
    }
  }

  public String lastError() {
    return lastError;
  }

  /** For tests: waits until everything offered so far is committed. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (queue.isEmpty() && inFlight.get() == 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  public void close(Duration timeout) {
    try {
      awaitDrained(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void run() {
    List<Object> batch = new ArrayList<>(BATCH);
    long backoffMs = 100;
    while (running) {
      reportDrops();
      try {
        if (batch.isEmpty()) {
          Object first = queue.poll(FLUSH_MS, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          inFlight.set(1);
          queue.drainTo(batch, BATCH - 1);
          inFlight.set(batch.size());
        }
        write(batch);
        stored.increment(batch.size());
        batch.clear();
        inFlight.set(0);
        lastError = null;
        backoffMs = 100;
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        failures.increment();
        String state = e instanceof SQLException se && se.getSQLState() != null ? se.getSQLState() : "";
        if (state.startsWith("22") || state.startsWith("23")) {
          // PostgreSQL refuses the data itself: retrying cannot help, and must not block later rows.
          log.error("dropping {} quality/turn rows PostgreSQL refused as data ({}): {}", batch.size(), state, e.getMessage());
          dropped.increment(batch.size());
          batch.clear();
          inFlight.set(0);
          continue;
        }
        if (lastError == null) {
          log.warn("cannot store {} quality/turn rows (will retry with backoff, new rows are dropped when {} are queued): {}",
              batch.size(), queue.remainingCapacity() + queue.size(), e.getMessage());
        }
        lastError = e.getMessage();
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          return;
        }
        backoffMs = Math.min(5_000, backoffMs * 2);
      }
    }
  }

  private void write(List<Object> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement samples = c.prepareStatement(RuntimeSql.INSERT_SAMPLE);
           PreparedStatement turns = c.prepareStatement(RuntimeSql.INSERT_TURN)) {
        int s = 0;
        int t = 0;
        for (Object row : batch) {
          if (row instanceof QualitySample q) {
            RuntimeSql.bind(samples, q);
            samples.addBatch();
            s++;
          } else if (row instanceof TurnRecord tr) {
            RuntimeSql.bind(turns, tr);
            turns.addBatch();
            t++;
          }
        }
        if (s > 0) {
          samples.executeBatch();
        }
        if (t > 0) {
          turns.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
