package org.telops.cdr.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportQueryTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private static MultiMap params(String... kv) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < kv.length; i += 2) {
      m.add(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static long placeholders(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  @DisplayName("A bare request exports the last 24 hours as JSON, unfiltered and unlimited")
  void defaults() {
    ExportQuery q = ExportQuery.parse(params(), NOW);
    assertThat(q.to()).isEqualTo(NOW);
    assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    assertThat(q.format()).isEqualTo(ExportQuery.Format.JSON);
    assertThat(q.limit()).isNull();
    assertThat(q.carrier()).isNull();
    assertThat(q.outcome()).isNull();
    List<Object> args = q.newArgs();
    String sql = q.sql(args);
    assertThat(args).containsExactly(Timestamp.from(q.from()), Timestamp.from(NOW));
    assertThat(placeholders(sql)).isEqualTo(2);
    assertThat(sql).endsWith("ORDER BY attempted_at, call_id").doesNotContain("LIMIT");
  }

  @Test
  @DisplayName("Given only 'to', the window is the 24 hours before it; given only 'from', it runs to now")
  void oneBound() {
    ExportQuery q = ExportQuery.parse(params("to", "2026-11-01T00:00:00Z"), NOW);
    assertThat(q.from()).isEqualTo(Instant.parse("2026-10-31T00:00:00Z"));
    ExportQuery r = ExportQuery.parse(params("from", " 2026-11-01T00:00:00Z "), NOW);
    assertThat(r.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(r.to()).isEqualTo(NOW);
  }

  @ParameterizedTest(name = "from={0} to={1}")
  @DisplayName("A window whose 'from' is not before its 'to' is refused")
  @CsvSource({
    "2026-11-21T12:00:00Z, 2026-11-21T12:00:00Z",
    "2026-11-22T00:00:00Z, 2026-11-21T00:00:00Z",
  })
  void emptyWindowRefused(String from, String to) {
    assertThatThrownBy(() -> ExportQuery.parse(params("from", from, "to", to), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(from).hasMessageContaining("before");
  }

  @ParameterizedTest(name = "{0}={1}")
  @DisplayName("A bad parameter is refused with its value in the message")
  @CsvSource(delimiter = '|', value = {
    "format  | xml",
    "format  | csv2",
    "outcome | exploded",
    "limit   | 0",
    "limit   | -5",
    "limit   | abc",
    "limit   | 1.5",
    "from    | yesterday",
    "to      | 21/11/2026",
  })
  void badParameterRefused(String name, String value) {
    assertThatThrownBy(() -> ExportQuery.parse(params(name, value), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + value + "'");
  }

  @Test
  @DisplayName("Formats are case-insensitive and outcomes are normalised to their wire names")
  void normalised() {
    assertThat(ExportQuery.parse(params("format", "CSV"), NOW).format()).isEqualTo(ExportQuery.Format.CSV);
    assertThat(ExportQuery.parse(params("format", " ndjson "), NOW).format()).isEqualTo(ExportQuery.Format.NDJSON);
    assertThat(ExportQuery.parse(params("outcome", "NO_ANSWER"), NOW).outcome()).isEqualTo("no-answer");
    assertThat(ExportQuery.parse(params("outcome", " "), NOW).outcome()).isNull();
    assertThat(ExportQuery.parse(params("carrier", " twilio "), NOW).carrier()).isEqualTo("twilio");
  }

  @Test
  @DisplayName("Filter values travel only as parameters: a value with a quote never appears in the SQL text")
  void onlyPlaceholders() {
    String evil = "acme'; DROP TABLE calls; --";
    ExportQuery q = ExportQuery.parse(params("tenant", evil, "carrier", "twi'lio", "region", "us-east",
        "outcome", "busy", "limit", "500"), NOW);
    List<Object> args = q.newArgs();
    String sql = q.sql(args);
    assertThat(sql).doesNotContain("'").doesNotContain("DROP").doesNotContain("us-east").doesNotContain("busy");
    assertThat(placeholders(sql)).isEqualTo(args.size()).isEqualTo(6);
    assertThat(args.subList(2, 6)).containsExactly("twi'lio", "us-east", evil, "busy");
    assertThat(sql).contains("carrier = ?", "region = ?", "tenant_id = ?", "outcome = ?").endsWith(" LIMIT 500");
    assertThat(sql).startsWith("SELECT call_id, ").contains(" FROM calls WHERE attempted_at >= ? AND attempted_at < ?");
  }
}
