package org.telops.quality.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
    private static final Scope ACME = new Scope("acme", "twilio", "us-east");
    private static final Scope BETA = new Scope("beta", "telnyx", "eu-west");
    /** jitter > 40 ms fires, ≤ 30 ms is clean, 3 samples needed. */
    private static final AlertRule JITTER = new AlertRule(RuleKind.JITTER_HIGH, 40, 30, 60, 3);
    private final AlertEvaluator evaluator = new AlertEvaluator(3);

    @Test
    @DisplayName("A figure past the threshold on enough samples opens one alert for that scope only.")
    void opens() {
        List<Decision> d = evaluator.evaluate(JITTER,
                List.of(Observation.of(ACME, 55, 10), Observation.of(BETA, 12, 10)), List.of());
        assertThat(d).hasSize(1);
        assertThat(d.get(0)).isInstanceOf(Decision.Open.class);
        assertThat(((Decision.Open) d.get(0)).observation().scope()).isEqualTo(ACME);
    }

    @Test
    @DisplayName("Too few samples never open an alert, however bad the figure.")
    void tooFewSamples() {
        assertThat(evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 500, 2)), List.of())).isEmpty();
        assertThat(evaluator.evaluate(JITTER, List.of(Observation.of(ACME, Double.NaN, 50)), List.of())).isEmpty();
    }

    @Test
    @DisplayName("A value exactly at the threshold does not fire a strictly-greater rule, and an open alert stays open while the condition holds.")
    void thresholdIsStrictAndOpenStaysOpen() {
        assertThat(evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 40, 10)), List.of())).isEmpty();
        OpenAlert open = new OpenAlert(7, RuleKind.JITTER_HIGH, ACME, 0, 1L);
        List<Decision> d = evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 60, 10)), List.of(open));
        assertThat(d).singleElement().isInstanceOfSatisfying(Decision.Firing.class, f -> {
            assertThat(f.breaching()).isTrue();
            assertThat(f.alert().alertId()).isEqualTo(7);
        });
    }

    @Test
    @DisplayName("Inside the hysteresis band an open alert keeps firing (not breaching) and its clean streak starts again.")
    void bandHolds() {
        OpenAlert open = new OpenAlert(7, RuleKind.JITTER_HIGH, ACME, 2, 1L);
        List<Decision> d = evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 35, 10)), List.of(open));
        assertThat(d).singleElement().isInstanceOfSatisfying(Decision.Firing.class,
                f -> assertThat(f.breaching()).isFalse());
    }

    @Test
    @DisplayName("An alert resolves only after the configured number of clean evaluations in a row.")
    void resolvesAfterCleanStreak() {
        OpenAlert open = new OpenAlert(7, RuleKind.JITTER_HIGH, ACME, 0, 1L);
        Decision first = evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 20, 10)), List.of(open)).get(0);
        assertThat(first).isInstanceOfSatisfying(Decision.Clearing.class, c -> assertThat(c.cleanEvaluations()).isEqualTo(1));
        Decision third = evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 20, 10)),
                List.of(new OpenAlert(7, RuleKind.JITTER_HIGH, ACME, 2, 1L))).get(0);
        assertThat(third).isInstanceOfSatisfying(Decision.Resolve.class, r -> assertThat(r.cleanEvaluations()).isEqualTo(3));
    }

    @Test
    @DisplayName("A scope that went quiet (no data or too few samples) counts as clean, so its alert resolves instead of staying open for ever.")
    void quietScopeCountsAsClean() {
        OpenAlert open = new OpenAlert(7, RuleKind.JITTER_HIGH, ACME, 2, 1L);
        assertThat(evaluator.evaluate(JITTER, List.of(), List.of(open))).singleElement().isInstanceOf(Decision.Resolve.class);
        assertThat(evaluator.evaluate(JITTER, List.of(Observation.of(ACME, 90, 1)), List.of(open)))
                .singleElement().isInstanceOf(Decision.Resolve.class);
    }

    @Test
    @DisplayName("A figure hovering around the threshold opens one alert and no more, and resolves once after three clean evaluations.")
    void noFlapping() {
        double[] jitterMs = {45, 39, 41, 35, 42, 31, 29, 33, 28, 27, 26, 25, 41, 25};
        List<String> log = replay(JITTER, jitterMs);
        assertThat(log).containsExactly("open", "firing", "firing", "firing", "firing", "firing", "clean 1", "firing",
                "clean 1", "clean 2", "resolve", "-", "open", "clean 1");
        assertThat(log.stream().filter("open"::equals)).hasSize(2);
    }

    @Test
    @DisplayName("A below-threshold rule (MOS < 4.0, clean at 4.1) fires on low values and clears on high ones.")
    void belowRule() {
        AlertRule mos = new AlertRule(RuleKind.MOS_LOW, 4.0, 4.1, 60, 1);
        assertThat(replay(mos, new double[] {4.2, 3.9, 4.05, 4.2, 4.3, 4.4}))
                .containsExactly("-", "open", "firing", "clean 1", "clean 2", "resolve");
    }

    @Test
    @DisplayName("The probe rule fires at three consecutive failures and is clean as soon as the newest probe succeeded.")
    void probeStreak() {
        AlertRule probes = new AlertRule(RuleKind.PROBE_FAILURES, 3, 1, 120, 1);
        assertThat(replay(probes, new double[] {1, 2, 3, 4, 0, 0, 0})).containsExactly("-", "-", "open", "firing",
                "clean 1", "clean 2", "resolve");
    }

    @Test
    @DisplayName("Alerts of other rules are ignored and the streak count must be positive.")
    void otherRulesAndValidation() {
        OpenAlert mos = new OpenAlert(9, RuleKind.MOS_LOW, ACME, 0, null);
        assertThat(evaluator.evaluate(JITTER, List.of(), List.of(mos))).isEmpty();
        assertThatThrownBy(() -> new AlertEvaluator(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AlertRule(RuleKind.JITTER_HIGH, 40, 50, 60, 1))
                .hasMessageContaining("firing side");
    }

    /** Feeds one value per evaluation for ACME and keeps the alert state the way the database would. */
    private List<String> replay(AlertRule rule, double[] values) {
        List<String> log = new ArrayList<>();
        OpenAlert open = null;
        for (double v : values) {
            List<Decision> ds = evaluator.evaluate(rule, List.of(Observation.of(ACME, v, 10)),
                    open == null ? List.of() : List.of(open));
            if (ds.isEmpty()) {
                log.add("-");
                continue;
            }
            Decision d = ds.get(0);
            if (d instanceof Decision.Open) {
                open = new OpenAlert(1, rule.kind(), ACME, 0, 1L);
                log.add("open");
            } else if (d instanceof Decision.Firing) {
                open = new OpenAlert(1, rule.kind(), ACME, 0, 1L);
                log.add("firing");
            } else if (d instanceof Decision.Clearing c) {
                open = new OpenAlert(1, rule.kind(), ACME, c.cleanEvaluations(), 1L);
                log.add("clean " + c.cleanEvaluations());
            } else {
                open = null;
                log.add("resolve");
            }
        }
        return log;
    }
}
