package org.telops.runtime.routing;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Telnyx Call Control for outbound calls: dial ({@code POST /v2/calls}, JSON, Bearer API key, our
 * connection id) and hang up ({@code POST /v2/calls/{call_control_id}/actions/hangup}). Tenant, region
 * and agent travel in {@code client_state} (base64 JSON), which every webhook of the call carries back.
 */
public final class TelnyxCallApi implements CarrierApi {
  static final String CREATE_PATH = "/v2/calls";

  private final WebClient client;
  private final String baseUrl;
  private final String apiKey;
  private final String connectionId;
  private final String publicBaseUrl;
  private final long requestTimeoutMs;

  public TelnyxCallApi(WebClient client, String baseUrl, String apiKey, String connectionId, String publicBaseUrl,
                       long requestTimeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectionId = connectionId;
    this.publicBaseUrl = publicBaseUrl;
    this.requestTimeoutMs = requestTimeoutMs;
  }

  @Override
  public String carrier() {
    return "telnyx";
  }

  @Override
  public String createPath() {
    return CREATE_PATH;
  }

  @Override
  public String notConfiguredReason() {
    if (apiKey == null) {
      return "TELOPS_TELNYX_API_KEY is not set";
    }
    if (connectionId == null) {
      return "TELOPS_TELNYX_CONNECTION_ID is not set";
    }
    return null;
  }

  @Override
  public Future<PlacedCall> create(CallRequest req) {
    JsonObject state = new JsonObject().put("tenant", req.tenant());
    if (req.region() != null) {
      state.put("region", req.region());
    }
    if (req.agent() != null) {
      state.put("agent", req.agent());
    }
    JsonObject body = new JsonObject()
        .put("to", req.to())
        .put("from", req.from())
        .put("connection_id", connectionId)
        .put("client_state", Base64.getEncoder().encodeToString(state.encode().getBytes(StandardCharsets.UTF_8)))
        .put("webhook_url", publicBaseUrl + "/carriers/telnyx/webhook")
        .put("webhook_url_method", "POST");
    return client.postAbs(baseUrl + "/v2/calls")
        .bearerTokenAuthentication(apiKey)
        .putHeader("Accept", "application/json")
        .timeout(requestTimeoutMs)
        .sendJsonObject(body)
        .recover(t -> CarrierHttp.fail(CarrierHttp.transport("telnyx", CREATE_PATH, t)))
        .compose(this::created);
  }

  private Future<PlacedCall> created(HttpResponse<Buffer> r) {
    JsonObject body = CarrierHttp.json(r);
    if (r.statusCode() / 100 != 2) {
      return CarrierHttp.fail(CarrierHttp.httpError("telnyx", CREATE_PATH, r, errorDetail(body)));
    }
    JsonObject data = body == null ? null : body.getJsonObject("data");
    String id = data == null ? null : data.getString("call_control_id");
    if (id == null || id.isBlank()) {
      return CarrierHttp.fail(new CarrierFailure(CarrierFailure.Kind.BAD_RESPONSE, "telnyx", r.statusCode(), CREATE_PATH,
          "no data.call_control_id in the answer", 0));
    }
    return Future.succeededFuture(new PlacedCall("telnyx", id));
  }

  /** Telnyx errors: {"errors":[{"code":"10015","title":"Invalid value","detail":"…"}]}. */
  static String errorDetail(JsonObject body) {
    if (body == null || !(body.getValue("errors") instanceof JsonArray errors) || errors.isEmpty()
        || !(errors.getValue(0) instanceof JsonObject e)) {
      return null;
    }
    String text = e.getString("detail", e.getString("title"));
    return e.getValue("code") != null ? text + " (Telnyx error " + e.getValue("code") + ")" : text;
  }

  @Override
  public Future<Void> hangup(String callControlId) {
    String path = "/v2/calls/" + callControlId + "/actions/hangup";
    return client.postAbs(baseUrl + "/v2/calls/" + URLEncoder.encode(callControlId, StandardCharsets.UTF_8)
            + "/actions/hangup")
        .bearerTokenAuthentication(apiKey)
        .timeout(requestTimeoutMs)
        .sendJsonObject(new JsonObject())
        .recover(t -> CarrierHttp.fail(CarrierHttp.transport("telnyx", path, t)))
        .compose(r -> r.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
            : CarrierHttp.fail(CarrierHttp.httpError("telnyx", path, r, errorDetail(CarrierHttp.json(r)))));
  }
}
