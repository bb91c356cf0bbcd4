package org.telops.cdr.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.cdr.MapResultSet;
import org.telops.contracts.call.Attestation;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

class CopyRowTest {
  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-11-21T04:00:00.5Z");
  private static final String ID = CallIds.of("twilio", "CA42");

  private static CallRecord full() {
    return CallRecord.builder(ID).carrierCallId("CA42").carrier("twilio").region("us-east").tenant("acme")
        .agent("sales\tbot\nv2 \\ beta\r").direction(Direction.INBOUND).fromNumber("+15550100").toNumber("+15550199")
        .attemptedAt(T0).answeredAt(T0.plusSeconds(8)).endedAt(T0.plusSeconds(50)).state(CallState.ENDED)
        .outcome(CallOutcome.NO_ANSWER).hangupCause("sip-480").codec("opus").mediaPath("stream").attestation(Attestation.UNKNOWN)
        .quality(new QualitySummary(4.2, 12.5, 0.4, 80.0, 700, 1400)).usage(new Usage(42L, 38.5, 1200L, 300L, 900L))
        .cost(new Cost("USD", 13_000L, 5_000L, 2_000L, 3_000L)).source(RecordSource.CARRIER).sequence(3L).build();
  }

  private static String row(CdrMerge.Stored s) {
    StringBuilder out = new StringBuilder();
    CallsSql.appendCopyRow(out, s, UPDATED);
    return out.toString();
  }

  /** Splits one COPY text line into its fields (still escaped). */
  private static String[] fields(String line) {
    assertThat(line).endsWith("\n");
    String body = line.substring(0, line.length() - 1);
    assertThat(body).doesNotContain("\n", "\r");
    return body.split("\t", -1);
  }

  private static Map<String, String> columns(String line) {
    String[] f = fields(line);
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < f.length; i++) {
      m.put(CallsSql.COLUMNS[i], f[i].equals("\\N") ? null : unescape(f[i]));
    }
    return m;
  }

  /** PostgreSQL's reading of a COPY text field: backslash escapes for backslash, tab, newline, CR. */
  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      out.append(switch (n) {
        case 't' -> '\t';
        case 'n' -> '\n';
        case 'r' -> '\r';
        default -> n;
      });
    }
    return out.toString();
  }

  @Test
  @DisplayName("A row has exactly one field per column of CallsSql.COLUMNS and ends with one newline")
  void columnCount() {
    assertThat(fields(row(CdrMerge.Stored.of(full())))).hasSize(CallsSql.COLUMNS.length);
    assertThat(fields(row(CdrMerge.Stored.of(CallRecord.builder("c-1").build())))).hasSize(CallsSql.COLUMNS.length);
    assertThat(CallsSql.COPY_IN).contains(CallsSql.COLUMN_LIST).startsWith("COPY calls (");
  }

  @Test
  @DisplayName("Tab, newline, carriage return and backslash inside a string are escaped")
  void escapes() {
    String[] f = fields(row(CdrMerge.Stored.of(full())));
    assertThat(f[List.of(CallsSql.COLUMNS).indexOf("agent")]).isEqualTo("sales\\tbot\\nv2 \\\\ beta\\r");
  }

  @Test
  @DisplayName("Absent values are written as \\N, not as empty strings or the word null")
  void nulls() {
    Map<String, String> c = columns(row(CdrMerge.Stored.of(CallRecord.builder("c-1").build())));
    assertThat(c.get("carrier")).isNull();
    assertThat(c.get("mos")).isNull();
    assertThat(c.get("cost_total_micros")).isNull();
    assertThat(c.get("carrier_seq")).isNull();
    assertThat(c.get("media_path")).isNull();
    assertThat(c.get("state")).isEqualTo("attempted");
    assertThat(c.get("sources")).isEqualTo("api");
    assertThat(row(CdrMerge.Stored.of(CallRecord.builder("c-1").build()))).doesNotContain("null").contains("\t\\N\t");
  }

  @Test
  @DisplayName("attempted_at, which may not be null, falls back to answeredAt, then endedAt, then the update time")
  void attemptedAtFallback() {
    CallRecord none = CallRecord.builder("c-1").build();
    assertThat(columns(row(CdrMerge.Stored.of(none))).get("attempted_at")).isEqualTo(UPDATED.toString());
    CallRecord ended = none.toBuilder().endedAt(T0.plusSeconds(50)).build();
    assertThat(columns(row(CdrMerge.Stored.of(ended))).get("attempted_at")).isEqualTo(T0.plusSeconds(50).toString());
    CallRecord answered = ended.toBuilder().answeredAt(T0.plusSeconds(8)).build();
    assertThat(columns(row(CdrMerge.Stored.of(answered))).get("attempted_at")).isEqualTo(T0.plusSeconds(8).toString());
    assertThat(columns(row(CdrMerge.Stored.of(full()))).get("attempted_at")).isEqualTo(T0.toString());
  }

  @Test
  @DisplayName("Money, carrier sequence, sources and update time are written as the merge left them")
  void derivedColumns() {
    CdrMerge.Stored s = CdrMerge.merge(CdrMerge.Stored.of(full()),
        CallRecord.builder(ID).source(RecordSource.RUNTIME).codec("pcmu").mediaPath("stream+record").build());
    Map<String, String> c = columns(row(s));
    assertThat(c.get("cost_total_micros")).isEqualTo("23000");
    assertThat(c.get("carrier_seq")).isEqualTo("3");
    assertThat(c.get("sources")).isEqualTo("carrier,runtime");
    assertThat(c.get("updated_at")).isEqualTo("2026-11-21T04:00:00.500Z");
    assertThat(c.get("outcome")).isEqualTo("no-answer");
    assertThat(c.get("attestation")).isEqualTo("unknown");
    assertThat(c.get("direction")).isEqualTo("inbound");
    assertThat(c.get("codec")).as("runtime-owned: the runtime fragment's").isEqualTo("pcmu");
    assertThat(c.get("media_path")).as("runtime-owned: the runtime fragment's").isEqualTo("stream+record");
  }

  @Test
  @DisplayName("A row written with COPY reads back through CallsSql.read into the same stored record")
  void readBack() throws Exception {
    CdrMerge.Stored s = CdrMerge.merge(CdrMerge.Stored.of(full()),
        CallRecord.builder(ID).source(RecordSource.RUNTIME).build());
    CdrMerge.Stored back = CallsSql.read(MapResultSet.of(columns(row(s))));
    assertThat(back.record()).isEqualTo(s.record().toBuilder().source(RecordSource.API).build());
    assertThat(back.record().mediaPath()).isEqualTo("stream");
    assertThat(back.carrierSeq()).isEqualTo(3L);
    assertThat(back.sources()).containsExactly("carrier", "runtime");
  }

  @Test
  @DisplayName("A NUL character, which PostgreSQL text cannot hold, never reaches the COPY stream")
  void nulNeverWritten() {
    // COPY of a raw NUL fails the whole batch, and the writer retries that batch forever (a poison pill).
    CallRecord r = CallRecord.builder(ID).agent("bad\u0000agent").hangupCause("\u0000").build();
    assertThat(row(CdrMerge.Stored.of(r))).doesNotContain("\u0000");
  }
}
