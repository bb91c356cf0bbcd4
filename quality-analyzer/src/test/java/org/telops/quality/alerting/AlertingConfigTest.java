package org.telops.quality.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

class AlertingConfigTest {

    @Test
    @DisplayName("Without variables the rules use the research thresholds: MOS < 4.0, jitter > 40 ms, loss > 1 %, turn P95 > 800 and P99 > 1000 ms, success < 95 %, one-way > 150 ms.")
    void defaults() {
        AlertingConfig c = AlertingConfig.fromEnv(Map.of());
        assertThat(c.rules()).hasSize(RuleKind.values().length);
        assertThat(c.rule(RuleKind.MOS_LOW).threshold()).isEqualTo(4.0);
        assertThat(c.rule(RuleKind.JITTER_HIGH).threshold()).isEqualTo(40);
        assertThat(c.rule(RuleKind.LOSS_HIGH).threshold()).isEqualTo(1.0);
        assertThat(c.rule(RuleKind.TURN_LATENCY_P95).threshold()).isEqualTo(800);
        assertThat(c.rule(RuleKind.TURN_LATENCY_P99).threshold()).isEqualTo(1000);
        assertThat(c.rule(RuleKind.CALL_SUCCESS_LOW).threshold()).isEqualTo(95);
        assertThat(c.rule(RuleKind.ONE_WAY_LATENCY_HIGH).threshold()).isEqualTo(150);
        assertThat(c.rule(RuleKind.PROBE_FAILURES).threshold()).isEqualTo(3);
        assertThat(c.rule(RuleKind.COST_ANOMALY).threshold()).isEqualTo(2.0);
        // Quality rules look at 5 minutes; cost (R19, finance) at an hour, since a few minutes of calls cannot be priced.
        assertThat(c.rules()).allSatisfy(r -> assertThat(r.windowSeconds()).isEqualTo(r.kind().forFinance() ? 3600 : 300));
        assertThat(c.evaluationInterval().toMillis()).isEqualTo(15_000);
        assertThat(c.clearEvaluations()).isEqualTo(3);
    }

    @Test
    @DisplayName("A rule's own variables beat the global window and minimum, which beat the rule defaults.")
    void overrides() {
        AlertingConfig c = AlertingConfig.fromEnv(Map.of(
                "TELOPS_ALERT_WINDOW_SECONDS", "60",
                "TELOPS_ALERT_MIN_SAMPLES", "2",
                "TELOPS_ALERT_JITTER_HIGH_THRESHOLD", "55.5",
                "TELOPS_ALERT_JITTER_HIGH_CLEAR", "50",
                "TELOPS_ALERT_JITTER_HIGH_WINDOW_SECONDS", "120",
                "TELOPS_ALERT_CALL_SUCCESS_LOW_MIN_SAMPLES", "50",
                "TELOPS_ALERT_EVALUATION_INTERVAL_MS", "200",
                "TELOPS_ALERT_CLEAR_EVALUATIONS", "5"));
        AlertRule jitter = c.rule(RuleKind.JITTER_HIGH);
        assertThat(jitter.threshold()).isEqualTo(55.5);
        assertThat(jitter.clear()).isEqualTo(50);
        assertThat(jitter.windowSeconds()).isEqualTo(120);
        assertThat(jitter.minSamples()).isEqualTo(2);
        assertThat(c.rule(RuleKind.MOS_LOW).windowSeconds()).isEqualTo(60);
        assertThat(c.rule(RuleKind.CALL_SUCCESS_LOW).minSamples()).isEqualTo(50);
        assertThat(c.evaluationInterval().toMillis()).isEqualTo(200);
        assertThat(c.clearEvaluations()).isEqualTo(5);
        assertThat(c.describe()).containsEntry("TELOPS_ALERT_JITTER_HIGH", "> 55.5, clear at 50, window 120 s, min samples 2");
    }

    @Test
    @DisplayName("A clear level on the firing side of its threshold stops start-up with both variables named.")
    void clearOnTheWrongSide() {
        assertThatThrownBy(() -> AlertingConfig.fromEnv(Map.of("TELOPS_ALERT_MOS_LOW_CLEAR", "3.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TELOPS_ALERT_MOS_LOW_CLEAR=3.5")
                .hasMessageContaining("TELOPS_ALERT_MOS_LOW_THRESHOLD=4")
                .hasMessageContaining("at or above");
    }

    @Test
    @DisplayName("A threshold that is not a non-negative number names the variable, the value and the default.")
    void badNumber() {
        assertThatThrownBy(() -> AlertingConfig.fromEnv(Map.of("TELOPS_ALERT_LOSS_HIGH_THRESHOLD", "one")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("TELOPS_ALERT_LOSS_HIGH_THRESHOLD=one is not a usable number: give a non-negative decimal "
                        + "such as 1 (the default)");
        assertThatThrownBy(() -> AlertingConfig.fromEnv(Map.of("TELOPS_ALERT_EVALUATION_INTERVAL_MS", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TELOPS_ALERT_EVALUATION_INTERVAL_MS=5");
    }
}
