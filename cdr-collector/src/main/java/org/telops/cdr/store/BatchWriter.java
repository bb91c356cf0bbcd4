package org.telops.cdr.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.CallRecord;

/**
 * Bounded queue → one writer thread → PostgreSQL COPY, flushed on size or time.
 *
 * <p>Admission is all-or-nothing per batch: {@link #offerAll} reserves capacity for the whole list or
 * takes none of it, so a 503 never half-accepts a request. A batch is removed from the queue only after
 * its transaction commits; while the database is down the writer retries the same batch with backoff,
 * the queue fills, and callers get "full" instead of records being dropped.
 *
 * <p>Each batch: fragments are folded per call id in arrival order, the stored rows of those ids are
 * read, merged ({@link CdrMerge}), deleted and re-inserted with COPY in one transaction. Replaying a
 * batch therefore stores each call exactly once, and delete+insert works the same on a plain table and
 * a TimescaleDB hypertable (where a changed attemptedAt moves the row to another chunk).
 */
public final class BatchWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final DataSource dataSource;
  private final int batchSize;
  private final Duration flushInterval;
  private final Semaphore capacity;
  private final int capacityTotal;
  private final LinkedBlockingQueue<CallRecord> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Thread thread;
  private final Counter stored;
  private final Counter failures;
  private final Counter rejected;
  private final Timer flushTimer;
  private volatile boolean healthy = true;

  public BatchWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval,
                     MeterRegistry meters) {
    this.dataSource = dataSource;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
    this.capacity = new Semaphore(capacity);
    this.capacityTotal = capacity;
    this.thread = new Thread(this::loop, "telops-cdr-writer");
    this.thread.setDaemon(true);
    this.stored = Counter.builder("telops_cdr_stored").description("CDR fragments committed to PostgreSQL").register(meters);
    this.failures = Counter.builder("telops_cdr_write_failures").description("failed CDR batch writes (retried)").register(meters);
    this.rejected = Counter.builder("telops_cdr_rejected").tag("reason", "database")
        .description("CDR fragments PostgreSQL refused as invalid data").register(meters);
    this.flushTimer = Timer.builder("telops_cdr_flush").description("time to merge and COPY one batch").register(meters);
    Gauge.builder("telops_cdr_queue_depth", this, BatchWriter::pending).description("CDR fragments waiting to be written").register(meters);
  }

  public void start() {
    if (running.compareAndSet(false, true)) {
      thread.start();
    }
  }

  /** Queues every record or none; false when the queue cannot take them all (answer 503). */
  public boolean offerAll(List<CallRecord> records) {
    if (!running.get() || !capacity.tryAcquire(records.size())) {
      return false;
    }
    queue.addAll(records);
    return true;
  }

  public boolean offer(CallRecord record) {
    return offerAll(List.of(record));
  }

  public int pending() {
    return capacityTotal - capacity.availablePermits();
  }

  /** False while the last write attempt failed (database down); the readiness check reports it. */
  public boolean healthy() {
    return healthy;
  }

  public String lastError() {
    return lastError.get();
  }

  /** Waits until everything queued so far is committed, or the timeout passes. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void loop() {
    List<CallRecord> batch = new ArrayList<>(batchSize);
    long backoffMs = 100;
    while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          CallRecord first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          // Wait up to the flush interval for the batch to fill, so a trickle still gets batched.
          long deadline = System.nanoTime() + flushInterval.toNanos();
          while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            if (batch.size() >= batchSize || System.nanoTime() >= deadline) {
              break;
            }
            CallRecord next = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (next != null) {
              batch.add(next);
            }
          }
        }
        long t0 = System.nanoTime();
        writeIsolatingBadRows(batch);
        flushTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        stored.increment(batch.size());
        capacity.release(batch.size());
        batch = new ArrayList<>(batchSize);
        if (!healthy) {
          log.info("CDR writer recovered: writing to PostgreSQL again");
        }
        healthy = true;
        backoffMs = 100;
      } catch (InterruptedException e) {
        if (!running.get() && queue.isEmpty() && batch.isEmpty()) {
          return;
        }
      } catch (SQLException | RuntimeException e) {
        failures.increment();
        if (healthy) {
          log.warn("CDR writer cannot write {} record(s): {} — keeping them and retrying with backoff "
              + "(queue {} of {})", batch.size(), e.getMessage(), pending(), capacityTotal);
        }
        healthy = false;
        lastError.set(e.getMessage());
        if (!running.get() && !retryOnStop()) {
          log.error("CDR writer stopped with {} record(s) unwritten: {}", pending(), e.getMessage());
          return;
        }
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private volatile long stopDeadlineNanos;

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean retryOnStop() {
    return System.nanoTime() < stopDeadlineNanos;
  }

  /**
   * A data error (SQLState class 22 or 23: a value PostgreSQL refuses) is not an outage: retrying would
   * block every CDR behind it forever. The batch is split until the refused record is alone; that one is
   * logged with its content and counted, the rest are stored.
   */
  private void writeIsolatingBadRows(List<CallRecord> batch) throws SQLException {
    try {
      write(batch);
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
        throw e;
      }
      if (batch.size() == 1) {
        rejected.increment();
        log.error("CDR {} refused by PostgreSQL and not stored ({}): {} — record: {}", batch.get(0).callId(), state,
            e.getMessage(), org.telops.contracts.json.CallRecordJson.toJson(batch.get(0)).encode());
        return;
      }
      int half = batch.size() / 2;
      writeIsolatingBadRows(batch.subList(0, half));
      writeIsolatingBadRows(batch.subList(half, batch.size()));
    }
  }

  void write(List<CallRecord> batch) throws SQLException {
    Map<String, CdrMerge.Stored> folded = new LinkedHashMap<>();
    for (CallRecord r : batch) {
      folded.put(r.callId(), CdrMerge.merge(folded.get(r.callId()), r));
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute(CallsSql.LOCK_WRITER);
        }
        String[] ids = folded.keySet().toArray(String[]::new);
        Array idArray = c.createArrayOf("text", ids);
        Map<String, CdrMerge.Stored> existing = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(CallsSql.SELECT_BY_IDS)) {
          ps.setArray(1, idArray);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              CdrMerge.Stored s = CallsSql.read(rs);
              existing.put(s.record().callId(), s);
            }
          }
        }
        Instant now = Instant.now();
        StringBuilder copy = new StringBuilder(batch.size() * 256);
        for (Map.Entry<String, CdrMerge.Stored> e : folded.entrySet()) {
          CdrMerge.Stored merged = e.getValue();
          CdrMerge.Stored old = existing.get(e.getKey());
          if (old != null) {
            merged = replay(old, batch, e.getKey());
          }
          CallsSql.appendCopyRow(copy, merged, now);
        }
        if (!existing.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(CallsSql.DELETE_BY_IDS)) {
            ps.setArray(1, c.createArrayOf("text", existing.keySet().toArray(String[]::new)));
            ps.executeUpdate();
          }
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(CallsSql.COPY_IN, new StringReader(copy.toString()));
        c.commit();
      } catch (SQLException | RuntimeException | java.io.IOException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is likely gone; the retry opens a new one
        }
        if (e instanceof SQLException sql) {
          throw sql;
        }
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new SQLException("COPY failed: " + e.getMessage(), e);
      }
    }
  }

  /** Merges this batch's fragments for one call, in arrival order, onto the stored row. */
  private static CdrMerge.Stored replay(CdrMerge.Stored stored, List<CallRecord> batch, String callId) {
    CdrMerge.Stored s = stored;
    for (CallRecord r : batch) {
      if (r.callId().equals(callId)) {
        s = CdrMerge.merge(s, r);
      }
    }
    return s;
  }

  /** Stops accepting, writes what is queued (retrying up to {@code drainTimeout}), then stops. */
  public void close(Duration drainTimeout) {
    stopDeadlineNanos = System.nanoTime() + drainTimeout.toNanos();
    running.set(false);
    try {
      thread.join(Math.max(1, drainTimeout.toMillis() + 1_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pending() > 0) {
      log.error("CDR writer stopped with {} record(s) not written (database unreachable for {} s)", pending(),
          drainTimeout.toSeconds());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
