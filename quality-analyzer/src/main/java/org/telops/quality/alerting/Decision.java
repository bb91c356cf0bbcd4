package org.telops.quality.alerting;

/** What one evaluation does to one rule and scope. */
public sealed interface Decision {

    /** The figure crossed the threshold and no alert was open: open one (once). */
    record Open(AlertRule rule, Observation observation) implements Decision {}

    /**
     * An open alert whose condition still holds ({@code breaching}) or sits in the hysteresis band
     * between threshold and clear level: stays open, its clean streak starts again from zero.
     */
    record Firing(AlertRule rule, OpenAlert alert, Observation observation, boolean breaching) implements Decision {}

    /** A clean evaluation, but fewer in a row than needed to resolve. */
    record Clearing(AlertRule rule, OpenAlert alert, Observation observation, int cleanEvaluations) implements Decision {}

    /** Enough clean evaluations in a row: the alert resolves itself. */
    record Resolve(AlertRule rule, OpenAlert alert, Observation observation, int cleanEvaluations) implements Decision {}
}
