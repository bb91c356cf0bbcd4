package org.telops.cdr.billing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Re-rating jobs: a row in rerate_jobs with progress (done of total calls), run on the jobs executor. */
public final class RerateJobs {
  private static final Logger log = LoggerFactory.getLogger(RerateJobs.class);

  /** A job's state: running, done or failed; {@code percent} of calls re-rated. */
  public record Job(long id, Instant from, Instant to, String carrier, String state, long total, long done,
                    double percent, String error, String startedBy, Instant startedAt, Instant finishedAt) {}

  private final DataSource db;
  private final CallRating rating;
  private final ExecutorService jobs;

  public RerateJobs(DataSource db, CallRating rating, ExecutorService jobs) {
    this.db = db;
    this.rating = rating;
    this.jobs = jobs;
  }

  public long start(Instant from, Instant to, String carrier, String actor) throws SQLException {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("to " + to + " is not after from " + from);
    }
    long id;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO rerate_jobs (period_from, period_to, carrier, "
          + "started_by, total_calls) SELECT ?, ?, ?, ?, count(*) FROM calls WHERE state = 'ended' "
          + "AND attempted_at >= ? AND attempted_at < ? AND (?::text IS NULL OR carrier = ?) RETURNING job_id")) {
        ps.setTimestamp(1, Timestamp.from(from));
        ps.setTimestamp(2, Timestamp.from(to));
        ps.setString(3, carrier);
        ps.setString(4, actor);
        ps.setTimestamp(5, Timestamp.from(from));
        ps.setTimestamp(6, Timestamp.from(to));
        ps.setString(7, carrier);
        ps.setString(8, carrier);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          id = rs.getLong(1);
        }
      }
      Audit.write(c, actor, "billing.rerate", "rerate_jobs/" + id,
          Audit.json("from", from, "to", to, "carrier", carrier));
      c.commit();
    }
    jobs.execute(() -> run(id, from, to, carrier));
    return id;
  }

  private void run(long id, Instant from, Instant to, String carrier) {
    try {
      rating.rerate(from, to, carrier, 5_000, done -> update(id, "running", done, null));
      update(id, "done", -1, null);
    } catch (SQLException | RuntimeException e) {
      log.error("re-rating job {} failed: {}", id, e.toString());
      update(id, "failed", -1, e.getMessage());
    }
  }

  private void update(long id, String state, long done, String error) {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE rerate_jobs SET "
        + "state = ?, done_calls = CASE WHEN ? >= 0 THEN ? ELSE done_calls END, error = ?, "
        + "finished_at = CASE WHEN ? = 'running' THEN NULL ELSE now() END WHERE job_id = ?")) {
      ps.setString(1, state);
      ps.setLong(2, done);
      ps.setLong(3, done);
      ps.setString(4, error);
      ps.setString(5, state);
      ps.setLong(6, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      log.warn("re-rating job {}: progress not saved: {}", id, e.toString());
    }
  }

  public Job status(long id) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT period_from, period_to, "
        + "carrier, state, total_calls, done_calls, error, started_by, started_at, finished_at FROM rerate_jobs "
        + "WHERE job_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no re-rating job " + id);
        }
        long total = rs.getLong(5);
        long done = rs.getLong(6);
        Timestamp fin = rs.getTimestamp(10);
        return new Job(id, rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getString(3),
            rs.getString(4), total, done, total == 0 ? 100.0 : Math.min(100.0, Math.round(done * 1000.0 / total) / 10.0),
            rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(), fin == null ? null : fin.toInstant());
      }
    }
  }
}
