package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grafana PostgreSQL macro expansion")
class GrafanaSqlTest {
  private static final Instant FROM = Instant.parse("2026-12-04T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-05T10:00:00.250Z");
  private final GrafanaSql plain = new GrafanaSql(FROM, TO, false);
  private final GrafanaSql timescale = new GrafanaSql(FROM, TO, true);

  @Test
  @DisplayName("$__timeFilter becomes BETWEEN two RFC 3339 instants in UTC, fraction trimmed as Go prints it.")
  void timeFilter() {
    assertThat(plain.expandMacros("WHERE $__timeFilter(attempted_at) AND x"))
        .isEqualTo("WHERE attempted_at BETWEEN '2026-12-04T10:00:00Z' AND '2026-12-05T10:00:00.25Z' AND x");
    assertThat(plain.expandMacros("$__timeFrom() $__timeTo()")).isEqualTo("'2026-12-04T10:00:00Z' '2026-12-05T10:00:00.25Z'");
  }

  @Test
  @DisplayName("$__timeGroup is floor(extract(epoch …)) on plain PostgreSQL and time_bucket with TimescaleDB; the Alias form adds AS \"time\".")
  void timeGroupBothForms() {
    assertThat(plain.expandMacros("$__timeGroup(at,'5m')")).isEqualTo("floor(extract(epoch from at)/300)*300");
    assertThat(timescale.expandMacros("$__timeGroup(at, '5m')")).isEqualTo("time_bucket('300.000s',at)");
    assertThat(plain.expandMacros("$__timeGroupAlias(at,'1h')")).isEqualTo("floor(extract(epoch from at)/3600)*3600 AS \"time\"");
    assertThat(timescale.expandMacros("$__timeGroupAlias(at,'1m')")).isEqualTo("time_bucket('60.000s',at) AS \"time\"");
  }

  @Test
  @DisplayName("Epoch macros use Unix seconds.")
  void unixEpoch() {
    assertThat(plain.expandMacros("$__unixEpochFilter(t)")).isEqualTo("t >= 1796378400 AND t <= 1796464800");
    assertThat(plain.expandMacros("$__unixEpochGroupAlias(t,'5m')")).isEqualTo("floor((t)/300)*300 AS \"time\"");
  }

  @Test
  @DisplayName("An unknown macro or a bad interval is refused with the macro named.")
  void refusesUnknown() {
    assertThatThrownBy(() -> plain.expandMacros("$__timeFilterr(at)")).hasMessageContaining("$__timeFilterr(at)");
    assertThatThrownBy(() -> plain.expandMacros("$__timeGroup(at,'5 minutes')")).hasMessageContaining("'5 minutes'");
  }

  @Test
  @DisplayName("Multi-value variables become a quoted SQL list, quotes doubled; unknown names and macros are left alone.")
  void variables() {
    Map<String, List<String>> vars = Map.of("carrier", List.of("twilio", "o'neil"), "tenant", List.of("acme"));
    assertThat(GrafanaSql.interpolate("carrier IN ($carrier) AND t IN (${tenant}) AND r IN ([[tenant]]) AND $__timeFilter(a) $other", vars))
        .isEqualTo("carrier IN ('twilio','o''neil') AND t IN ('acme') AND r IN ('acme') AND $__timeFilter(a) $other");
  }
}
