package org.telops.cdr.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.json.CallRecordJson;

/**
 * Bounded queue → writer lanes → PostgreSQL COPY, flushed on size or time.
 *
 * <p>Admission is all-or-nothing per batch: {@link #offerAll} reserves capacity for the whole list or
 * takes none of it, so a 503 never half-accepts a request. A record leaves the queue only after its
 * transaction commits; while the database is down each lane retries the same batch with backoff, the
 * queue fills, and callers get "full" instead of records being dropped.
 *
 * <p>Lanes: records are split by call id over {@code lanes} threads, each with its own connection and
 * advisory lock ({@link CallsCommit}), so one lane builds its COPY while PostgreSQL indexes another's.
 * Every fragment of one call goes to the same lane, in arrival order, so the merge sees them in order.
 */
public final class BatchWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final DataSource dataSource;
  private final int batchSize;
  private final Duration flushInterval;
  private final Semaphore capacity;
  private final int capacityTotal;
  private final Lane[] lanes;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Counter stored;
  private final Counter failures;
  private final Counter rejected;
  private final Counter spooled;
  private final java.util.function.BooleanSupplier reachable;
  private final Timer flushTimer;
  private volatile long stopDeadlineNanos;

  public BatchWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval, int lanes,
                     MeterRegistry meters) {
    this(dataSource, capacity, batchSize, flushInterval, lanes, meters, null);
  }

  /**
   * @param spoolDir where each lane spools what PostgreSQL cannot take (fsynced, replayed in order when it answers
   *     again); null = no spool: records wait in the queue and a full queue answers 503
   */
  public BatchWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval, int lanes,
                     MeterRegistry meters, java.nio.file.Path spoolDir) {
    this(dataSource, capacity, batchSize, flushInterval, lanes, meters, spoolDir, () -> true);
  }

  /**
   * @param reachable whether PostgreSQL's port answers ({@link org.telops.contracts.store.DatabaseReachability}): while
   *     it does not, batches are spooled at once instead of waiting on the pool
   */
  public BatchWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval, int lanes,
                     MeterRegistry meters, java.nio.file.Path spoolDir, java.util.function.BooleanSupplier reachable) {
    this.reachable = reachable;
    this.dataSource = dataSource;
    this.batchSize = batchSize;
    this.flushInterval = flushInterval;
    this.capacity = new Semaphore(capacity);
    this.capacityTotal = capacity;
    this.lanes = new Lane[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new Lane(i, spoolDir);
    }
    this.stored = Counter.builder("telops_cdr_stored").description("CDR fragments committed to PostgreSQL").register(meters);
    this.failures = Counter.builder("telops_cdr_write_failures").description("failed CDR batch writes (retried)").register(meters);
    this.rejected = Counter.builder("telops_cdr_rejected").tag("reason", "database")
        .description("CDR fragments PostgreSQL refused as invalid data").register(meters);
    this.spooled = Counter.builder("telops_cdr_spooled").description("CDR fragments written to the local spool while PostgreSQL was unreachable").register(meters);
    Gauge.builder("telops_cdr_spool_records", this, BatchWriter::spooledNow).description("CDR fragments in the local spool now").register(meters);
    this.flushTimer = Timer.builder("telops_cdr_flush").description("time to merge and COPY one batch").register(meters);
    Gauge.builder("telops_cdr_queue_depth", this, BatchWriter::pending).description("CDR fragments waiting to be written").register(meters);
  }

  public void start() {
    if (running.compareAndSet(false, true)) {
      for (Lane lane : lanes) {
        lane.thread.start();
      }
    }
  }

  /** Queues every record or none; false when the queue cannot take them all (answer 503). */
  public boolean offerAll(List<CallRecord> records) {
    return enqueue(records, null);
  }

  /**
   * Queues every record or none, like {@link #offerAll}, and returns a future completed once every one of them is
   * committed (group commit: the request waits for the batch its records went into, not for a transaction of its
   * own), or failed if the writer stops with some unwritten. Null when the queue cannot take them all (503).
   */
  public java.util.concurrent.CompletableFuture<Void> offerAllDurable(List<CallRecord> records) {
    Ticket ticket = new Ticket(records.size());
    return enqueue(records, ticket) ? ticket.done : null;
  }

  private boolean enqueue(List<CallRecord> records, Ticket ticket) {
    if (!running.get() || !capacity.tryAcquire(records.size())) {
      return false;
    }
    for (CallRecord r : records) {
      // String.hashCode is specified, so every collector process sends a call to the same lane number.
      lanes[lanes.length == 1 ? 0 : Math.floorMod(r.callId().hashCode(), lanes.length)].queue.add(new Entry(r, ticket));
    }
    if (records.isEmpty() && ticket != null) {
      ticket.done.complete(null);
    }
    return true;
  }

  /** A queued record and, for a durable offer, the request waiting for it. */
  private record Entry(CallRecord record, Ticket ticket) {}

  /** Counts a durable request's records down as their batches commit. */
  private static final class Ticket {
    final java.util.concurrent.atomic.AtomicInteger remaining;
    final java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();

    Ticket(int records) {
      remaining = new java.util.concurrent.atomic.AtomicInteger(records);
    }
  }

  private static void committed(List<Entry> batch) {
    for (Entry e : batch) {
      if (e.ticket() != null && e.ticket().remaining.decrementAndGet() == 0) {
        e.ticket().done.complete(null);
      }
    }
  }

  private static void abandoned(java.util.Collection<Entry> entries, String why) {
    for (Entry e : entries) {
      if (e.ticket() != null) {
        e.ticket().done.completeExceptionally(new IllegalStateException(why));
      }
    }
  }

  public boolean offer(CallRecord record) {
    return offerAll(List.of(record));
  }

  public int pending() {
    return capacityTotal - capacity.availablePermits();
  }

  /** False while a lane's last write attempt failed (database down) or its spool holds records; readiness reports it. */
  public boolean healthy() {
    for (Lane lane : lanes) {
      if (!lane.healthy || (lane.spool != null && !lane.spool.isEmpty())) {
        return false;
      }
    }
    return true;
  }

  /** True when every lane has a working spool, so records are acknowledged from disk while PostgreSQL is away. */
  public boolean spooling() {
    for (Lane lane : lanes) {
      if (lane.spool == null) {
        return false;
      }
    }
    return true;
  }

  /** Records in the local spools now, waiting for PostgreSQL. */
  public long spooledNow() {
    long n = 0;
    for (Lane lane : lanes) {
      n += lane.spool == null ? 0 : lane.spool.size();
    }
    return n;
  }

  public String lastError() {
    return lastError.get();
  }

  /** Waits until everything queued so far is committed, or the timeout passes. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending() > 0 || spooledNow() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Stops accepting, writes what is queued (retrying up to {@code drainTimeout}), then stops. */
  public void close(Duration drainTimeout) {
    stopDeadlineNanos = System.nanoTime() + drainTimeout.toNanos();
    running.set(false);
    long joinUntil = System.nanoTime() + drainTimeout.toNanos() + 1_000_000_000L;
    for (Lane lane : lanes) {
      try {
        lane.thread.join(Math.max(1, (joinUntil - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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

  /** One writer thread with its own queue, connection per batch and advisory lock. */
  private final class Lane {
    final int number;
    final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    final Thread thread;
    volatile boolean healthy = true;

    final Spool spool;
    private long nextReplayNanos;

    Lane(int number, java.nio.file.Path spoolDir) {
      this.number = number;
      Spool s = null;
      if (spoolDir != null) {
        try {
          s = new Spool(spoolDir, number);
        } catch (java.io.IOException e) {
          log.error("CDR writer lane {}: no spool in {} ({}); records wait in memory while PostgreSQL is away", number, spoolDir, e.getMessage());
        }
      }
      this.spool = s;
      this.thread = new Thread(this::loop, "telops-cdr-writer-" + number);
      this.thread.setDaemon(true);
    }

    private void loop() {
      List<Entry> batch = new ArrayList<>(batchSize);
      long backoffMs = 100;
      while (running.get() || !queue.isEmpty() || !batch.isEmpty()) {
        try {
          if (batch.isEmpty() && !fill(batch)) {
            if (spool != null && !spool.isEmpty() && running.get()) {
              replay();
            }
            continue;
          }
          if (spool != null && !spool.isEmpty() && !(running.get() && replay())) {
            // Order per call: while the spool holds records, newer ones join it until it is written.
            toSpool(batch);
            batch = new ArrayList<>(batchSize);
            continue;
          }
          long t0 = System.nanoTime();
          if (spool != null && !reachable.getAsBoolean()) {
            throw new SQLException("PostgreSQL refuses connections on its port", "08001");
          }
          writeIsolatingBadRows(batch.stream().map(Entry::record).toList());
          flushTimer.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
          committed(batch);
          stored.increment(batch.size());
          capacity.release(batch.size());
          batch = new ArrayList<>(batchSize);
          if (!healthy) {
            log.info("CDR writer lane {} recovered: writing to PostgreSQL again", number);
          }
          healthy = true;
          backoffMs = 100;
        } catch (InterruptedException e) {
          if (!running.get() && queue.isEmpty() && batch.isEmpty()) {
            return;
          }
        } catch (SQLException | RuntimeException e) {
          failures.increment();
          if (spool != null && toSpool(batch)) {
            if (healthy) {
              log.warn("CDR writer lane {}: PostgreSQL unreachable ({}) — CDRs go to the spool {} (fsynced before they "
                  + "are acknowledged) and are written when it answers again", number, e.getMessage(), spool.file());
            }
            healthy = false;
            lastError.set(e.getMessage() + "; " + spooledNow() + " record(s) in the local spool");
            batch = new ArrayList<>(batchSize);
            nextReplayNanos = System.nanoTime() + backoffMs * 1_000_000L;
            backoffMs = Math.min(backoffMs * 2, 5_000);
            continue;
          }
          if (healthy) {
            log.warn("CDR writer lane {} cannot write {} record(s): {} — keeping them and retrying with backoff "
                + "(queue {} of {})", number, batch.size(), e.getMessage(), pending(), capacityTotal);
          }
          healthy = false;
          lastError.set(e.getMessage());
          if (!running.get() && System.nanoTime() >= stopDeadlineNanos) {
            log.error("CDR writer lane {} stopped with {} record(s) unwritten: {}", number, batch.size() + queue.size(), e.getMessage());
            abandoned(batch, "not stored: the database was unreachable until the stop (" + e.getMessage() + ")");
            abandoned(queue, "not stored: the database was unreachable until the stop (" + e.getMessage() + ")");
            return;
          }
          sleep(backoffMs);
          backoffMs = Math.min(backoffMs * 2, 5_000);
        }
      }
    }

    /** Appends the batch to the spool (fsynced) and acknowledges it; false if the disk refused it too. */
    private boolean toSpool(List<Entry> batch) {
      try {
        spool.append(batch.stream().map(Entry::record).toList());
      } catch (java.io.IOException io) {
        log.error("CDR writer lane {}: cannot spool {} record(s) to {}: {} — keeping them in memory", number, batch.size(),
            spool.file(), io.getMessage());
        return false;
      }
      spooled.increment(batch.size());
      committed(batch);
      capacity.release(batch.size());
      return true;
    }

    /** Writes the spool to PostgreSQL in order and empties it; false (retried later, with backoff) if it cannot. */
    private boolean replay() {
      if (System.nanoTime() < nextReplayNanos || !reachable.getAsBoolean()) {
        return false; // never wait on a database that refuses: new records keep joining the spool meanwhile
      }
      try {
        List<CallRecord> all = spool.readAll();
        long t0 = System.nanoTime();
        for (int i = 0; i < all.size(); i += batchSize) {
          // Re-writing a fragment already merged leaves the row as it was, so a replay cut short and redone
          // stores each record once.
          writeIsolatingBadRows(all.subList(i, Math.min(all.size(), i + batchSize)));
        }
        spool.clear();
        stored.increment(all.size());
        healthy = true;
        lastError.set(null);
        log.info("CDR writer lane {}: PostgreSQL is back; {} spooled record(s) written in {} ms", number, all.size(),
            (System.nanoTime() - t0) / 1_000_000);
        return true;
      } catch (SQLException | RuntimeException | java.io.IOException e) {
        nextReplayNanos = System.nanoTime() + 2_000_000_000L;
        return false;
      }
    }

    /** Waits up to the flush interval for the batch to fill, so a trickle still gets batched. */
    private boolean fill(List<Entry> batch) throws InterruptedException {
      Entry first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
      if (first == null) {
        return false;
      }
      batch.add(first);
      long deadline = System.nanoTime() + flushInterval.toNanos();
      while (batch.size() < batchSize) {
        queue.drainTo(batch, batchSize - batch.size());
        if (batch.size() >= batchSize || System.nanoTime() >= deadline) {
          break;
        }
        Entry next = queue.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
        if (next != null) {
          batch.add(next);
        }
      }
      return true;
    }

    /**
     * A data error (SQLState class 22 or 23: a value PostgreSQL refuses) is not an outage: retrying would
     * block every CDR behind it forever. The batch is split until the refused record is alone; that one is
     * logged with its content and counted, the rest are stored.
     */
    private void writeIsolatingBadRows(List<CallRecord> batch) throws SQLException {
      try {
        CallsCommit.write(dataSource, number, batch);
      } catch (SQLException e) {
        String state = e.getSQLState();
        if (state == null || !(state.startsWith("22") || state.startsWith("23"))) {
          throw e;
        }
        if (batch.size() == 1) {
          rejected.increment();
          log.error("CDR {} refused by PostgreSQL and not stored ({}): {} — record: {}", batch.get(0).callId(), state,
              e.getMessage(), CallRecordJson.toJson(batch.get(0)).encode());
          return;
        }
        int half = batch.size() / 2;
        writeIsolatingBadRows(batch.subList(0, half));
        writeIsolatingBadRows(batch.subList(half, batch.size()));
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
