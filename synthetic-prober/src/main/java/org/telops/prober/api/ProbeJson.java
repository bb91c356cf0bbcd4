package org.telops.prober.api;

import io.vertx.core.json.JsonObject;
import org.telops.prober.probe.ProbeResult;
import org.telops.prober.store.HealthRow;
import org.telops.prober.store.ProbeReads;

/** The probe API's JSON (camelCase, times ISO-8601 UTC, money integer micros with its currency). */
public final class ProbeJson {
  private ProbeJson() {}

  public static JsonObject result(ProbeResult r) {
    JsonObject o = new JsonObject()
        .put("probeId", r.probeId().toString()).put("probedAt", r.probedAt().toString())
        .put("region", r.region()).put("carrier", r.carrier()).put("target", r.target()).put("callId", r.callId())
        .put("outcome", r.outcome()).put("reason", r.reason())
        .put("connectMs", r.connectMs()).put("firstAudioMs", r.firstAudioMs()).put("roundTripMs", r.roundTripMs())
        .put("jitterMs", r.jitterMs()).put("lossPercent", r.lossPercent()).put("mos", r.mos())
        .put("digitsSent", r.digitsSent()).put("digitsReceived", r.digitsReceived())
        .put("wer", r.wer()).put("phrase", r.phrase()).put("transcript", r.transcript())
        .put("durationSeconds", r.durationSeconds()).put("costMicros", r.costMicros()).put("currency", r.currency());
    if (r.detail() != null) {
      o.put("detail", r.detail());
    }
    return o;
  }

  public static JsonObject percentiles(Percentiles p) {
    return new JsonObject().put("samples", p.samples()).put("p50", round(p.p50())).put("p95", round(p.p95()))
        .put("p99", round(p.p99()));
  }

  public static JsonObject health(HealthRow h) {
    return new JsonObject().put("status", h.status().wire()).put("consecutiveFailures", h.consecutiveFailures())
        .put("consecutiveSuccesses", h.consecutiveSuccesses()).put("lastReason", h.lastReason())
        .put("changedAt", h.changedAt() == null ? null : h.changedAt().toString());
  }

  public static JsonObject dayCost(ProbeReads.DayCost d) {
    return new JsonObject().put("day", d.day().toString()).put("region", d.region()).put("carrier", d.carrier())
        .put("probes", d.probes()).put("seconds", d.seconds()).put("billedMinutes", d.billedMinutes())
        .put("costMicros", d.costMicros()).put("currency", d.currency());
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 10) / 10.0;
  }
}
