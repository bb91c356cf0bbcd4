package org.telops.carriersim.telnyx;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.call.CarrierDriver;
import org.telops.carriersim.call.Leg;
import org.telops.carriersim.call.LegPlan;
import org.telops.carriersim.call.LegStatus;
import org.telops.carriersim.call.SimCall;
import org.telops.carriersim.media.Pipe;
import org.telops.carriersim.media.StreamCodec;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * Plays Telnyx Call Control for a leg: call.initiated / call.answered / call.hangup (with hangup_cause,
 * hangup_source and call_quality_stats as strings) and streaming.started/stopped, Ed25519-signed over
 * "timestamp|body"; an inbound leg waits for the application's answer action. Media streams in
 * Telnyx's snake_case framing.
 */
public final class TelnyxDriver implements CarrierDriver {
  public static final String CARRIER = "telnyx";
  private final CarrierSim sim;
  private final TelnyxStreamCodec codec = new TelnyxStreamCodec();

  public TelnyxDriver(CarrierSim sim) {
    this.sim = sim;
  }

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public String newCallId() {
    byte[] b = new byte[30];
    ThreadLocalRandom.current().nextBytes(b);
    return "v3:" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String newStreamId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public StreamCodec codec() {
    return codec;
  }

  @Override
  public boolean streamCloseEndsCall() {
    return false;
  }

  @Override
  public void statusChanged(SimCall call, Leg leg, LegStatus status) {
    if (isTexml(leg.appUrl) && leg.inbound) {
      // A TeXML call reports its end to the application's status callback: by the sim's convention the TeXML URL's
      // path + /status (a Telnyx TeXML application names its own status callback URL).
      if (status.isFinal()) {
        postTexml(leg, texmlStatusUrl(leg.appUrl), Map.of("CallStatus", status.wire(),
            "CallDuration", String.valueOf(leg.life.durationSeconds())));
      }
      return;
    }
    String type = switch (status) {
      case INITIATED -> "call.initiated";
      case IN_PROGRESS -> "call.answered";
      case COMPLETED, BUSY, NO_ANSWER, FAILED, CANCELED -> "call.hangup";
      default -> null;
    };
    if (type == null || leg.callbackUrl == null) {
      return;
    }
    JsonObject p = payload(leg);
    switch (status) {
      case INITIATED -> p.put("state", leg.inbound ? "parked" : "bridging");
      case IN_PROGRESS -> { }
      default -> hangupDetails(call, leg, p);
    }
    send(call, leg, type, p, status.isFinal());
  }

  private void hangupDetails(SimCall call, Leg leg, JsonObject p) {
    p.put("end_time", iso(leg.life.endedAt()))
        .put("hangup_cause", leg.hangupCause)
        .put("hangup_source", leg.hangupSource)
        .put("sip_hangup_cause", switch (leg.status()) {
          case BUSY -> "486";
          case NO_ANSWER -> "480";
          case CANCELED -> "487";
          case FAILED -> "500";
          default -> "200";
        });
    Pipe in = call.media().pipeTowards(leg == call.caller);
    Pipe out = call.media().pipeTowards(leg != call.caller);
    if (in != null && out != null) {
      JsonObject inbound = new JsonObject()
          .put("packet_count", String.valueOf(in.framesProduced() - in.framesLost()))
          .put("skip_packet_count", String.valueOf(in.framesLost()))
          .put("jitter_max_variance", String.format(java.util.Locale.ROOT, "%.2f", (double) in.impairment().profile().jitterMs()))
          .put("jitter_packet_count", "0");
      if (leg.mos != null) {
        inbound.put("mos", String.format(java.util.Locale.ROOT, "%.2f", leg.mos));
      }
      p.put("call_quality_stats", new JsonObject().put("inbound", inbound).put("outbound", new JsonObject()
          .put("packet_count", String.valueOf(out.framesProduced() - out.framesLost()))
          .put("skip_packet_count", String.valueOf(out.framesLost()))));
    }
  }

  @Override
  public Future<LegPlan> offerInbound(SimCall call, Leg leg) {
    if (isTexml(leg.appUrl)) {
      // A TeXML application: the number's URL gets a signed form and answers TeXML (the same verbs as TwiML). No
      // Call Control events: the call's end goes to the application's status callback (see statusChanged).
      leg.callbackUrl = null;
      return fetchInstructions(call, leg, leg.appUrl, Map.of("CallStatus", "ringing"));
    }
    return call.awaitAnswer(sim.config().telnyxAnswerTimeoutMs());
  }

  /** A hosted number whose URL is a TeXML application (its path names texml), not a Call Control webhook. */
  static boolean isTexml(String url) {
    return url != null && url.toLowerCase(java.util.Locale.ROOT).contains("/texml");
  }

  @Override
  public Future<LegPlan> fetchInstructions(SimCall call, Leg leg, String url, Map<String, String> extra) {
    return postTexml(leg, url, extra)
        .transform(ar -> Future.succeededFuture(org.telops.carriersim.twilio.Twiml.planFrom(ar, url)));
  }

  /** A signed TeXML form request: the call's fields plus {@code extra}. */
  private Future<io.vertx.ext.web.client.HttpResponse<Buffer>> postTexml(Leg leg, String url, Map<String, String> extra) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    form.put("AccountSid", leg.accountId == null ? "" : leg.accountId);
    form.put("CallSid", leg.id);
    form.put("CallSessionId", leg.sessionId);
    form.put("From", leg.from);
    form.put("To", leg.to);
    form.put("Direction", leg.inbound ? "inbound" : "outbound-api");
    form.put("CallStatus", "in-progress");
    form.putAll(extra);
    StringBuilder encoded = new StringBuilder();
    form.forEach((k, v) -> encoded.append(encoded.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    Buffer body = Buffer.buffer(encoded.toString());
    String timestamp = String.valueOf(sim.clock().instant().getEpochSecond());
    String signature = TelnyxSignatures.sign(sim.credentials().telnyxPrivateKey(), timestamp, body.getBytes());
    return sim.webhooks().postEncodedForm(CARRIER, leg.region, "texml", url, body,
        Map.of(TelnyxSignatures.SIGNATURE_HEADER, signature, TelnyxSignatures.TIMESTAMP_HEADER, timestamp));
  }

  static String texmlStatusUrl(String texmlUrl) {
    int q = texmlUrl.indexOf('?');
    return q < 0 ? texmlUrl + "/status" : texmlUrl.substring(0, q) + "/status" + texmlUrl.substring(q);
  }

  @Override
  public String storeRecording(Leg leg, byte[] wav) {
    String id = UUID.randomUUID().toString();
    sim.recordings().put(id, new CarrierSim.StoredRecording(null, leg.id, wav));
    return id;
  }

  /** Telnyx hands out recording URLs that need no credentials (pre-signed, short-lived). */
  @Override
  public String recordingUrl(Leg leg, String recordingId) {
    return sim.selfUrl() + "/telnyx/recordings/" + recordingId + ".wav";
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public Future<LegPlan> outboundAnswered(SimCall call, Leg leg) {
    return Future.succeededFuture(leg.streamUrl == null ? LegPlan.of(LegPlan.Action.ANSWER)
        : LegPlan.stream(leg.streamUrl, null, leg.customParameters, leg.streamBidirectional, null));
  }

  @Override
  public void streamStarted(SimCall call, Leg leg, LegPlan plan, String streamId) {
    send(call, leg, "streaming.started", payload(leg).put("stream_url", plan.streamUrl()).put("stream_id", streamId), false);
  }

  @Override
  public void streamStopped(SimCall call, Leg leg, LegPlan plan, String streamId) {
    send(call, leg, "streaming.stopped", payload(leg).put("stream_url", plan == null ? null : plan.streamUrl())
        .put("stream_id", streamId), false);
  }

  private JsonObject payload(Leg leg) {
    return new JsonObject()
        .put("call_control_id", leg.id)
        .put("call_leg_id", leg.legId)
        .put("call_session_id", leg.sessionId)
        .put("client_state", leg.clientState)
        .put("connection_id", sim.config().telnyxConnectionId())
        .put("direction", leg.inbound ? "incoming" : "outgoing")
        .put("from", leg.from)
        .put("to", leg.to)
        .put("start_time", iso(leg.life.startedAt() != null ? leg.life.startedAt() : leg.life.createdAt()));
  }

  private void send(SimCall call, Leg leg, String type, JsonObject payload, boolean last) {
    if (leg.callbackUrl == null) {
      return;
    }
    String url = leg.callbackUrl;
    JsonObject event = new JsonObject()
        .put("data", new JsonObject().put("record_type", "event").put("event_type", type)
            .put("id", UUID.randomUUID().toString()).put("occurred_at", iso(sim.clock().instant())).put("payload", payload))
        .put("meta", new JsonObject().put("attempt", 1).put("delivered_to", url));
    Buffer body = event.toBuffer();
    call.channel(leg).submit(() -> {
      String timestamp = String.valueOf(sim.clock().instant().getEpochSecond());
      String signature = TelnyxSignatures.sign(sim.credentials().telnyxPrivateKey(), timestamp, body.getBytes());
      return sim.webhooks().postJson(CARRIER, leg.region, "event", url, body,
          Map.of(TelnyxSignatures.SIGNATURE_HEADER, signature, TelnyxSignatures.TIMESTAMP_HEADER, timestamp));
    }, last);
  }

  static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
