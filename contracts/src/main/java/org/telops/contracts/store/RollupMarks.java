package org.telops.contracts.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How a writer keeps the dashboards' rollups (migration V12) current: in the transaction that writes rows, it marks
 * the five-minute buckets their time falls in ({@code rollup_dirty}); {@code telops_refresh_rollups()} recomputes the
 * marked buckets at its next run. One statement per write, a handful of rows: cheap beside the write itself.
 */
public final class RollupMarks {
  public static final String CALLS = "calls";
  public static final String SAMPLES = "samples";
  public static final String TURNS = "turns";

  private static final String MARK = "INSERT INTO rollup_dirty (source, bucket) SELECT ?, to_timestamp(b) FROM unnest(?) AS b";

  private RollupMarks() {}

  /** Marks the buckets of {@code times} (nulls skipped) for {@code source}, on the caller's connection and transaction. */
  public static void mark(Connection c, String source, Collection<Instant> times) throws SQLException {
    Set<Long> buckets = new LinkedHashSet<>();
    for (Instant t : times) {
      if (t != null) {
        buckets.add(Math.floorDiv(t.getEpochSecond(), 300) * 300);
      }
    }
    if (buckets.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(MARK)) {
      ps.setString(1, source);
      ps.setArray(2, c.createArrayOf("float8", buckets.stream().map(Long::doubleValue).toArray()));
      ps.executeUpdate();
    }
  }
}
