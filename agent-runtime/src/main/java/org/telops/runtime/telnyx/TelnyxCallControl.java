package org.telops.runtime.telnyx;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.stream.CallControl;

/**
 * Telnyx Call Control commands ({@code POST /v2/calls/{call_control_id}/actions/…}, Bearer
 * TELOPS_TELNYX_API_KEY) behind a circuit breaker (3 failures open it for 10 s, 3 s timeout, two
 * retries with jittered backoff). Every command carries a {@code command_id} derived from our call id,
 * so a retry — or a second runtime instance receiving the same published webhook — cannot act twice.
 * A 4xx answer (e.g. the call already hung up) is the call's state, not an outage: logged, not retried.
 */
public final class TelnyxCallControl implements CallControl {
  private static final Logger log = LoggerFactory.getLogger(TelnyxCallControl.class);

  private final WebClient client;
  private final CircuitBreaker breaker;
  private final String apiBase;
  private final String apiKey;
  private final MeterRegistry meters;
  private final JsonObject streamSettings;

  /** @param streamSettings the stream_* fields of answer and streaming_start (see {@link #streamSettings}) */
  public TelnyxCallControl(Vertx vertx, String apiBase, String apiKey, MeterRegistry meters, JsonObject streamSettings) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(3_000).setIdleTimeout(30));
    this.breaker = CircuitBreaker.create("telnyx-call-control", vertx, new CircuitBreakerOptions()
            .setMaxFailures(3).setTimeout(3_000).setResetTimeout(10_000).setMaxRetries(2))
        .retryPolicy(RetryPolicy.exponentialDelayWithJitter(100, 1_000));
    this.apiBase = apiBase;
    this.apiKey = apiKey;
    this.meters = meters;
    this.streamSettings = streamSettings.copy();
  }

  /** Where and how Telnyx streams a call's media to us: URL, track, bidirectional RTP in PCMU, the auth token. */
  public static JsonObject streamSettings(String streamUrl, String track, String authToken) {
    JsonObject s = new JsonObject().put("stream_url", streamUrl).put("stream_track", track)
        .put("stream_bidirectional_mode", "rtp").put("stream_bidirectional_codec", "PCMU");
    if (authToken != null) {
      s.put("stream_auth_token", authToken);
    }
    return s;
  }

  /** The stream settings with the call's own fields (client_state, command_id) added. */
  public JsonObject withStream(JsonObject fields) {
    return streamSettings.copy().mergeIn(fields);
  }

  @Override
  public boolean restartStream(CallInfo call) {
    if (call != null && TelnyxInbound.TEXML_APP.equals(call.params().get("app"))) {
      // A TeXML call's stream belongs to its <Connect>: when it ends, TeXML requests the action URL, which continues
      // the call on the record path (when that is on).
      return recordPathForTexml;
    }
    if (call == null || apiKey == null) {
      return false;
    }
    // streaming_start on the live call: Telnyx opens a new WebSocket whose start event names the same call_control_id.
    command(call.carrierCallId(), "streaming_start", withStream(new JsonObject()
        .put("command_id", call.callId() + "-resume-" + System.currentTimeMillis())));
    return true;
  }

  private volatile boolean recordPathForTexml;

  /** Whether a TeXML call whose stream drops waits for its {@code <Connect action>} (TELOPS_RECORD_PATH). */
  public void recordPathForTexml(boolean on) {
    this.recordPathForTexml = on;
  }

  /** Sends one command; the future fails only when Telnyx could not be reached or answered 5xx. */
  public Future<Integer> command(String callControlId, String action, JsonObject body) {
    if (apiKey == null) {
      log.warn("cannot send Telnyx {} for call {}: TELOPS_TELNYX_API_KEY is not set", action, callControlId);
      return Future.failedFuture("TELOPS_TELNYX_API_KEY is not set");
    }
    String url = apiBase + "/v2/calls/" + pathSegment(callControlId) + "/actions/" + action;
    return breaker.<Integer>execute(() -> client.postAbs(url).bearerTokenAuthentication(apiKey)
            .putHeader("Accept", "application/json").sendJsonObject(body)
            .compose(resp -> resp.statusCode() >= 500 || resp.statusCode() == 429
                ? Future.failedFuture("HTTP " + resp.statusCode() + " from " + url)
                : Future.succeededFuture(resp.statusCode())))
        .onSuccess(status -> {
          meters.counter("telops_runtime_telnyx_commands", "action", action, "status", String.valueOf(status)).increment();
          if (status >= 400) {
            log.warn("Telnyx refused {} for call {}: HTTP {}", action, callControlId, status);
          }
        })
        .onFailure(e -> {
          meters.counter("telops_runtime_telnyx_commands", "action", action, "status", "failed").increment();
          log.error("Telnyx {} for call {} failed: {} (circuit {})", action, callControlId, e.getMessage(), breaker.state());
        });
  }

  /** Call control ids look like "v3:…": ':' is legal in a path segment and stays; anything unsafe is escaped. */
  static String pathSegment(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("%3A", ":").replace("+", "%20");
  }

  @Override
  public void end(CallInfo call, CallEnd end, Runnable closeStream) {
    if (call == null) {
      closeStream.run();
      return;
    }
    // Telnyx ends the media stream itself when the call leaves us (stop frame, then close).
    if (end.kind() == CallEnd.Kind.TRANSFER) {
      command(call.carrierCallId(), "transfer", new JsonObject().put("to", end.target())
          .put("command_id", call.callId() + "-transfer")).onFailure(e -> closeStream.run());
    } else {
      command(call.carrierCallId(), "hangup", new JsonObject().put("command_id", call.callId() + "-hangup"))
          .onFailure(e -> closeStream.run());
    }
  }
}
