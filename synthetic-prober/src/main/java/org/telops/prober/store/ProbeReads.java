package org.telops.prober.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.telops.prober.probe.ProbeResult;

/** What the probe API reads. Blocking JDBC: call it from a worker thread. */
public final class ProbeReads {
  /** Per region, outcome and reason over a window. */
  public record Count(String region, boolean success, String reason, long probes, Instant lastAt) {}

  /** One UTC day of one region's probing: minutes and what they cost. */
  public record DayCost(LocalDate day, String region, String carrier, String currency, long probes, long seconds,
                        long billedMinutes, long costMicros) {}

  private final DataSource dataSource;

  public ProbeReads(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<ProbeResult> list(Instant from, Instant to, String region, int limit) throws SQLException {
    List<ProbeResult> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.LIST)) {
      window(ps, from, to, region);
      ps.setInt(5, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ProbeResult((UUID) rs.getObject("probe_id"), rs.getTimestamp("probed_at").toInstant(),
              rs.getString("region"), rs.getString("carrier"), rs.getString("target"), rs.getString("call_id"),
              "success".equals(rs.getString("outcome")), rs.getString("reason"), null, integer(rs, "connect_ms"),
              integer(rs, "first_audio_ms"), integer(rs, "round_trip_ms"), dbl(rs, "jitter_ms"), dbl(rs, "loss_percent"),
              dbl(rs, "mos"), rs.getString("digits_sent"), rs.getString("digits_received"), dbl(rs, "wer"),
              rs.getString("phrase_sent"), rs.getString("phrase_heard"), integer(rs, "duration_seconds"),
              rs.getString("currency"), (Long) rs.getObject("cost_micros")));
        }
      }
    }
    return out;
  }

  /** Round trips per region in the window, each array sorted ascending. */
  public Map<String, long[]> roundTrips(Instant from, Instant to, String region) throws SQLException {
    Map<String, List<Long>> lists = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.ROUND_TRIPS)) {
      window(ps, from, to, region);
      ps.setFetchSize(10_000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lists.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
        }
      }
    }
    Map<String, long[]> out = new LinkedHashMap<>();
    lists.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
    return out;
  }

  public List<Count> counts(Instant from, Instant to) throws SQLException {
    List<Count> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.COUNTS)) {
      ps.setObject(1, ProbeStore.utc(from));
      ps.setObject(2, ProbeStore.utc(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String reason = rs.getString("reason");
          out.add(new Count(rs.getString("region"), "success".equals(rs.getString("outcome")),
              reason.isEmpty() ? null : reason, rs.getLong("probes"), rs.getTimestamp("last_at").toInstant()));
        }
      }
    }
    return out;
  }

  public List<DayCost> costPerDay(Instant from, Instant to, String region) throws SQLException {
    List<DayCost> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ProbeSql.COST_PER_DAY)) {
      window(ps, from, to, region);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String currency = rs.getString("currency");
          out.add(new DayCost(rs.getObject("day", LocalDate.class), rs.getString("region"), rs.getString("carrier"),
              currency.isEmpty() ? null : currency, rs.getLong("probes"), rs.getLong("seconds"),
              rs.getLong("billed_minutes"), rs.getLong("cost_micros")));
        }
      }
    }
    return out;
  }

  private static void window(PreparedStatement ps, Instant from, Instant to, String region) throws SQLException {
    ps.setObject(1, ProbeStore.utc(from));
    ps.setObject(2, ProbeStore.utc(to));
    ps.setString(3, region);
    ps.setString(4, region);
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int v = rs.getInt(column);
    return rs.wasNull() ? null : v;
  }

  private static Double dbl(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
