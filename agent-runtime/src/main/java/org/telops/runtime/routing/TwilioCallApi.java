package org.telops.runtime.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Twilio's REST API for outbound calls: create ({@code POST /2010-04-01/Accounts/{sid}/Calls.json}, form,
 * Basic auth with the account SID and auth token) and hang up ({@code Status=completed} on the call).
 * The call's voice URL is the agent runtime's {@code /carriers/twilio/voice}; status callbacks go to the
 * collector's {@code /carriers/twilio/status}, both with tenant, region and agent in the query.
 */
public final class TwilioCallApi implements CarrierApi {
  static final String CREATE_PATH = "/Calls.json";

  private final WebClient client;
  private final String baseUrl;
  private final String accountSid;
  private final String authToken;
  private final String publicBaseUrl;
  private final long requestTimeoutMs;

  public TwilioCallApi(WebClient client, String baseUrl, String accountSid, String authToken, String publicBaseUrl,
                       long requestTimeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.publicBaseUrl = publicBaseUrl;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  @Override
  public String carrier() {
    return "twilio";
  }

  @Override
  public String createPath() {
    return CREATE_PATH;
  }

  @Override
  public String notConfiguredReason() {
    if (accountSid == null) {
      return "TELOPS_TWILIO_ACCOUNT_SID is not set";
    }
    if (authToken == null) {
      return "TELOPS_TWILIO_AUTH_TOKEN is not set";
    }
    return null;
  }

  @Override
  public Future<PlacedCall> create(CallRequest req) {
    String query = query(req);
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("To", req.to())
        .add("From", req.from())
        .add("Url", publicBaseUrl + "/carriers/twilio/voice" + query)
        .add("Method", "POST")
        .add("StatusCallback", publicBaseUrl + "/carriers/twilio/status" + query)
        .add("StatusCallbackMethod", "POST");
    for (String event : new String[] {"initiated", "ringing", "answered", "completed"}) {
      form.add("StatusCallbackEvent", event);
    }
    return client.postAbs(baseUrl + "/2010-04-01/Accounts/" + accountSid + "/Calls.json")
        .basicAuthentication(accountSid, authToken)
        .putHeader("Accept", "application/json")
        .timeout(requestTimeoutMs)
        .sendForm(form)
        .recover(t -> CarrierHttp.fail(CarrierHttp.transport("twilio", CREATE_PATH, t)))
        .compose(this::created);
  }

  private Future<PlacedCall> created(HttpResponse<Buffer> r) {
    JsonObject body = CarrierHttp.json(r);
    if (r.statusCode() / 100 != 2) {
      // Twilio's error body: {"code":21211,"message":"The 'To' number … is not a valid phone number.","status":400}
      String detail = body != null && body.getValue("message") != null
          ? body.getValue("message") + (body.getValue("code") != null ? " (Twilio error " + body.getValue("code") + ")" : "")
          : null;
      return CarrierHttp.fail(CarrierHttp.httpError("twilio", CREATE_PATH, r, detail));
    }
    String sid = body == null ? null : body.getString("sid");
    if (sid == null || sid.isBlank()) {
      return CarrierHttp.fail(new CarrierFailure(CarrierFailure.Kind.BAD_RESPONSE, "twilio", r.statusCode(), CREATE_PATH,
          "no call sid in the answer", 0));
    }
    return Future.succeededFuture(new PlacedCall("twilio", sid));
  }

  @Override
  public Future<Void> hangup(String callSid) {
    String path = "/Calls/" + callSid + ".json";
    return client.postAbs(baseUrl + "/2010-04-01/Accounts/" + accountSid + "/Calls/"
            + URLEncoder.encode(callSid, StandardCharsets.UTF_8) + ".json")
        .basicAuthentication(accountSid, authToken)
        .timeout(requestTimeoutMs)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("Status", "completed"))
        .recover(t -> CarrierHttp.fail(CarrierHttp.transport("twilio", path, t)))
        .compose(r -> r.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
            : CarrierHttp.fail(CarrierHttp.httpError("twilio", path, r, r.bodyAsString())));
  }

  static String query(CallRequest req) {
    StringBuilder q = new StringBuilder("?tenant=").append(enc(req.tenant()));
    if (req.region() != null) {
      q.append("&region=").append(enc(req.region()));
    }
    if (req.agent() != null) {
      q.append("&agent=").append(enc(req.agent()));
    }
    return q.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
