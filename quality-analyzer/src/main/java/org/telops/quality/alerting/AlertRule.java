package org.telops.quality.alerting;

/**
 * One configured rule.
 *
 * @param kind which figure and direction
 * @param threshold fires past this value (see {@link Direction})
 * @param clear an open alert counts an evaluation as clean only on this side of it (hysteresis)
 * @param windowSeconds the sliding window the figure is computed over, ending at evaluation time
 * @param minSamples fewer calls/turns/probes than this in the window: no verdict (never opens; counts as clean)
 */
public record AlertRule(RuleKind kind, double threshold, double clear, int windowSeconds, int minSamples) {

    public AlertRule {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (!kind.direction().validClear(threshold, clear)) {
            throw new IllegalArgumentException(kind.id() + ": clear level " + clear + " lies on the firing side of "
                    + "threshold " + threshold);
        }
        if (windowSeconds < 1 || minSamples < 1) {
            throw new IllegalArgumentException(kind.id() + ": window and minimum samples must be at least 1");
        }
    }

    public static AlertRule defaults(RuleKind kind) {
        return new AlertRule(kind, kind.defaultThreshold(), kind.defaultClear(), 300, kind.defaultMinSamples());
    }

    public String id() {
        return kind.id();
    }

    /** "jitter 62.5 ms > 40.0 ms": the figure against its threshold. */
    public String describe(double value) {
        return kind.label() + " " + kind.format(value) + " " + kind.direction().symbol() + " " + kind.format(threshold);
    }
}
