package org.telops.quality.evaluation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.telops.quality.alerting.AlertRule;
import org.telops.quality.alerting.Observation;
import org.telops.quality.triage.Classification;

/**
 * alerts.evidence: the rule and its settings, the triage, the figures when the alert opened
 * ({@code opened}) and at the latest evaluation ({@code latest}), and the clean streak.
 */
final class Evidence {
    private Evidence() {}

    static JsonObject opened(AlertRule rule, Observation o, Classification triage, Instant now) {
        JsonObject snapshot = snapshot(rule, o, now);
        return new JsonObject()
                .put("rule", rule.id())
                .put("stack", triage.stack().id())
                .put("triage", triage.reason())
                .put("direction", rule.kind().direction().symbol())
                .put("threshold", rule.threshold())
                .put("clear", rule.clear())
                .put("windowSeconds", rule.windowSeconds())
                .put("minSamples", rule.minSamples())
                .put("opened", snapshot)
                .put("latest", snapshot)
                .put("cleanEvaluations", 0);
    }

    /** The figures of one evaluation: window, value, sample count, affected calls (ids), triage inputs. */
    static JsonObject snapshot(AlertRule rule, Observation o, Instant now) {
        JsonObject s = new JsonObject()
                .put("at", now.toString())
                .put("windowFrom", now.minusSeconds(rule.windowSeconds()).toString())
                .put("windowTo", now.toString())
                .put("value", Double.isNaN(o.value()) ? null : o.value())
                .put("samples", o.samples())
                .put("affectedCalls", o.affectedCalls())
                .put("callIds", new JsonArray(o.callIds().stream().map(Object.class::cast).toList()))
                .put("summary", o.usable(rule.minSamples()) ? rule.describe(o.value())
                        : "too few samples (" + o.samples() + " < " + rule.minSamples() + ")");
        if (!o.componentsMs().isEmpty()) {
            JsonObject comp = new JsonObject();
            o.componentsMs().forEach(comp::put);
            s.put("componentsMs", comp);
        }
        if (o.topReason() != null) {
            s.put("topReason", o.topReason());
        }
        return s;
    }
}
