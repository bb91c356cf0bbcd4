package org.telops.quality.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * Alert evaluation settings from the environment. Every rule reads TELOPS_ALERT_&lt;RULE&gt;_THRESHOLD,
 * _CLEAR, _WINDOW_SECONDS and _MIN_SAMPLES (RULE = the rule id in upper case with underscores, e.g.
 * JITTER_HIGH), falling back to TELOPS_ALERT_WINDOW_SECONDS / TELOPS_ALERT_MIN_SAMPLES and then to the
 * rule's defaults.
 *
 * @param rules one per {@link RuleKind}, in declaration order
 * @param evaluationInterval pause between the end of one evaluation and the start of the next
 * @param clearEvaluations clean evaluations in a row that resolve an alert
 */
public record AlertingConfig(List<AlertRule> rules, Duration evaluationInterval, int clearEvaluations) {

    public static final int DEFAULT_WINDOW_SECONDS = 300;

    public AlertingConfig {
        rules = List.copyOf(rules);
    }

    public static AlertingConfig fromEnv(Map<String, String> environment) {
        Env env = new Env(environment);
        int window = env.integer("TELOPS_ALERT_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS, 1, 86_400);
        String globalMin = env.string("TELOPS_ALERT_MIN_SAMPLES", null);
        int minAll = env.integer("TELOPS_ALERT_MIN_SAMPLES", 0, 1, 1_000_000);
        List<AlertRule> rules = new ArrayList<>();
        for (RuleKind k : RuleKind.values()) {
            String p = k.envPrefix();
            double threshold = number(env, p + "_THRESHOLD", k.defaultThreshold());
            double clear = number(env, p + "_CLEAR", k.defaultClear());
            if (!k.direction().validClear(threshold, clear)) {
                throw new ConfigException(p + "_CLEAR=" + plain(clear) + " lies on the firing side of " + p
                        + "_THRESHOLD=" + plain(threshold) + " (" + k.id() + " fires when the value is "
                        + k.direction().symbol() + " the threshold): set the clear level "
                        + (k.direction() == Direction.BELOW ? "at or above" : "at or below") + " the threshold");
            }
            rules.add(new AlertRule(k, threshold, clear,
                    // Cost is judged over an hour unless set: five minutes of calls is too few to price.
                    env.integer(p + "_WINDOW_SECONDS", k.forFinance() && !environment.containsKey("TELOPS_ALERT_WINDOW_SECONDS")
                            ? 3_600 : window, 1, 86_400),
                    env.integer(p + "_MIN_SAMPLES", globalMin == null ? k.defaultMinSamples() : minAll, 1, 1_000_000)));
        }
        return new AlertingConfig(rules,
                Duration.ofMillis(env.integer("TELOPS_ALERT_EVALUATION_INTERVAL_MS", 15_000, 50, 3_600_000)),
                env.integer("TELOPS_ALERT_CLEAR_EVALUATIONS", 3, 1, 1_000));
    }

    public AlertRule rule(RuleKind kind) {
        return rules.stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TELOPS_ALERT_EVALUATION_INTERVAL_MS", String.valueOf(evaluationInterval.toMillis()));
        m.put("TELOPS_ALERT_CLEAR_EVALUATIONS", String.valueOf(clearEvaluations));
        for (AlertRule r : rules) {
            m.put(r.kind().envPrefix(), r.kind().direction().symbol() + " " + plain(r.threshold()) + ", clear at "
                    + plain(r.clear()) + ", window " + r.windowSeconds() + " s, min samples " + r.minSamples());
        }
        return m;
    }

    private static double number(Env env, String name, double defaultValue) {
        String v = env.string(name, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + "=" + v + " is not a usable number: give a non-negative decimal such as "
                    + plain(defaultValue) + " (the default)");
        }
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
