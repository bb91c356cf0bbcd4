package org.telops.prober.store;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.region.HealthStatus;
import org.telops.prober.region.HealthTransition;

/** The spool's form of one probe's write: the result, the region's state after it and the transition it caused. */
final class ProbeSpoolJson {
  private ProbeSpoolJson() {}

  record Entry(ProbeResult result, HealthRow health, Optional<HealthTransition> transition) {}

  static byte[] encode(Entry e) {
    ProbeResult r = e.result();
    JsonObject result = new JsonObject().put("probeId", r.probeId().toString()).put("probedAt", r.probedAt().toString())
        .put("region", r.region()).put("carrier", r.carrier()).put("target", r.target()).put("callId", r.callId())
        .put("success", r.success()).put("reason", r.reason()).put("detail", r.detail()).put("connectMs", r.connectMs())
        .put("firstAudioMs", r.firstAudioMs()).put("roundTripMs", r.roundTripMs()).put("jitterMs", r.jitterMs())
        .put("lossPercent", r.lossPercent()).put("mos", r.mos()).put("digitsSent", r.digitsSent())
        .put("digitsReceived", r.digitsReceived()).put("wer", r.wer()).put("phrase", r.phrase())
        .put("transcript", r.transcript()).put("durationSeconds", r.durationSeconds())
        .put("currency", r.currency()).put("costMicros", r.costMicros());
    HealthRow h = e.health();
    JsonObject health = new JsonObject().put("region", h.region()).put("carrier", h.carrier())
        .put("status", h.status().wire()).put("consecutiveFailures", h.consecutiveFailures())
        .put("consecutiveSuccesses", h.consecutiveSuccesses()).put("lastReason", h.lastReason())
        .put("changedAt", h.changedAt() == null ? null : h.changedAt().toString());
    JsonObject j = new JsonObject().put("result", result).put("health", health);
    e.transition().ifPresent(t -> j.put("transition", new JsonObject().put("region", t.region())
        .put("carrier", t.carrier()).put("from", t.from() == null ? null : t.from().wire()).put("to", t.to().wire())
        .put("reason", t.reason()).put("at", t.at().toString())));
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }

  static Entry decode(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    JsonObject r = j.getJsonObject("result");
    ProbeResult result = new ProbeResult(UUID.fromString(r.getString("probeId")), Instant.parse(r.getString("probedAt")),
        r.getString("region"), r.getString("carrier"), r.getString("target"), r.getString("callId"),
        r.getBoolean("success"), r.getString("reason"), r.getString("detail"), r.getInteger("connectMs"),
        r.getInteger("firstAudioMs"), r.getInteger("roundTripMs"), r.getDouble("jitterMs"), r.getDouble("lossPercent"),
        r.getDouble("mos"), r.getString("digitsSent"), r.getString("digitsReceived"), r.getDouble("wer"),
        r.getString("phrase"), r.getString("transcript"), r.getInteger("durationSeconds"),
        r.getString("currency"), r.getLong("costMicros"));
    JsonObject h = j.getJsonObject("health");
    HealthRow health = new HealthRow(h.getString("region"), h.getString("carrier"),
        HealthStatus.fromWire(h.getString("status")), h.getInteger("consecutiveFailures"),
        h.getInteger("consecutiveSuccesses"), h.getString("lastReason"),
        h.getString("changedAt") == null ? null : Instant.parse(h.getString("changedAt")));
    JsonObject t = j.getJsonObject("transition");
    Optional<HealthTransition> transition = t == null ? Optional.empty() : Optional.of(new HealthTransition(
        t.getString("region"), t.getString("carrier"), t.getString("from") == null ? null : HealthStatus.fromWire(t.getString("from")),
        HealthStatus.fromWire(t.getString("to")), t.getString("reason"), Instant.parse(t.getString("at"))));
    return new Entry(result, health, transition);
  }
}
