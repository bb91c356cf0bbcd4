package org.telops.contracts.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The audit log over the {@code audit_log} table (migration V6). The table refuses UPDATE, DELETE and
 * TRUNCATE with a trigger, so rows can only be appended. Blocking: call off the event loop.
 */
public final class JdbcAuditLog implements AuditLog {
  private final DataSource dataSource;

  public JdbcAuditLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void append(AuditEntry e) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (at, actor, actor_kind, role, action, target, reason, source_address, outcome) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setTimestamp(1, Timestamp.from(e.at()));
      ps.setString(2, e.actor().name());
      ps.setString(3, e.actor().kind().wireName());
      ps.setString(4, e.actor().role().wireName());
      ps.setString(5, e.action());
      ps.setString(6, e.target());
      ps.setString(7, truncate(e.reason(), 1000));
      ps.setString(8, e.actor().sourceAddress());
      ps.setString(9, truncate(e.outcome(), 1000));
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot write the audit row for " + e.action() + ": " + ex.getMessage(), ex);
    }
  }

  @Override
  public List<AuditEntry> query(Instant from, Instant to, String actor, String action, int limit) {
    StringBuilder sql = new StringBuilder("SELECT at, actor, actor_kind, role, action, target, reason, source_address, outcome "
        + "FROM audit_log WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (from != null) {
      sql.append(" AND at >= ?");
      args.add(Timestamp.from(from));
    }
    if (to != null) {
      sql.append(" AND at < ?");
      args.add(Timestamp.from(to));
    }
    if (actor != null) {
      sql.append(" AND actor = ?");
      args.add(actor);
    }
    if (action != null) {
      sql.append(" AND action = ?");
      args.add(action);
    }
    sql.append(" ORDER BY at DESC, audit_id DESC LIMIT ?");
    args.add(limit);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Actor a = new Actor(rs.getString(2), rs.getString(4) == null ? Role.ADMIN : Role.parse(rs.getString(4)), Actor.Kind.parse(rs.getString(3)), rs.getString(8));
          out.add(new AuditEntry(rs.getTimestamp(1).toInstant(), a, rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(9)));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot read the audit log: " + ex.getMessage(), ex);
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
