package org.telops.quality.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LatencyQueryTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    @DisplayName("Without parameters it is turn latency by carrier and region over the last hour.")
    void defaults() {
        LatencyQuery q = LatencyQuery.parse(Map.of(), NOW);
        assertThat(q.metric()).isEqualTo(LatencyQuery.Metric.TURN);
        assertThat(q.by()).containsExactly("carrier", "region");
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-21T11:00:00Z"));
        assertThat(q.to()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("Grouping accepts tenant, carrier and region in any order, once each; an empty 'by' groups everything together.")
    void grouping() {
        assertThat(LatencyQuery.parse(Map.of("by", "region, tenant,region", "metric", "one_way"), NOW).by())
                .containsExactly("region", "tenant");
        assertThat(LatencyQuery.parse(Map.of("by", ""), NOW).by()).isEmpty();
        assertThat(LatencySql.turn(List.of())).contains("HAVING count(*) > 0").doesNotContain("GROUP BY");
        assertThat(LatencySql.oneWay(List.of("carrier"))).contains("GROUP BY carrier").contains("percentile_cont(0.99)");
    }

    @Test
    @DisplayName("An unknown metric, group or window is refused with what is allowed.")
    void refused() {
        assertThatThrownBy(() -> LatencyQuery.parse(Map.of("metric", "rtt"), NOW))
                .hasMessage("metric 'rtt' is not one of turn, one_way");
        assertThatThrownBy(() -> LatencyQuery.parse(Map.of("by", "carrier,agent"), NOW))
                .hasMessage("by 'agent' is not one of tenant, carrier, region");
        assertThatThrownBy(() -> LatencyQuery.parse(Map.of("from", "2026-11-21T12:00:00Z"), NOW))
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> LatencyQuery.parse(Map.of("window", "1h"), NOW)).hasMessageContaining("[window]");
    }
}
