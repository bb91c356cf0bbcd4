package org.telops.runtime.drills;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Breaks a carrier for real, in the carrier-sim: {@code PUT /sim/faults} switches the fault on (with a
 * lifetime, so it lapses on its own if nobody comes back), {@code DELETE /sim/faults?carrier=&kind=}
 * switches it off — by carrier and kind, so recovery needs nothing but the run's row.
 */
public final class SimFaultInjector implements FaultInjector {
  private final WebClient client;
  private final String faultsUrl;
  private final String bearer;

  public SimFaultInjector(WebClient client, String faultsUrl) {
    this(client, faultsUrl, null);
  }

  /** {@code bearer}: the token the platform's /sim/faults needs (the process's internal token in-process). */
  public SimFaultInjector(WebClient client, String faultsUrl, String bearer) {
    this.client = client;
    this.faultsUrl = faultsUrl;
    this.bearer = bearer;
  }

  private <T> io.vertx.ext.web.client.HttpRequest<T> auth(io.vertx.ext.web.client.HttpRequest<T> r) {
    return bearer == null ? r : r.putHeader("Authorization", "Bearer " + bearer);
  }

  @Override
  public String mode() {
    return "sim";
  }

  @Override
  public Future<String> inject(String carrier, DrillFault fault, long runId, Instant expiresAt) {
    JsonObject body = body(carrier, fault)
        .put("durationSeconds", Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds()));
    return auth(client.putAbs(faultsUrl)).timeout(10_000).sendJsonObject(body).compose(r -> {
      if (r.statusCode() != 200) {
        return Future.failedFuture("carrier-sim at " + faultsUrl + " refused the fault " + body.encode() + ": HTTP "
            + r.statusCode() + " " + r.bodyAsString());
      }
      JsonObject f = r.bodyAsJsonObject();
      return Future.succeededFuture("carrier-sim fault " + f.getString("id") + " on: " + fault.spec() + " on " + carrier
          + " until " + f.getString("expiresAt") + " at the latest");
    }, t -> Future.failedFuture("carrier-sim at " + faultsUrl + " unreachable: " + t.getMessage()
        + " — is it running (TELOPS_DRILL_SIM_URL)?"));
  }

  /** The sim's fault JSON for a drill fault. */
  static JsonObject body(String carrier, DrillFault fault) {
    JsonObject b = new JsonObject().put("carrier", carrier).put("kind", fault.kind());
    String p = fault.parameter();
    switch (fault.kind()) {
      case "http-error" -> b.put("httpStatus", Integer.parseInt(p)).put("retryAfterSeconds", 1);
      case "slow-api" -> b.put("delayMs", Integer.parseInt(p));
      case "media-drop" -> b.put("afterSeconds", Integer.parseInt(p)).put("leg", "both");
      case "one-way-audio" -> b.put("direction", p);
      case "webhook-timeout" -> b.put("timeoutMs", Integer.parseInt(p));
      default -> { }
    }
    return b;
  }

  @Override
  public Future<String> remove(String carrier, DrillFault fault, long runId) {
    String url = faultsUrl + "?carrier=" + enc(carrier) + "&kind=" + enc(fault.kind());
    return auth(client.deleteAbs(url)).timeout(10_000).send().compose(r -> {
      if (r.statusCode() != 200) {
        return Future.failedFuture("carrier-sim refused to remove " + fault.kind() + " on " + carrier + ": HTTP "
            + r.statusCode() + " " + r.bodyAsString());
      }
      return Future.succeededFuture("carrier-sim fault " + fault.spec() + " on " + carrier + " off ("
          + r.bodyAsJsonObject().getInteger("removed", 0) + " removed)");
    }, t -> Future.failedFuture("carrier-sim at " + faultsUrl + " unreachable: " + t.getMessage()));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
