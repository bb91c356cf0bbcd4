package org.telops.quality.alerting;

/**
 * An alert that is open now, as the evaluator needs it.
 *
 * @param cleanEvaluations consecutive clean evaluations so far (resolves at the configured count)
 * @param incidentId the incident it joined, or null
 */
public record OpenAlert(long alertId, RuleKind kind, Scope scope, int cleanEvaluations, Long incidentId) {}
