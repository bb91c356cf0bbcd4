package org.telops.quality.alerting;

/**
 * Which side of its threshold a rule fires on, and where "clean" starts on the other side. The gap
 * between the threshold and the clear level is the hysteresis band: a value inside it neither opens
 * an alert nor counts towards resolving one.
 */
public enum Direction {
    /** Fires when value &gt; threshold; clean when value &le; clear (clear &le; threshold). */
    ABOVE(">"),
    /** Fires when value &lt; threshold; clean when value &ge; clear (clear &ge; threshold). */
    BELOW("<"),
    /** Fires when value &ge; threshold (counts, e.g. consecutive failures); clean when value &lt; clear. */
    AT_LEAST(">=");

    private final String symbol;

    Direction(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case ABOVE -> value > threshold;
            case BELOW -> value < threshold;
            case AT_LEAST -> value >= threshold;
        };
    }

    public boolean clean(double value, double clear) {
        return switch (this) {
            case ABOVE -> value <= clear;
            case BELOW -> value >= clear;
            case AT_LEAST -> value < clear;
        };
    }

    /** True when {@code clear} lies on the clean side of (or at) {@code threshold}. */
    public boolean validClear(double threshold, double clear) {
        return this == BELOW ? clear >= threshold : clear <= threshold;
    }
}
