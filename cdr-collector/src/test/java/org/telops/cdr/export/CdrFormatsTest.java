package org.telops.cdr.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telops.cdr.MapResultSet;
import org.telops.cdr.store.CallsSql;

class CdrFormatsTest {

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder();
    CdrFormats.quote(out, s);
    return out.toString();
  }

  /** A stored row: every column present, most of them null. */
  private static Map<String, String> row() {
    Map<String, String> m = new HashMap<>();
    for (String c : CallsSql.COLUMNS) {
      m.put(c, null);
    }
    m.put("call_id", "c-1");
    m.put("carrier", "twilio");
    m.put("agent", "Sales, \"Tier 1\"");
    m.put("attempted_at", "2026-11-21T03:00:00Z");
    m.put("state", "ended");
    m.put("outcome", "completed");
    m.put("mos", "4.2");
    m.put("telephony_seconds", "42");
    m.put("currency", "USD");
    m.put("cost_telephony_micros", "13000");
    m.put("cost_total_micros", "1234567");
    m.put("carrier_seq", "3");
    m.put("sources", "carrier,runtime");
    m.put("media_path", "stream+record");
    m.put("updated_at", "2026-11-21T04:00:00Z");
    return m;
  }

  /** Splits one RFC 4180 record into fields, honouring quotes. */
  private static java.util.List<String> parseCsv(String line) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
      } else if (c == ',') {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }

  @ParameterizedTest(name = "[{0}] is written as [{1}]")
  @DisplayName("Fields holding a comma, quote, CR or LF are quoted with inner quotes doubled; others are left alone")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
    "plain           | plain",
    "a,b             | \"a,b\"",
    "say \"hi\"      | \"say \"\"hi\"\"\"",
    "\"              | \"\"\"\"",
    "'  padded  '    | '  padded  '",
    "semi;colon      | semi;colon",
  })
  void quoting(String in, String expected) {
    assertThat(quoted(in)).isEqualTo(expected);
  }

  @Test
  @DisplayName("Line breaks inside a field are kept inside quotes, so the record stays one CSV record")
  void lineBreaks() {
    assertThat(quoted("line1\nline2")).isEqualTo("\"line1\nline2\"");
    assertThat(quoted("cr\r")).isEqualTo("\"cr\r\"");
    assertThat(quoted("")).isEmpty();
  }

  @Test
  @DisplayName("The header ends with CRLF and names as many columns as a row has")
  void headerMatchesRow() throws Exception {
    assertThat(CdrFormats.CSV_HEADER).endsWith("\r\n").doesNotContain("\"");
    StringBuilder out = new StringBuilder();
    CdrFormats.appendCsv(out, MapResultSet.of(row()));
    assertThat(out.toString()).endsWith("\r\n");
    String header = CdrFormats.CSV_HEADER.trim();
    String record = out.substring(0, out.length() - 2);
    assertThat(parseCsv(record)).hasSameSizeAs(header.split(","));
  }

  @Test
  @DisplayName("A CSV row shows money as decimal currency units, times as ISO-8601, and nulls as empty fields")
  void rowValues() throws Exception {
    StringBuilder out = new StringBuilder();
    CdrFormats.appendCsv(out, MapResultSet.of(row()));
    java.util.List<String> header = java.util.List.of(CdrFormats.CSV_HEADER.trim().split(","));
    java.util.List<String> fields = parseCsv(out.substring(0, out.length() - 2));
    assertThat(fields.get(header.indexOf("cost_telephony"))).isEqualTo("0.013000");
    assertThat(fields.get(header.indexOf("cost_total"))).isEqualTo("1.234567");
    assertThat(fields.get(header.indexOf("attempted_at"))).isEqualTo("2026-11-21T03:00:00Z");
    assertThat(fields.get(header.indexOf("agent"))).isEqualTo("Sales, \"Tier 1\"");
    assertThat(fields.get(header.indexOf("sources"))).isEqualTo("carrier,runtime");
    assertThat(fields.get(header.indexOf("answered_at"))).isEmpty();
    assertThat(fields.get(header.indexOf("cost_stt"))).isEmpty();
    assertThat(fields.get(header.indexOf("telephony_seconds"))).isEqualTo("42");
    assertThat(fields.get(header.indexOf("media_path"))).isEqualTo("stream+record");
  }

  @Test
  @DisplayName("media_path is the last CSV column, so the columns before it keep their positions")
  void mediaPathLast() throws Exception {
    java.util.List<String> header = java.util.List.of(CdrFormats.CSV_HEADER.trim().split(","));
    assertThat(header).last().isEqualTo("media_path");
    assertThat(header).hasSize(36);
    assertThat(header.indexOf("sources")).as("where it was before media_path").isEqualTo(34);
    assertThat(header.indexOf("codec")).isEqualTo(15);
    StringBuilder out = new StringBuilder();
    CdrFormats.appendCsv(out, MapResultSet.of(row()));
    java.util.List<String> fields = parseCsv(out.substring(0, out.length() - 2));
    assertThat(fields.get(fields.size() - 1)).isEqualTo("stream+record");
    Map<String, String> unknown = row();
    unknown.put("media_path", null);
    out.setLength(0);
    CdrFormats.appendCsv(out, MapResultSet.of(unknown));
    assertThat(out.toString()).as("unknown: an empty last field").endsWith("\"carrier,runtime\",\r\n");
  }

  @Test
  @DisplayName("The JSON export shows sources and update time, not the internal source and sequence")
  void jsonRow() throws Exception {
    JsonObject o = CdrFormats.json(MapResultSet.of(row()));
    assertThat(o.getString("callId")).isEqualTo("c-1");
    assertThat(o.getString("sources")).isEqualTo("carrier,runtime");
    assertThat(o.getString("updatedAt")).isEqualTo("2026-11-21T04:00:00Z");
    assertThat(o.containsKey("source")).isFalse();
    assertThat(o.containsKey("sequence")).isFalse();
    assertThat(o.getJsonObject("cost").getLong("telephonyMicros")).isEqualTo(13_000L);
    assertThat(o.getJsonObject("quality").getDouble("mos")).isEqualTo(4.2);
    assertThat(o.getString("mediaPath")).isEqualTo("stream+record");
  }
}
