package org.telops.prober.carrier;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Stream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Twilio REST: create a call whose TwiML connects the caller leg's media to the prober
 * ({@code <Connect><Stream url=…/>}, built with the SDK's TwiML builders), fetch it, hang it up with
 * {@code Status=completed} — whose answer carries the duration and, once rated, the price.
 */
public final class TwilioCalls implements CarrierCalls {
  public static final String CARRIER = "twilio";

  private final WebClient client;
  private final String baseUrl;
  private final String accountSid;
  private final String authToken;
  private final long timeoutMs;

  public TwilioCalls(WebClient client, String baseUrl, String accountSid, String authToken, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public String notConfiguredReason() {
    return accountSid == null ? "TELOPS_TWILIO_ACCOUNT_SID is not set"
        : authToken == null ? "TELOPS_TWILIO_AUTH_TOKEN is not set" : null;
  }

  /** The caller leg's TwiML: a bidirectional stream to the prober. */
  static String twiml(String mediaUrl) {
    return new VoiceResponse.Builder()
        .connect(new Connect.Builder().stream(new Stream.Builder().name("telops-probe").url(mediaUrl).build()).build())
        .build().toXml();
  }

  @Override
  public Future<String> place(DialRequest req) {
    String missing = notConfiguredReason();
    if (missing != null) {
      return Future.failedFuture(new CarrierException("twilio: cannot place probe calls: " + missing, 0));
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("To", req.to())
        .add("From", req.from())
        .add("Twiml", twiml(req.mediaUrl()))
        .add("Timeout", String.valueOf(req.ringTimeoutSeconds()));
    if (req.simProfile() != null) {
      form.add("SimRegion", req.simProfile());
    }
    String what = "POST /Calls.json";
    return client.postAbs(calls() + ".json")
        .basicAuthentication(accountSid, authToken)
        .putHeader("Accept", "application/json")
        .timeout(timeoutMs)
        .sendForm(form)
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> {
          JsonObject body = CarrierHttp.json(r);
          if (r.statusCode() / 100 != 2) {
            return CarrierHttp.httpError(CARRIER, what, r, message(body));
          }
          String sid = body == null ? null : body.getString("sid");
          return sid == null || sid.isBlank()
              ? Future.failedFuture(new CarrierException("twilio: " + what + " answered without a call sid", r.statusCode()))
              : Future.succeededFuture(sid);
        });
  }

  @Override
  public Future<CallState> status(String callSid) {
    String what = "GET /Calls/" + callSid + ".json";
    return client.getAbs(call(callSid))
        .basicAuthentication(accountSid, authToken)
        .timeout(timeoutMs)
        .send()
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> r.statusCode() / 100 != 2 ? CarrierHttp.httpError(CARRIER, what, r, message(CarrierHttp.json(r)))
            : Future.succeededFuture(CallState.fromTwilio(jsonString(r, "status"))));
  }

  @Override
  public Future<HangupReceipt> hangup(String callSid) {
    String what = "POST /Calls/" + callSid + ".json Status=completed";
    return client.postAbs(call(callSid))
        .basicAuthentication(accountSid, authToken)
        .timeout(timeoutMs)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "completed"))
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> {
          JsonObject body = CarrierHttp.json(r);
          if (r.statusCode() / 100 != 2) {
            return CarrierHttp.httpError(CARRIER, what, r, message(body));
          }
          return Future.succeededFuture(body == null ? HangupReceipt.NONE : new HangupReceipt(
              CarrierHttp.integer(body.getValue("duration")), CarrierHttp.priceMicros(body.getValue("price")),
              body.getString("price_unit")));
        });
  }

  private String calls() {
    return baseUrl + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8) + "/Calls";
  }

  private String call(String sid) {
    return calls() + "/" + URLEncoder.encode(sid, StandardCharsets.UTF_8) + ".json";
  }

  /** Twilio's error body: {"code":21211,"message":"…","status":400}. */
  private static String message(JsonObject body) {
    if (body == null || body.getValue("message") == null) {
      return null;
    }
    return body.getValue("message") + (body.getValue("code") != null ? " (Twilio error " + body.getValue("code") + ")" : "");
  }

  private static String jsonString(HttpResponse<Buffer> r, String field) {
    JsonObject b = CarrierHttp.json(r);
    return b == null ? null : b.getString(field);
  }
}
