package org.telops.cdr.export;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.telops.cdr.store.CallsSql;
import org.telops.cdr.store.CdrMerge;
import org.telops.contracts.json.CallRecordJson;

/** Row formatting for the export: RFC 4180 CSV (header, CRLF, quoted where needed) and JSON. */
public final class CdrFormats {
  private CdrFormats() {}

  /**
   * CSV columns: the table's, with money as decimal currency units for spreadsheets. Columns added later go last,
   * so a spreadsheet or loader reading by position keeps working.
   */
  public static final String CSV_HEADER = String.join(",",
      "call_id", "carrier_call_id", "carrier", "region", "tenant", "agent", "direction", "from", "to",
      "attempted_at", "answered_at", "ended_at", "state", "outcome", "hangup_cause", "codec", "attestation",
      "mos", "jitter_ms", "loss_percent", "one_way_latency_ms", "turn_latency_p50_ms", "turn_latency_p95_ms",
      "telephony_seconds", "stt_seconds", "llm_tokens_in", "llm_tokens_out", "tts_characters", "currency",
      "cost_telephony", "cost_stt", "cost_llm", "cost_tts", "cost_total", "sources", "media_path") + "\r\n";

  private static final String[] CSV_SOURCE_COLUMNS = {
    "call_id", "carrier_call_id", "carrier", "region", "tenant_id", "agent", "direction", "from_number", "to_number",
    "attempted_at", "answered_at", "ended_at", "state", "outcome", "hangup_cause", "codec", "attestation",
    "mos", "jitter_ms", "loss_percent", "one_way_latency_ms", "turn_latency_p50_ms", "turn_latency_p95_ms",
    "telephony_seconds", "stt_seconds", "llm_tokens_in", "llm_tokens_out", "tts_characters", "currency",
    "cost_telephony_micros", "cost_stt_micros", "cost_llm_micros", "cost_tts_micros", "cost_total_micros", "sources",
    "media_path"
  };

  public static void appendCsv(StringBuilder out, ResultSet rs) throws SQLException {
    for (int i = 0; i < CSV_SOURCE_COLUMNS.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String col = CSV_SOURCE_COLUMNS[i];
      Object v = rs.getObject(col);
      if (v == null) {
        continue;
      }
      String text;
      if (v instanceof Timestamp t) {
        text = t.toInstant().toString();
      } else if (col.endsWith("_micros")) {
        text = BigDecimal.valueOf(((Number) v).longValue(), 6).toPlainString();
      } else {
        text = v.toString().trim();
      }
      quote(out, text);
    }
    out.append("\r\n");
  }

  public static JsonObject json(ResultSet rs) throws SQLException {
    CdrMerge.Stored s = CallsSql.read(rs);
    JsonObject o = CallRecordJson.toJson(s.record());
    o.remove("source");
    o.remove("sequence");
    o.put("sources", s.sourcesText());
    Timestamp updated = rs.getTimestamp("updated_at");
    if (updated != null) {
      o.put("updatedAt", updated.toInstant().toString());
    }
    return o;
  }

  /** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
  static void quote(StringBuilder out, String s) {
    boolean needs = false;
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!needs) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
