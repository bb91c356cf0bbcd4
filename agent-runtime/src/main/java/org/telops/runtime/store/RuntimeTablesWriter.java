package org.telops.runtime.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
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
import org.telops.contracts.store.FrameSpool;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/**
 * Stores quality samples and turn records off the event loop: a bounded queue, one writer thread, a
 * JDBC batch per table per flush (every 500 rows or second). While PostgreSQL is unreachable each batch is
 * appended to a local spool ({@code <data dir>/spool/runtime-rows.spool}, fsynced) within the flush interval,
 * and the spool is written back in order, once, when the database answers again (the inserts skip rows
 * already stored, so a replay cut short by a crash is redone safely). Without a spool (or if the disk refuses
 * it) the batch is kept in memory and retried with backoff. When the queue is full new rows are dropped and
 * counted — a call must never wait for the database.
 */
public final class RuntimeTablesWriter {
  private static final Logger log = LoggerFactory.getLogger(RuntimeTablesWriter.class);
  private static final int BATCH = 500;
  private static final long FLUSH_MS = 1_000;

  private final DataSource dataSource;
  private final FrameSpool spool;
  private final java.util.function.BooleanSupplier reachable;
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

  private final Counter spooled;
  private long nextReplayNanos;
  private volatile long spooledNow;

  /** A writer with no spool: rows wait in memory while PostgreSQL is away (tests, tools). */
  public RuntimeTablesWriter(DataSource dataSource, int capacity, MeterRegistry meters) {
    this(dataSource, capacity, meters, null);
  }

  /**
   * @param spoolFile where batches go, fsynced, while PostgreSQL is unreachable; null = no spool
   */
  public RuntimeTablesWriter(DataSource dataSource, int capacity, MeterRegistry meters, Path spoolFile) {
    this(dataSource, capacity, meters, spoolFile, () -> true);
  }

  /**
   * @param reachable whether PostgreSQL's port answers ({@link org.telops.contracts.store.DatabaseReachability}): while
   *     it does not, batches go to the spool at once instead of waiting the pool's connection timeout
   */
  public RuntimeTablesWriter(DataSource dataSource, int capacity, MeterRegistry meters, Path spoolFile,
                             java.util.function.BooleanSupplier reachable) {
    this.dataSource = dataSource;
    this.reachable = reachable;
    FrameSpool s = FrameSpool.openOrNull(spoolFile, "quality/turn row", "rows wait in memory while PostgreSQL is away");
    this.spool = s;
    this.spooledNow = s == null ? 0 : s.size();
    this.spooled = Counter.builder("telops_runtime_rows_spooled")
        .description("quality/turn rows written to the local spool while PostgreSQL was unreachable").register(meters);
    meters.gauge("telops_runtime_spool_rows", this, w -> w.spooledNow);
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

  /** Rows waiting in memory to be written. */
  public int queued() {
    return queue.size() + inFlight.get();
  }

  /** Rows in the local spool now, waiting for PostgreSQL. */
  public long spooledNow() {
    return spooledNow;
  }

  /** False while the last write failed or the spool holds rows; readiness reports it. */
  public boolean healthy() {
    return lastError == null && spooledNow == 0;
  }

  /** Waits until everything offered so far is committed to PostgreSQL (the spool written back included). */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (queue.isEmpty() && inFlight.get() == 0 && spooledNow == 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Stops once everything offered is durable — committed, or in the spool while PostgreSQL is away. */
  public void close(Duration timeout) {
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !(queue.isEmpty() && inFlight.get() == 0)) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // PostgreSQL did not take everything in time: what is left goes to the spool, written at the next start.
    List<Object> left = new ArrayList<>();
    queue.drainTo(left);
    if (!left.isEmpty() && (thread == null || !thread.isAlive())) {
      if (toSpool(left)) {
        log.warn("stopping with PostgreSQL unreachable: {} quality/turn row(s) spooled to {}, written at the next start",
            left.size(), spool.file());
      } else {
        log.error("stopping: {} quality/turn row(s) not stored ({})", left.size(),
            lastError == null ? "the writer did not finish in time" : lastError);
      }
    }
    if (spool != null) {
      spool.close();
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
            if (spooledNow > 0) {
              replay();
            }
            continue;
          }
          batch.add(first);
          inFlight.set(1);
          queue.drainTo(batch, BATCH - 1);
          inFlight.set(batch.size());
        }
        if (spooledNow > 0 && toSpool(batch)) {
          // While the spool holds rows, newer ones join it (durable at once) and it is written back as a whole.
          batch.clear();
          inFlight.set(0);
          replay();
          continue;
        }
        if (spool != null && !reachable.getAsBoolean()) {
          throw new SQLException("PostgreSQL refuses connections on its port", "08001");
        }
        write(batch);
        stored.increment(batch.size());
        batch.clear();
        inFlight.set(0);
        if (lastError != null) {
          log.info("quality/turn writer recovered: writing to PostgreSQL again");
        }
        lastError = null;
        backoffMs = 100;
      } catch (InterruptedException e) {
        return;
      } catch (SQLException | RuntimeException e) {
        failures.increment();
        if (dataError(e)) {
          // PostgreSQL refuses the data itself: retrying cannot help, and must not block later rows.
          log.error("dropping {} quality/turn rows PostgreSQL refused as data: {}", batch.size(), e.getMessage());
          dropped.increment(batch.size());
          batch.clear();
          inFlight.set(0);
          continue;
        }
        boolean first = lastError == null;
        lastError = e.getMessage();
        if (toSpool(batch)) {
          if (first) {
            log.warn("PostgreSQL unreachable ({}): quality/turn rows go to the spool {} (fsynced) and are written when "
                + "it answers again", e.getMessage(), spool.file());
          }
          batch.clear();
          inFlight.set(0);
          nextReplayNanos = System.nanoTime() + backoffMs * 1_000_000L;
          backoffMs = Math.min(5_000, backoffMs * 2);
          continue;
        }
        if (first) {
          log.warn("cannot store {} quality/turn rows (will retry with backoff, new rows are dropped when {} are queued): {}",
              batch.size(), queue.remainingCapacity() + queue.size(), e.getMessage());
        }
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException ie) {
          return;
        }
        backoffMs = Math.min(5_000, backoffMs * 2);
      }
    }
  }

  private static boolean dataError(Exception e) {
    String state = e instanceof SQLException se && se.getSQLState() != null ? se.getSQLState() : "";
    return state.startsWith("22") || state.startsWith("23");
  }

  /** Appends the batch to the spool, fsynced; false without a spool or if the disk refused it. */
  private boolean toSpool(List<Object> batch) {
    if (spool == null) {
      return false;
    }
    try {
      List<byte[]> frames = new ArrayList<>(batch.size());
      for (Object row : batch) {
        frames.add(RuntimeRowJson.encode(row));
      }
      spool.append(frames);
      spooled.increment(batch.size());
      spooledNow = spool.size();
      return true;
    } catch (IOException e) {
      log.error("cannot spool {} quality/turn row(s) to {}: {} — keeping them in memory", batch.size(), spool.file(),
          e.getMessage());
      return false;
    }
  }

  /** Writes the spool to PostgreSQL in order and empties it; false (retried later, with backoff) if it cannot. */
  private boolean replay() {
    if (System.nanoTime() < nextReplayNanos || !reachable.getAsBoolean()) {
      return false; // never wait on a database that refuses: new rows keep joining the spool meanwhile
    }
    try {
      long t0 = System.nanoTime();
      List<byte[]> frames = spool.readAll();
      List<Object> rows = new ArrayList<>(Math.min(frames.size(), BATCH));
      for (int i = 0; i < frames.size(); i++) {
        rows.add(RuntimeRowJson.decode(frames.get(i)));
        if (rows.size() == BATCH || i == frames.size() - 1) {
          write(rows);
          rows.clear();
        }
      }
      spool.clear();
      spooledNow = 0;
      stored.increment(frames.size());
      lastError = null;
      log.info("PostgreSQL is back: {} spooled quality/turn row(s) written in {} ms", frames.size(),
          (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (SQLException | IOException | RuntimeException e) {
      lastError = e.getMessage();
      nextReplayNanos = System.nanoTime() + 2_000_000_000L;
      return false;
    }
  }

  private void write(List<Object> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement samples = c.prepareStatement(RuntimeSql.INSERT_SAMPLE);
           PreparedStatement turns = c.prepareStatement(RuntimeSql.INSERT_TURN);
           PreparedStatement events = c.prepareStatement(RuntimeSql.INSERT_EVENT)) {
        int s = 0;
        int t = 0;
        int e = 0;
        for (Object row : batch) {
          if (row instanceof QualitySample q) {
            RuntimeSql.bind(samples, q);
            samples.addBatch();
            s++;
          } else if (row instanceof TurnRecord tr) {
            RuntimeSql.bind(turns, tr);
            turns.addBatch();
            t++;
          } else if (row instanceof org.telops.runtime.quality.CallEventRecord ev) {
            RuntimeSql.bind(events, ev);
            events.addBatch();
            e++;
          }
        }
        if (s > 0) {
          samples.executeBatch();
        }
        if (t > 0) {
          turns.executeBatch();
        }
        if (e > 0) {
          events.executeBatch();
        }
        if (s > 0) {
          org.telops.contracts.store.RollupMarks.mark(c, org.telops.contracts.store.RollupMarks.SAMPLES, batch.stream()
              .filter(QualitySample.class::isInstance).map(r -> ((QualitySample) r).sampledAt()).toList());
        }
        if (t > 0) {
          org.telops.contracts.store.RollupMarks.mark(c, org.telops.contracts.store.RollupMarks.TURNS, batch.stream()
              .filter(TurnRecord.class::isInstance).map(r -> ((TurnRecord) r).startedAt()).toList());
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
