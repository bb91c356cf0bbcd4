package org.telops.quality.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.bus.Addresses;

/**
 * Drains the outbox to the webhook: at-least-once, in order per incident, each request carrying the row's
 * dedupe key as {@code Idempotency-Key} (and in the body) so a receiver can drop the duplicate a crash
 * between "sent" and "marked sent" can cause. 2xx = sent; 408, 429, 5xx, timeouts and connection errors
 * are retried with exponential backoff; other 4xx mean the receiver refuses this body, so it is given up at
 * once. Deploy as a WORKER verticle (JDBC in handlers); incident events on the bus wake it, a poll timer
 * picks up due retries.
 */
public final class NotificationVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(NotificationVerticle.class);
    private static final int BATCH = 20;

    private final DataSource dataSource;
    private final WebhookConfig config;
    private final Clock clock;
    private final Counter sentCount;
    private final Counter retryCount;
    private final Counter abandonedCount;
    private WebClient client;
    private long pollTimer = -1;
    private final String target;
    private boolean draining;
    private boolean again;

    public NotificationVerticle(DataSource dataSource, WebhookConfig config, Clock clock, MeterRegistry meters) {
        this(dataSource, config, Outbox.WEBHOOK, clock, meters);
    }

    /** @param target the outbox rows this sender delivers: {@link Outbox#WEBHOOK} (on-call) or {@link Outbox#FINANCE} */
    public NotificationVerticle(DataSource dataSource, WebhookConfig config, String target, Clock clock, MeterRegistry meters) {
        this.target = target;
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.sentCount = notifications(meters, "sent");
        this.retryCount = notifications(meters, "retry");
        this.abandonedCount = notifications(meters, "abandoned");
    }

    private static Counter notifications(MeterRegistry meters, String result) {
        return Counter.builder("telops.alert.notifications").tag("result", result)
                .description("Webhook delivery attempts by outcome").register(meters);
    }

    @Override
    public Future<?> start() {
        client = WebClient.create(vertx, new WebClientOptions().setUserAgent("telops-quality-analyzer")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
        vertx.eventBus().consumer(Addresses.INCIDENTS, m -> drain());
        pollTimer = vertx.setPeriodic(config.poll().toMillis(), id -> drain());
        drain();
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(pollTimer);
        client.close();
        return Future.succeededFuture();
    }

    private void drain() {
        if (draining) {
            again = true;
            return;
        }
        List<Outbox.Pending> due;
        try (Connection c = dataSource.getConnection()) {
            // The lease outlives one attempt, so a crashed sender's rows come back and a slow one's do not double.
            due = Outbox.lease(c, target, clock.instant(), config.timeout().multipliedBy(BATCH).plusSeconds(30), BATCH);
        } catch (SQLException e) {
            log.warn("cannot read the notification outbox: {} — retrying in {} ms", e.getMessage(), config.poll().toMillis());
            return;
        }
        if (due.isEmpty()) {
            return;
        }
        draining = true;
        sendFrom(due, 0);
    }

    /** One at a time, in id order: keeps opened → breached → resolved in order at the receiver. */
    private void sendFrom(List<Outbox.Pending> due, int i) {
        if (i == due.size()) {
            draining = false;
            if (again || due.size() == BATCH) {
                again = false;
                drain();
            }
            return;
        }
        Outbox.Pending p = due.get(i);
        client.postAbs(config.url().toString())
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", p.dedupeKey())
                .putHeader("X-Telops-Attempt", String.valueOf(p.attempts()))
                .timeout(config.timeout().toMillis())
                .sendBuffer(Buffer.buffer(p.payload()))
                .onComplete(ar -> {
                    try {
                        record(p, ar.succeeded() ? ar.result() : null, ar.succeeded() ? null : ar.cause());
                    } catch (RuntimeException e) {
                        // never leave the drain stuck: the lease expires and the row is tried again
                        log.warn("notification {}: {}", p.dedupeKey(), e.toString());
                    } finally {
                        sendFrom(due, i + 1);
                    }
                });
    }

    private void record(Outbox.Pending p, HttpResponse<Buffer> response, Throwable error) {
        String host = config.url().getHost() + (config.url().getPort() > 0 ? ":" + config.url().getPort() : "");
        try (Connection c = dataSource.getConnection()) {
            if (response != null && response.statusCode() / 100 == 2) {
                Outbox.sent(c, p.id(), clock.instant());
                sentCount.increment();
                log.info("notification {} delivered to {} (attempt {})", p.dedupeKey(), host, p.attempts());
                return;
            }
            String why = response != null
                    ? "HTTP " + response.statusCode() + " from " + host + ": " + abbreviate(response.bodyAsString())
                    : "no answer from " + host + ": " + error.getMessage();
            boolean permanent = response != null && response.statusCode() / 100 == 4
                    && response.statusCode() != 408 && response.statusCode() != 429;
            if (permanent || p.attempts() >= config.maxAttempts()) {
                Outbox.giveUp(c, p.id(), "gave up after " + p.attempts() + " attempt(s): " + why);
                abandonedCount.increment();
                log.error("notification {} given up after {} attempt(s): {} — {}", p.dedupeKey(), p.attempts(), why,
                        permanent ? "the receiver refuses it; check TELOPS_ALERT_WEBHOOK_URL"
                                : "raise TELOPS_ALERT_NOTIFY_MAX_ATTEMPTS or fix the receiver");
                return;
            }
            Duration backoff = config.backoffAfter(p.attempts());
            Outbox.failed(c, p.id(), clock.instant().plus(backoff), why);
            retryCount.increment();
            log.warn("notification {} attempt {} failed ({}); retrying in {} ms", p.dedupeKey(), p.attempts(), why,
                    backoff.toMillis());
        } catch (SQLException e) {
            // The lease runs out and the row is sent again: at-least-once, the key lets the receiver dedupe.
            log.warn("cannot record the outcome of notification {}: {}", p.dedupeKey(), e.getMessage());
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(no body)";
        }
        String b = body.strip();
        return b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }
}
