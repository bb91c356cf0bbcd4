package org.telops.runtime.drills;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.telops.runtime.routing.CallRequest;

/** JSON shapes of drills, their criteria, plans, verdicts and timelines (API and database). */
public final class DrillJson {
  private DrillJson() {}

  public static JsonObject criteria(DrillDefinition.Criteria c) {
    return new JsonObject().put("maxFailoverMs", c.maxFailoverMs()).put("maxDroppedInFlight", c.maxDroppedInFlight())
        .put("minSecondaryMos", c.minSecondaryMos()).put("minSuccessPercent", c.minSuccessPercent());
  }

  /** Reads criteria, each defaulting to {@link DrillDefinition.Criteria#DEFAULT}; throws naming a bad field. */
  public static DrillDefinition.Criteria criteria(JsonObject o) {
    DrillDefinition.Criteria d = DrillDefinition.Criteria.DEFAULT;
    if (o == null) {
      return d;
    }
    return new DrillDefinition.Criteria(
        (int) number(o, "criteria.maxFailoverMs", "maxFailoverMs", d.maxFailoverMs(), 1, 600_000),
        (int) number(o, "criteria.maxDroppedInFlight", "maxDroppedInFlight", d.maxDroppedInFlight(), 0, 10_000),
        number(o, "criteria.minSecondaryMos", "minSecondaryMos", d.minSecondaryMos(), 1, 4.5),
        number(o, "criteria.minSuccessPercent", "minSuccessPercent", d.minSuccessPercent(), 0, 100));
  }

  public static JsonObject plan(DrillDefinition.Plan p) {
    return new JsonObject().put("to", p.to()).put("from", p.from()).put("tenant", p.tenant()).put("agent", p.agent())
        .put("region", p.region()).put("callsPerSecond", p.callsPerSecond()).put("inFlightCalls", p.inFlightCalls())
        .put("guardFailures", p.guardFailures());
  }

  /** Reads a plan; absent numbers take {@code defaults}' (or the config's test numbers when defaults is null). */
  public static DrillDefinition.Plan plan(JsonObject o, DrillConfig config) {
    JsonObject p = o == null ? new JsonObject() : o;
    String to = text(p, "to", config == null ? null : config.testTo());
    String from = text(p, "from", config == null ? null : config.testFrom());
    String tenant = text(p, "tenant", "drill");
    // The router's own checks: a plan that could not place a call is refused when the drill is created.
    Map<String, String> fields = new HashMap<>();
    fields.put("to", to);
    fields.put("from", from);
    fields.put("tenant", tenant);
    fields.put("agent", text(p, "agent", null));
    fields.put("region", text(p, "region", null));
    CallRequest.of(fields, "drill");
    return new DrillDefinition.Plan(to, from, tenant, text(p, "agent", null), text(p, "region", null),
        (int) number(p, "plan.callsPerSecond", "callsPerSecond", 2, 1, 20),
        (int) number(p, "plan.inFlightCalls", "inFlightCalls", 2, 0, 50),
        (int) number(p, "plan.guardFailures", "guardFailures", 3, 1, 100));
  }

  public static JsonObject definition(DrillDefinition d, ZonedDateTime nextRunAt) {
    return new JsonObject().put("id", d.id()).put("name", d.name()).put("targetCarrier", d.targetCarrier())
        .put("fault", d.fault().spec()).put("durationSeconds", d.durationSeconds()).put("criteria", criteria(d.criteria()))
        .put("schedule", d.schedule() == null ? "manual" : d.schedule()).put("window", d.window().spec())
        .put("plan", plan(d.plan())).put("enabled", d.enabled()).put("createdBy", d.createdBy())
        .put("createdAt", d.createdAt() == null ? null : d.createdAt().toString())
        .put("nextRunAt", nextRunAt == null ? null : nextRunAt.toInstant().toString());
  }

  public static JsonObject verdict(DrillJudge.Verdict v) {
    JsonArray criteria = new JsonArray();
    for (DrillJudge.CriterionResult r : v.criteria()) {
      criteria.add(new JsonObject().put("name", r.name()).put("status", r.status()).put("expected", r.expected())
          .put("actual", r.actual()));
    }
    return new JsonObject().put("status", v.status()).put("summary", v.summary()).put("criteria", criteria);
  }

  public static JsonArray timeline(DrillTimeline t) {
    JsonArray a = new JsonArray();
    for (DrillTimeline.Entry e : t.entries()) {
      a.add(new JsonObject().put("at", e.at().toString()).put("event", e.event()).put("detail", e.detail()));
    }
    return a;
  }

  public static JsonObject entry(Instant at, String event, String detail) {
    return new JsonObject().put("at", at.toString()).put("event", event).put("detail", detail);
  }

  /** Only these top-level fields are read from {@code POST /api/v1/drills}; others are refused. */
  static final Set<String> DEFINITION_FIELDS = Set.of("name", "targetCarrier", "fault", "durationSeconds", "criteria",
      "schedule", "window", "plan", "enabled", "by");

  private static String text(JsonObject o, String field, String dflt) {
    Object v = o.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("plan." + field + ": must be a string");
    }
    return s.isBlank() ? dflt : s.trim();
  }

  private static double number(JsonObject o, String path, String field, double dflt, double min, double max) {
    Object v = o.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
      throw new IllegalArgumentException(path + ": " + v + " is not a number from " + fmt(min) + " to " + fmt(max));
    }
    return n.doubleValue();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
