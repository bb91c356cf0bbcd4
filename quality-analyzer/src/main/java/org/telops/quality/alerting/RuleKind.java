package org.telops.quality.alerting;

import java.util.Locale;

/**
 * The alert rules and their defaults (REFERENCE.md, "operating thresholds"). Each value is computed per
 * tenant, carrier and region over the rule's sliding window; see {@code AlertingSql} for the SQL and
 * the module README for where each figure comes from.
 */
public enum RuleKind {
    MOS_LOW("mos-low", "MOS", "", Direction.BELOW, 4.0, 4.1, 5),
    JITTER_HIGH("jitter-high", "jitter", "ms", Direction.ABOVE, 40, 30, 5),
    LOSS_HIGH("loss-high", "packet loss", "%", Direction.ABOVE, 1.0, 0.5, 5),
    ONE_WAY_LATENCY_HIGH("one-way-latency-high", "one-way latency", "ms", Direction.ABOVE, 150, 130, 5),
    TURN_LATENCY_P95("turn-latency-p95", "turn latency P95", "ms", Direction.ABOVE, 800, 700, 20),
    TURN_LATENCY_P99("turn-latency-p99", "turn latency P99", "ms", Direction.ABOVE, 1000, 900, 20),
    CALL_SUCCESS_LOW("call-success-low", "call success", "%", Direction.BELOW, 95, 97, 20),
    /** Consecutive failed probes of a carrier in a region, newest first; clear = the newest probe succeeded. */
    PROBE_FAILURES("probe-failures", "consecutive failed probes", "", Direction.AT_LEAST, 3, 1, 1),
    /**
     * Seed rule R19: cost per call or per minute over the window (default 1 h) against the same carrier and tenant's
     * trailing 7 days, as a ratio (2.0 = twice the baseline). A money matter: it notifies finance, it pages nobody
     * and opens no incident.
     */
    COST_ANOMALY("cost-anomaly", "cost vs its 7-day baseline", "×", Direction.ABOVE, 2.0, 1.5, 20),
    /**
     * STT, LLM or TTS provider failures (an error or timeout the pipeline engine answered with its fallback or polite
     * line: {@code call_events} kind {@code provider-failure}) per 100 turns. The failing stage names the stack.
     */
    PROVIDER_FAILURES("provider-failures", "AI provider failures per 100 turns", "%", Direction.ABOVE, 5, 1, 10),
    /**
     * Word error rate of the probes' spoken phrases (probe_results.wer) per carrier and region over the window, minus
     * the same region's mean over the 24 h before it, in percentage points: a weak offline recogniser has a high but
     * steady WER, so the rise is what tells a degraded path. Needs {@code AlertingSql.WER_BASELINE_MIN_PROBES} baseline
     * probes. Loss or a low MOS in the window names Audio, else Intelligence.
     */
    WER_HIGH("wer-high", "probe WER above its 24 h baseline", "pts", Direction.ABOVE, 15, 5, 5);

    private final String id;
    private final String label;
    private final String unit;
    private final Direction direction;
    private final double defaultThreshold;
    private final double defaultClear;
    private final int defaultMinSamples;

    RuleKind(String id, String label, String unit, Direction direction, double defaultThreshold,
             double defaultClear, int defaultMinSamples) {
        this.id = id;
        this.label = label;
        this.unit = unit;
        this.direction = direction;
        this.defaultThreshold = defaultThreshold;
        this.defaultClear = defaultClear;
        this.defaultMinSamples = defaultMinSamples;
    }

    /** The name in the API, the database and logs, e.g. "jitter-high". */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    public double defaultClear() {
        return defaultClear;
    }

    public int defaultMinSamples() {
        return defaultMinSamples;
    }

    /** True for rules whose alerts go to finance (notification target "finance") and open no on-call incident. */
    public boolean forFinance() {
        return this == COST_ANOMALY;
    }

    /** Prefix of this rule's variables, e.g. TELOPS_ALERT_JITTER_HIGH (then _THRESHOLD, _CLEAR …). */
    public String envPrefix() {
        return "TELOPS_ALERT_" + name();
    }

    /** "62.5 ms", "0.8 %", "3.62": a value the way people read this figure. */
    public String format(double value) {
        String number = Double.isNaN(value) ? "n/a"
                : this == PROBE_FAILURES ? String.valueOf(Math.round(value))
                : this == MOS_LOW || this == COST_ANOMALY ? String.format(Locale.ROOT, "%.2f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** Null when no rule has this id. */
    public static RuleKind byId(String id) {
        for (RuleKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
