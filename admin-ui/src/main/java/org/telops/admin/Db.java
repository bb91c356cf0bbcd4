package org.telops.admin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Read-only queries of the console: short statements with a timeout, so a slow query never hangs a screen. */
public final class Db {
  /** A screen's query gives up after this long and says so, rather than holding the operator's page. */
  static final int QUERY_TIMEOUT_SECONDS = 15;

  private Db() {}

  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  public static <T> List<T> list(String sql, Row<T> row, Object... args) {
    try (Connection c = Services.get().db().getConnection()) {
      c.setReadOnly(true);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          List<T> out = new ArrayList<>();
          while (rs.next()) {
            out.add(row.map(rs));
          }
          return out;
        }
      } finally {
        c.setReadOnly(false);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the database did not answer (" + e.getMessage()
          + "); check /health/ready and the platform log", e);
    }
  }

  public static <T> T one(String sql, Row<T> row, Object... args) {
    List<T> l = list(sql, row, args);
    return l.isEmpty() ? null : l.get(0);
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        ps.setTimestamp(i + 1, Timestamp.from(t));
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  public static Double dbl(ResultSet rs, String column) throws SQLException {
    double d = rs.getDouble(column);
    return rs.wasNull() ? null : d;
  }

  public static Long lng(ResultSet rs, String column) throws SQLException {
    long d = rs.getLong(column);
    return rs.wasNull() ? null : d;
  }
}
