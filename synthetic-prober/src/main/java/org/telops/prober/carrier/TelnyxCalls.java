package org.telops.prober.carrier;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Telnyx Call Control: dial ({@code POST /v2/calls}) with the prober as the caller leg's bidirectional
 * stream ({@code stream_url}, RTP mode, PCMU), retrieve ({@code GET /v2/calls/{id}}: is_alive), hang up
 * ({@code POST /v2/calls/{id}/actions/hangup}). Telnyx puts no price in these answers: the probe's cost
 * comes from the configured rate.
 */
public final class TelnyxCalls implements CarrierCalls {
  public static final String CARRIER = "telnyx";

  private final WebClient client;
  private final String baseUrl;
  private final String apiKey;
  private final String connectionId;
  private final long timeoutMs;

  public TelnyxCalls(WebClient client, String baseUrl, String apiKey, String connectionId, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.connectionId = connectionId;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String carrier() {
    return CARRIER;
  }

  @Override
  public String notConfiguredReason() {
    return apiKey == null ? "TELOPS_TELNYX_API_KEY is not set" : null;
  }

  @Override
  public Future<String> place(DialRequest req) {
    String missing = notConfiguredReason();
    if (missing != null) {
      return Future.failedFuture(new CarrierException("telnyx: cannot place probe calls: " + missing, 0));
    }
    JsonObject body = new JsonObject().put("to", req.to()).put("from", req.from())
        .put("stream_url", req.mediaUrl()).put("stream_track", "inbound_track")
        .put("stream_bidirectional_mode", "rtp").put("stream_bidirectional_codec", "PCMU")
        .put("timeout_secs", req.ringTimeoutSeconds());
    if (connectionId != null) {
      body.put("connection_id", connectionId);
    }
    if (req.simProfile() != null) {
      body.put("sim_region", req.simProfile());
    }
    String what = "POST /v2/calls";
    return client.postAbs(baseUrl + "/v2/calls")
        .bearerTokenAuthentication(apiKey)
        .timeout(timeoutMs)
        .sendJsonObject(body)
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> {
          JsonObject answer = CarrierHttp.json(r);
          if (r.statusCode() / 100 != 2) {
            return CarrierHttp.httpError(CARRIER, what, r, message(answer));
          }
          JsonObject data = answer == null ? null : answer.getJsonObject("data");
          String id = data == null ? null : data.getString("call_control_id");
          return id == null || id.isBlank()
              ? Future.failedFuture(new CarrierException("telnyx: " + what + " answered without a call_control_id", r.statusCode()))
              : Future.succeededFuture(id);
        });
  }

  @Override
  public Future<CallState> status(String callControlId) {
    String what = "GET /v2/calls/" + callControlId;
    return client.getAbs(baseUrl + "/v2/calls/" + enc(callControlId))
        .bearerTokenAuthentication(apiKey)
        .timeout(timeoutMs)
        .send()
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> {
          JsonObject answer = CarrierHttp.json(r);
          if (r.statusCode() / 100 != 2) {
            return CarrierHttp.httpError(CARRIER, what, r, message(answer));
          }
          JsonObject data = answer == null ? null : answer.getJsonObject("data");
          if (data == null || !(data.getValue("is_alive") instanceof Boolean alive)) {
            return Future.succeededFuture(CallState.UNKNOWN);
          }
          // Retrieve says only alive or not; the probe reads "ended before the stream opened" as no-media.
          return Future.succeededFuture(alive ? CallState.RINGING : CallState.ENDED);
        });
  }

  @Override
  public Future<HangupReceipt> hangup(String callControlId) {
    String what = "POST /v2/calls/" + callControlId + "/actions/hangup";
    return client.postAbs(baseUrl + "/v2/calls/" + enc(callControlId) + "/actions/hangup")
        .bearerTokenAuthentication(apiKey)
        .timeout(timeoutMs)
        .sendJsonObject(new JsonObject())
        .recover(t -> CarrierHttp.transport(CARRIER, what, t))
        .compose(r -> {
          // 422 "call has already ended" is what a hang-up of a finished call gets: nothing to do.
          if (r.statusCode() / 100 == 2 || r.statusCode() == 422) {
            return Future.succeededFuture(HangupReceipt.NONE);
          }
          return CarrierHttp.httpError(CARRIER, what, r, message(CarrierHttp.json(r)));
        });
  }

  /** Telnyx's error body: {"errors":[{"code","title","detail"}]}. */
  private static String message(JsonObject body) {
    JsonArray errors = body == null ? null : body.getJsonArray("errors");
    if (errors == null || errors.isEmpty() || !(errors.getValue(0) instanceof JsonObject e)) {
      return null;
    }
    return e.getString("title") + (e.getString("detail") != null ? ": " + e.getString("detail") : "")
        + (e.getValue("code") != null ? " (Telnyx error " + e.getValue("code") + ")" : "");
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
