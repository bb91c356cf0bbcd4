package org.telops.quality.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Slack-compatible body of an incident notification: {@code text} (what Slack shows) and
 * {@code metadata} in Slack's message-metadata shape ({@code event_type}, {@code event_payload}) with the
 * idempotency key, the incident and its alerts for receivers that are not Slack.
 */
final class WebhookMessages {
    private WebhookMessages() {}

    /** @param event opened, breached or resolved */
    static JsonObject incident(String event, String idempotencyKey, JsonObject incident, JsonArray alerts) {
        long id = incident.getLong("incidentId");
        String stack = title(incident.getString("stack"));
        String where = incident.getString("carrier") + "/" + incident.getString("region")
                + (incident.getString("tenantId") == null ? "" : " (tenant " + incident.getString("tenantId") + ")");
        int target = incident.getInteger("targetResolutionMinutes");
        String text = switch (event) {
            case "opened" -> ":rotating_light: *Incident #" + id + " opened* — " + stack + " on " + where + ", target "
                    + target + " min (due " + incident.getString("dueAt") + ")\n" + alertLines(alerts);
            case "breached" -> ":hourglass: *Incident #" + id + " is past its " + target + " min target* — " + stack
                    + " on " + where + ", open since " + incident.getString("openedAt")
                    + (incident.getString("acknowledgedBy") == null ? ", not acknowledged"
                            : ", acknowledged by " + incident.getString("acknowledgedBy"));
            case "resolved" -> ":white_check_mark: *Incident #" + id + " resolved* by " + incident.getString("resolvedBy")
                    + " — " + stack + " on " + where + (incident.getBoolean("slaBreached") ? " (target missed)" : "");
            default -> throw new IllegalArgumentException("no notification for incident event " + event);
        };
        JsonArray alertSummaries = new JsonArray();
        for (int i = 0; i < alerts.size(); i++) {
            JsonObject a = alerts.getJsonObject(i);
            alertSummaries.add(new JsonObject().put("alertId", a.getLong("alertId")).put("rule", a.getString("rule"))
                    .put("status", a.getString("status")).put("value", a.getDouble("value"))
                    .put("threshold", a.getDouble("threshold")).put("summary", summary(a)));
        }
        return new JsonObject()
                .put("text", text)
                .put("metadata", new JsonObject()
                        .put("event_type", "telops_incident_" + event)
                        .put("event_payload", new JsonObject()
                                .put("idempotencyKey", idempotencyKey)
                                .put("event", event)
                                .put("incident", incident.copy())
                                .put("alerts", alertSummaries)));
    }

    private static String alertLines(JsonArray alerts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < alerts.size(); i++) {
            JsonObject a = alerts.getJsonObject(i);
            sb.append(i == 0 ? "" : "\n").append("• ").append(a.getString("rule")).append(": ").append(summary(a));
        }
        return sb.toString();
    }

    private static String summary(JsonObject alert) {
        JsonObject evidence = alert.getJsonObject("evidence");
        if (evidence == null) {
            return "";
        }
        JsonObject latest = evidence.getJsonObject("latest", evidence.getJsonObject("opened"));
        return latest == null ? "" : latest.getString("summary", "");
    }

    private static String title(String stackId) {
        return stackId == null || stackId.isEmpty() ? "?" : Character.toUpperCase(stackId.charAt(0)) + stackId.substring(1);
    }
}
