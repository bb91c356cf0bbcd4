package org.telops.carriersim.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.carriersim.faults.Fault;
import org.telops.carriersim.faults.FaultBook;
import org.telops.carriersim.faults.FaultKind;

/**
 * Sends the sim's webhooks (already signed by the caller) with the Vert.x Web Client. A webhook-timeout
 * fault short-circuits the request: nothing is sent and the future fails with a {@link TimeoutException}
 * after the fault's timeoutMs, which is what the carrier would have seen. Counts
 * {@code telops_sim_webhooks_total{carrier,kind,outcome}}.
 */
public final class WebhookClient {
  private static final Logger log = LoggerFactory.getLogger(WebhookClient.class);

  private final Vertx vertx;
  private final WebClient client;
  private final FaultBook faults;
  private final MeterRegistry meters;
  private final int timeoutMs;

  public WebhookClient(Vertx vertx, FaultBook faults, MeterRegistry meters, int timeoutMs) {
    this.vertx = vertx;
    // Many calls post at once; the default pool of 5 per host would queue callbacks behind each other.
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true)
        .setUserAgent("TwilioProxy/1.1 telops-carrier-sim").setFollowRedirects(false),
        new PoolOptions().setHttp1MaxSize(64));
    this.faults = faults;
    this.meters = meters;
    this.timeoutMs = timeoutMs;
  }

  /** @param kind a metric tag: voice, status, stream-status, event */
  public Future<HttpResponse<Buffer>> postForm(String carrier, String region, String kind, String url,
                                               Map<String, String> form, Map<String, String> headers) {
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    form.forEach(body::add);
    return send(carrier, region, kind, url, headers, r -> r.sendForm(body, "UTF-8"));
  }

  public Future<HttpResponse<Buffer>> postJson(String carrier, String region, String kind, String url, Buffer body,
                                               Map<String, String> headers) {
    return send(carrier, region, kind, url, headers,
        r -> r.putHeader("Content-Type", "application/json; charset=utf-8").sendBuffer(body));
  }

  /** A form whose encoded body was signed (Telnyx signs the raw body): posted exactly as given. */
  public Future<HttpResponse<Buffer>> postEncodedForm(String carrier, String region, String kind, String url, Buffer body,
                                                      Map<String, String> headers) {
    return send(carrier, region, kind, url, headers,
        r -> r.putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(body));
  }

  /** GET of a media URL an application gave ({@code <Play>}), with the webhook timeout. */
  public Future<HttpResponse<Buffer>> get(String carrier, String region, String url) {
    HttpRequest<Buffer> req;
    try {
      req = client.getAbs(url).timeout(timeoutMs);
    } catch (RuntimeException e) {
      count(carrier, "media", "bad-url");
      return Future.failedFuture(new IllegalArgumentException("media URL " + url + " is unusable: " + e.getMessage()));
    }
    return req.send().andThen(ar -> count(carrier, "media", ar.succeeded() && ar.result().statusCode() / 100 == 2 ? "ok"
        : ar.succeeded() ? "http-" + ar.result().statusCode() : "error"));
  }

  private Future<HttpResponse<Buffer>> send(String carrier, String region, String kind, String url,
                                            Map<String, String> headers,
                                            java.util.function.Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> how) {
    Optional<Fault> timeout = faults.active(carrier, FaultKind.WEBHOOK_TIMEOUT, region);
    if (timeout.isPresent()) {
      Promise<HttpResponse<Buffer>> p = Promise.promise();
      long delay = Math.max(1, timeout.get().timeoutMs());
      vertx.setTimer(delay, t -> p.fail(new TimeoutException("webhook " + url + " timed out after " + delay
          + " ms (webhook-timeout fault on " + carrier + ")")));
      count(carrier, kind, "timeout-fault");
      return p.future();
    }
    HttpRequest<Buffer> req;
    try {
      req = client.postAbs(url).timeout(timeoutMs);
    } catch (RuntimeException e) {
      count(carrier, kind, "bad-url");
      return Future.failedFuture(new IllegalArgumentException("webhook URL " + url + " is unusable: " + e.getMessage()));
    }
    headers.forEach(req::putHeader);
    return how.apply(req).andThen(ar -> {
      if (ar.succeeded()) {
        int status = ar.result().statusCode();
        count(carrier, kind, status / 100 == 2 ? "ok" : "http-" + status);
        if (status / 100 != 2) {
          log.debug("{} {} webhook {} answered HTTP {}", carrier, kind, url, status);
        }
      } else {
        count(carrier, kind, ar.cause() instanceof TimeoutException ? "timeout" : "error");
        log.debug("{} {} webhook {} failed: {}", carrier, kind, url, ar.cause().toString());
      }
    });
  }

  private void count(String carrier, String kind, String outcome) {
    meters.counter("telops_sim_webhooks", "carrier", carrier, "kind", kind, "outcome", outcome).increment();
  }

  public void close() {
    client.close();
  }
}
