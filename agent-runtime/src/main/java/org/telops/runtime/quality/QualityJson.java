package org.telops.runtime.quality;

import io.vertx.core.json.JsonObject;

/**
 * Bus shapes of {@link QualitySample} and {@link TurnRecord} (camelCase, units in names, absent = omitted).
 * They live here until contracts grows codecs for these addresses.
 */
public final class QualityJson {
  private QualityJson() {}

  public static JsonObject sample(QualitySample s) {
    JsonObject o = new JsonObject()
        .put("callId", s.callId())
        .put("sampledAt", s.sampledAt().toString())
        .put("mos", round(s.mos(), 3))
        .put("jitterMs", round(s.jitterMs(), 3))
        .put("lossPercent", round(s.lossPercent(), 3))
        .put("framesReceived", s.framesReceived())
        .put("framesMissing", s.framesMissing())
        .put("framesReordered", s.framesReordered())
        .put("maxGapMs", round(s.maxGapMs(), 3));
    putIf(o, "tenant", s.tenant());
    putIf(o, "carrier", s.carrier());
    putIf(o, "region", s.region());
    putIf(o, "markRttMs", s.markRttMs() == null ? null : round(s.markRttMs(), 3));
    return o;
  }

  public static JsonObject turn(TurnRecord t) {
    JsonObject o = new JsonObject()
        .put("callId", t.callId())
        .put("turnNo", t.turnNo())
        .put("startedAt", t.startedAt().toString())
        .put("bargedIn", t.bargedIn());
    putIf(o, "tenant", t.tenant());
    putIf(o, "carrier", t.carrier());
    putIf(o, "region", t.region());
    putIf(o, "engine", t.engine());
    putIf(o, "eosDetectMs", t.eosDetectMs());
    putIf(o, "sttMs", t.sttMs());
    putIf(o, "llmFirstTokenMs", t.llmFirstTokenMs());
    putIf(o, "ttsFirstByteMs", t.ttsFirstByteMs());
    putIf(o, "firstAudioMs", t.firstAudioMs());
    putIf(o, "trigger", t.trigger());
    return o;
  }

  private static void putIf(JsonObject o, String k, Object v) {
    if (v != null) {
      o.put(k, v);
    }
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }
}
