package org.telops.carriersim.twilio;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.call.CarrierDriver;
import org.telops.carriersim.call.Leg;
import org.telops.carriersim.call.LegPlan;
import org.telops.carriersim.call.LegStatus;
import org.telops.carriersim.call.SimCall;
import org.telops.carriersim.media.StreamCodec;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Plays Twilio for a leg: status callbacks (form POST, X-Twilio-Signature, SequenceNumber, Timestamp,
 * CallDuration, price), the voice webhook of a hosted number and the caller's Url/Twiml (TwiML read by
 * {@link Twiml}), stream status callbacks, and Media Streams framing.
 */
public final class TwilioDriver implements CarrierDriver {
  public static final String CARRIER = "twilio";
  private final CarrierSim sim;
  private final TwilioStreamCodec codec = new TwilioStreamCodec();

  public TwilioDriver(CarrierSim sim) {
    this.sim = sim;
  }

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public String newCallId() {
    return "CA" + hex32();
  }

  @Override
  public String newStreamId() {
    return "MZ" + hex32();
  }

  @Override
  public StreamCodec codec() {
    return codec;
  }

  @Override
  public java.util.Map<String, String> streamHandshakeHeaders(String url) {
    return java.util.Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(sim.credentials().twilioAuthToken(), url,
        java.util.Map.of()));
  }

  @Override
  public boolean streamCloseEndsCall() {
    return true;
  }

  @Override
  public void statusChanged(SimCall call, Leg leg, LegStatus status) {
    if (leg.callbackUrl == null || status == LegStatus.QUEUED || !leg.callbackEvents.contains(status.callbackEvent())) {
      return;
    }
    Map<String, String> form = callParams(leg, status.wire());
    form.put("Timestamp", TwilioFormats.date(sim.clock().instant()));
    form.put("SequenceNumber", String.valueOf(leg.nextSequence++));
    form.put("CallbackSource", "call-progress-events");
    if (status.isFinal()) {
      long seconds = leg.life.durationSeconds();
      form.put("CallDuration", String.valueOf(seconds));
      // Duration: billed minutes, as Twilio rounds them.
      form.put("Duration", String.valueOf((sim.config().rates().billedSeconds(seconds) + 59) / 60));
      // Twilio leaves price to the Call resource; the sim also puts it here so a collector can rate at once.
      form.put("Price", TwilioFormats.price(leg.priceMicros == null ? 0 : leg.priceMicros));
      form.put("PriceUnit", sim.config().rates().currency());
      form.put("SipResponseCode", switch (status) {
        case BUSY -> "486";
        case NO_ANSWER -> "480";
        case CANCELED -> "487";
        case FAILED -> "500";
        default -> "200";
      });
      if (leg.errorCode != null) {
        form.put("ErrorCode", leg.errorCode);
      }
    }
    String url = leg.callbackUrl;
    call.channel(leg).submit(() -> post(leg, "status", url, form), status.isFinal());
  }

  @Override
  public Future<LegPlan> offerInbound(SimCall call, Leg leg) {
    return fetchTwiml(leg, leg.appUrl, "ringing");
  }

  @Override
  public Future<LegPlan> outboundAnswered(SimCall call, Leg leg) {
    if (leg.inlineTwiml != null) {
      return Future.succeededFuture(parse(leg.inlineTwiml));
    }
    return leg.appUrl == null ? Future.succeededFuture(LegPlan.of(LegPlan.Action.ANSWER))
        : fetchTwiml(leg, leg.appUrl, LegStatus.IN_PROGRESS.wire());
  }

  @Override
  public void streamStarted(SimCall call, Leg leg, LegPlan plan, String streamId) {
    streamStatus(call, leg, plan, streamId, "stream-started");
  }

  @Override
  public void streamStopped(SimCall call, Leg leg, LegPlan plan, String streamId) {
    streamStatus(call, leg, plan, streamId, "stream-stopped");
  }

  private void streamStatus(SimCall call, Leg leg, LegPlan plan, String streamId, String event) {
    if (plan == null || plan.streamStatusCallback() == null) {
      return;
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", leg.accountId);
    form.put("CallSid", leg.id);
    form.put("StreamSid", streamId);
    form.put("StreamName", plan.streamName() == null || plan.streamName().isEmpty() ? streamId : plan.streamName());
    form.put("StreamEvent", event);
    form.put("Timestamp", sim.clock().instant().toString());
    post(leg, "stream-status", plan.streamStatusCallback(), form);
  }

  /** POSTs the call's parameters to a TwiML URL and reads the answer; failures become Twilio error codes. */
  private Future<LegPlan> fetchTwiml(Leg leg, String url, String callStatus) {
    return fetchTwiml(leg, url, callParams(leg, callStatus));
  }

  private Future<LegPlan> fetchTwiml(Leg leg, String url, Map<String, String> form) {
    return post(leg, "voice", url, form).transform(ar -> Future.succeededFuture(Twiml.planFrom(ar, url)));
  }

  @Override
  public Future<LegPlan> fetchInstructions(SimCall call, Leg leg, String url, Map<String, String> extra) {
    Map<String, String> form = callParams(leg, LegStatus.IN_PROGRESS.wire());
    form.putAll(extra);
    return fetchTwiml(leg, url, form);
  }

  @Override
  public String storeRecording(Leg leg, byte[] wav) {
    String sid = "RE" + hex32();
    sim.recordings().put(sid, new org.telops.carriersim.CarrierSim.StoredRecording(leg.accountId, leg.id, wav));
    return sid;
  }

  /** As Twilio names it in the action request: the Recording resource, without an extension (append .wav / .mp3). */
  @Override
  public String recordingUrl(Leg leg, String recordingSid) {
    return sim.selfUrl() + "/twilio/2010-04-01/Accounts/" + leg.accountId + "/Recordings/" + recordingSid;
  }

  private static LegPlan parse(String twiml) {
    try {
      return Twiml.parse(twiml);
    } catch (IllegalArgumentException e) {
      return LegPlan.failed("12100", e.getMessage());
    }
  }

  private Future<HttpResponse<Buffer>> post(Leg leg, String kind, String url, Map<String, String> form) {
    String signature = TwilioSignatures.sign(sim.credentials().twilioAuthToken(), url, form);
    return sim.webhooks().postForm(CARRIER, leg.region, kind, url, form, Map.of(TwilioSignatures.HEADER, signature,
        "I-Twilio-Idempotency-Token", java.util.UUID.randomUUID().toString()));
  }

  /** The parameters Twilio sends with every request about a call. */
  private Map<String, String> callParams(Leg leg, String callStatus) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", leg.accountId);
    form.put("ApiVersion", "2010-04-01");
    form.put("CallSid", leg.id);
    form.put("CallStatus", callStatus);
    form.put("Called", leg.to);
    form.put("Caller", leg.from);
    form.put("Direction", leg.inbound ? "inbound" : "outbound-api");
    form.put("From", leg.from);
    form.put("To", leg.to);
    return form;
  }

  private static String hex32() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
