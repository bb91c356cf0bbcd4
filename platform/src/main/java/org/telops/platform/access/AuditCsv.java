package org.telops.platform.access;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The audit log as RFC 4180 CSV, one row per entry, columns as in the JSON. */
final class AuditCsv {
  static final String[] COLUMNS = {"at", "actor", "actorKind", "role", "action", "target", "reason", "sourceAddress", "outcome"};

  private AuditCsv() {}

  static String of(JsonArray entries) {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (int i = 0; i < entries.size(); i++) {
      JsonObject e = entries.getJsonObject(i);
      for (int c = 0; c < COLUMNS.length; c++) {
        if (c > 0) {
          sb.append(',');
        }
        sb.append(cell(e.getValue(COLUMNS[c])));
      }
      sb.append("\r\n");
    }
    return sb.toString();
  }

  static String cell(Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString();
    // A leading = + - @ would run as a formula in a spreadsheet: quote it with a leading apostrophe.
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    boolean quote = s.startsWith("'") || s.chars().anyMatch(ch -> ch == '"' || ch == ',' || ch == '\r' || ch == '\n');
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
