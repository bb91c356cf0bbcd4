package org.telops.runtime.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallEvent;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.cdr.CallReporter;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.quality.QualityJson;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;
import org.telops.runtime.session.BadInput;
import org.telops.runtime.session.SessionListener;
import org.telops.runtime.store.RuntimeTablesWriter;

/** A session's reports, one instance per socket: bus, database writer, metrics and the log. */
public final class SessionReporter implements SessionListener {
  private static final Logger log = LoggerFactory.getLogger(SessionReporter.class);

  private final Vertx vertx;
  private final MeterRegistry meters;
  private final CallReporter calls;
  private final RuntimeTablesWriter writer;
  private Supplier<String> who = () -> "stream";

  public SessionReporter(Vertx vertx, MeterRegistry meters, CallReporter calls, RuntimeTablesWriter writer) {
    this.vertx = vertx;
    this.meters = meters;
    this.calls = calls;
    this.writer = writer;
  }

  public void attach(Supplier<String> describe) {
    this.who = describe;
  }

  @Override
  public void onAnswered(CallInfo c, Instant at) {
    meters.counter("telops_runtime_calls_started", "carrier", c.carrier(), "engine", c.engine()).increment();
    calls.event(CallEvent.Type.ANSWERED, c.callId(), c.carrierCallId(), c.carrier(), c.region(), c.tenant(),
        Map.of("engine", c.engine(), "agent", c.agent() == null ? "" : c.agent()));
  }

  @Override
  public void onSample(QualitySample s) {
    vertx.eventBus().publish(Addresses.QUALITY_SAMPLES, QualityJson.sample(s));
    if (writer != null) {
      writer.offer(s);
    }
  }

  @Override
  public void onEvent(org.telops.runtime.quality.CallEventRecord e) {
    vertx.eventBus().publish(Addresses.CALL_MOMENTS, new io.vertx.core.json.JsonObject().put("callId", e.callId())
        .put("at", e.at().toString()).put("seq", e.seq()).put("kind", e.kind()).put("detail", e.detail()));
    if (writer != null) {
      writer.offer(e);
    }
  }

  @Override
  public void onTurn(TurnRecord t) {
    vertx.eventBus().publish(Addresses.CALL_TURNS, QualityJson.turn(t));
    if (writer != null) {
      writer.offer(t);
    }
    Integer added = t.runtimeAddedMs();
    if (added != null) {
      meters.timer("telops_runtime_turn_added_latency", "carrier", t.carrier()).record(added, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void onEnded(CallInfo c, CallRecord r) {
    meters.counter("telops_runtime_calls_ended", "carrier", c.carrier(), "outcome", r.outcome().wire()).increment();
    calls.event(CallEvent.Type.ENDED, c.callId(), c.carrierCallId(), c.carrier(), c.region(), c.tenant(),
        Map.of("outcome", r.outcome().wire(), "reason", r.hangupCause() == null ? "" : r.hangupCause()));
    calls.cdr(r);
  }

  @Override
  public void onBadInput(String carrier, BadInput kind, boolean firstOfKind, String detail) {
    meters.counter("telops_media_bad_frames", "carrier", carrier, "kind", kind.tag()).increment();
    if (firstOfKind) {
      log.warn("{}: {} ({}); ignored, the call goes on — further frames of this kind on this call are only counted "
          + "(telops_media_bad_frames_total)", who.get(), detail, kind.tag());
    }
  }

  @Override
  public void onCarrierError(CallInfo c, String code, String title, String detail) {
    meters.counter("telops_media_carrier_errors", "carrier", c == null ? "unknown" : c.carrier(),
        "code", code == null ? "none" : code).increment();
    log.warn("{}: carrier reports a streaming error {} {}: {}", who.get(), code, title, detail);
  }
}
