package org.telops.runtime.store;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/** The spool's form of a quality sample or a turn record: one JSON object, {@code kind} saying which. */
final class RuntimeRowJson {
  private RuntimeRowJson() {}

  static byte[] encode(Object row) {
    JsonObject j;
    if (row instanceof QualitySample s) {
      j = new JsonObject().put("kind", "sample").put("callId", s.callId()).put("sampledAt", s.sampledAt().toString())
          .put("tenant", s.tenant()).put("carrier", s.carrier()).put("region", s.region()).put("mos", s.mos())
          .put("jitterMs", s.jitterMs()).put("lossPercent", s.lossPercent()).put("framesReceived", s.framesReceived())
          .put("framesMissing", s.framesMissing()).put("framesReordered", s.framesReordered())
          .put("maxGapMs", s.maxGapMs()).put("markRttMs", s.markRttMs());
    } else if (row instanceof TurnRecord t) {
      j = new JsonObject().put("kind", "turn").put("callId", t.callId()).put("turnNo", t.turnNo())
          .put("startedAt", t.startedAt().toString()).put("tenant", t.tenant()).put("carrier", t.carrier())
          .put("region", t.region()).put("engine", t.engine()).put("eosDetectMs", t.eosDetectMs())
          .put("sttMs", t.sttMs()).put("llmFirstTokenMs", t.llmFirstTokenMs()).put("ttsFirstByteMs", t.ttsFirstByteMs())
          .put("firstAudioMs", t.firstAudioMs()).put("bargedIn", t.bargedIn()).put("trigger", t.trigger());
    } else if (row instanceof org.telops.runtime.quality.CallEventRecord e) {
      j = new JsonObject().put("kind", "event").put("callId", e.callId()).put("at", e.at().toString())
          .put("seq", e.seq()).put("event", e.kind()).put("detail", e.detail());
    } else {
      throw new IllegalArgumentException("not a quality/turn row: " + row.getClass().getName());
    }
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }

  static Object decode(byte[] bytes) {
    JsonObject j = new JsonObject(new String(bytes, StandardCharsets.UTF_8));
    return switch (j.getString("kind")) {
      case "sample" -> new QualitySample(j.getString("callId"), Instant.parse(j.getString("sampledAt")),
          j.getString("tenant"), j.getString("carrier"), j.getString("region"), j.getDouble("mos"),
          j.getDouble("jitterMs"), j.getDouble("lossPercent"), j.getLong("framesReceived"), j.getLong("framesMissing"),
          j.getLong("framesReordered"), j.getDouble("maxGapMs"), j.getDouble("markRttMs"));
      case "turn" -> new TurnRecord(j.getString("callId"), j.getInteger("turnNo"), Instant.parse(j.getString("startedAt")),
          j.getString("tenant"), j.getString("carrier"), j.getString("region"), j.getString("engine"),
          j.getInteger("eosDetectMs"), j.getInteger("sttMs"), j.getInteger("llmFirstTokenMs"),
          j.getInteger("ttsFirstByteMs"), j.getInteger("firstAudioMs"), j.getBoolean("bargedIn"), j.getString("trigger"));
      case "event" -> new org.telops.runtime.quality.CallEventRecord(j.getString("callId"), Instant.parse(j.getString("at")),
          j.getInteger("seq"), j.getString("event"), j.getString("detail"));
      default -> throw new IllegalArgumentException("unknown spooled row kind " + j.getString("kind"));
    };
  }
}
