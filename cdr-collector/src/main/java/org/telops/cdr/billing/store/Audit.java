package org.telops.cdr.billing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One audit_log row per billing action, written in the action's own transaction. */
final class Audit {
  private Audit() {}

  static void write(Connection c, String actor, String action, String target, String detailsJson) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO audit_log (actor, action, target, details) VALUES (?, ?, ?, ?::jsonb)")) {
      ps.setString(1, actor);
      ps.setString(2, action);
      ps.setString(3, target);
      ps.setString(4, detailsJson);
      ps.executeUpdate();
    }
  }

  static String json(Object... kv) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < kv.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('"').append(kv[i]).append("\":");
      Object v = kv[i + 1];
      if (v == null || v instanceof Number || v instanceof Boolean) {
        sb.append(v);
      } else {
        sb.append('"').append(v.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
    }
    return sb.append('}').toString();
  }
}
