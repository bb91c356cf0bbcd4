package org.telops.runtime.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.signatures.Verdict;

/**
 * Refuses requests whose carrier signature failed: 403 and {@code telops_webhook_rejected_total{carrier,reason}}
 * (the same counter the cdr-collector uses, so a dashboard sees every forged request in one series).
 */
public final class WebhookGuard {
  private static final Logger log = LoggerFactory.getLogger(WebhookGuard.class);
  private final MeterRegistry meters;

  public WebhookGuard(MeterRegistry meters) {
    this.meters = meters;
  }

  /** True when the request may proceed; otherwise it has been answered 403. */
  public boolean admit(HttpServerRequest request, String carrier, Verdict v) {
    if (v.valid()) {
      return true;
    }
    meters.counter("telops_webhook_rejected", "carrier", carrier, "reason", v.reason()).increment();
    log.warn("refused {} request {} from {}: {}", carrier, request.path(), request.remoteAddress(), v.detail());
    request.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("forbidden: " + v.reason() + "\n");
    return false;
  }
}
