package org.telops.cdr.billing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/** Read-only figures for the finance views: variance by day of a reconciliation, and rated cost by group. */
public final class CostReads {
  /**
   * Rated cost of ended calls in one group and UTC day, micros of {@code currency}.
   *
   * @param group the value of the grouping column (carrier, region or tenant)
   * @param seconds billed telephony seconds
   */
  public record CostRow(LocalDate day, String group, String currency, long calls, long seconds, long telephonyMicros,
                        long sttMicros, long llmMicros, long ttsMicros, long totalMicros) {
    public long perCallMicros() {
      return calls == 0 ? 0 : totalMicros / calls;
    }

    public long perMinuteMicros() {
      return seconds == 0 ? 0 : totalMicros * 60 / seconds;
    }
  }

  private static final Map<String, String> GROUPS = Map.of("carrier", "carrier", "region", "region", "tenant", "tenant_id");

  private final DataSource db;

  public CostReads(DataSource db) {
    this.db = db;
  }

  /** Sum of (billed − ours) per UTC day of the calls of an invoice. */
  public Map<LocalDate, Long> varianceByDay(long invoiceId) throws SQLException {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT day, sum(delta_micros)::bigint "
        + "FROM reconciliation_items WHERE invoice_id = ? AND day IS NOT NULL GROUP BY day ORDER BY day")) {
      ps.setLong(1, invoiceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** Rated cost per UTC day and carrier, region or tenant, calls attempted in [from, to). */
  public List<CostRow> costs(Instant from, Instant to, String groupBy) throws SQLException {
    String column = GROUPS.get(groupBy);
    if (column == null) {
      throw new IllegalArgumentException("groupBy '" + groupBy + "' is not one of " + Set.copyOf(GROUPS.keySet()));
    }
    List<CostRow> out = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT (attempted_at AT TIME ZONE "
        + "'UTC')::date AS day, " + column + ", currency, count(*), coalesce(sum(billed_seconds), 0)::bigint, "
        + "coalesce(sum(cost_telephony_micros), 0)::bigint, coalesce(sum(cost_stt_micros), 0)::bigint, "
        + "coalesce(sum(cost_llm_micros), 0)::bigint, coalesce(sum(cost_tts_micros), 0)::bigint, "
        + "coalesce(sum(cost_total_micros), 0)::bigint FROM calls WHERE attempted_at >= ? AND attempted_at < ? "
        + "AND rated_at IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String cur = rs.getString(3);
          out.add(new CostRow(rs.getObject(1, LocalDate.class), rs.getString(2), cur == null ? null : cur.trim(),
              rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
        }
      }
    }
    return out;
  }
}
