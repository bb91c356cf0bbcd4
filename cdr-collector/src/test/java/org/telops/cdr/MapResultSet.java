package org.telops.cdr;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

/**
 * A one-row {@link ResultSet} over column → text (null for SQL NULL), converting like the driver does for
 * the getters the collector uses. Lets row mapping be tested without a database.
 */
public final class MapResultSet {
  private MapResultSet() {}

  public static ResultSet of(Map<String, String> row) {
    boolean[] wasNull = {false};
    return (ResultSet) Proxy.newProxyInstance(MapResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.equals("wasNull")) {
            return wasNull[0];
          }
          if (args == null || args.length != 1 || !(args[0] instanceof String col)) {
            throw new UnsupportedOperationException(method.toString());
          }
          if (!row.containsKey(col)) {
            throw new java.sql.SQLException("no column " + col);
          }
          String v = row.get(col);
          wasNull[0] = v == null;
          switch (name) {
            case "getString": return v;
            case "getTimestamp": return v == null ? null : Timestamp.from(Instant.parse(v));
            case "getDouble": return v == null ? 0.0 : Double.parseDouble(v);
            case "getLong": return v == null ? 0L : Long.parseLong(v);
            case "getInt": return v == null ? 0 : Integer.parseInt(v);
            case "getObject": return v == null ? null : typed(col, v);
            default: throw new UnsupportedOperationException(method.toString());
          }
        });
  }

  /** What getObject returns for the column's SQL type (timestamptz → Timestamp, bigint → Long, …). */
  private static Object typed(String col, String v) {
    if (col.endsWith("_at")) {
      return Timestamp.from(Instant.parse(v));
    }
    if (col.endsWith("_micros") || col.endsWith("_seconds") && !col.startsWith("stt") || col.startsWith("llm_")
        || col.equals("tts_characters") || col.equals("carrier_seq")) {
      return Long.parseLong(v);
    }
    if (col.startsWith("turn_latency")) {
      return Integer.parseInt(v);
    }
    if (col.equals("mos") || col.endsWith("_ms") || col.equals("loss_percent") || col.equals("stt_seconds")) {
      return Double.parseDouble(v);
    }
    return v;
  }
}
