package org.telops.quality;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server standing in for a Slack incoming webhook. It records every request and answers
 * 500 to the first attempt of each "…:opened" notification (to prove retries), 200 otherwise.
 */
final class FakeSlack implements AutoCloseable {
    /** One received request and what we answered. */
    record Delivery(String idempotencyKey, int attempt, int answered, JsonObject body) {}

    private final List<Delivery> log = new CopyOnWriteArrayList<>();
    private HttpServer server;

    static FakeSlack start(Vertx vertx) throws Exception {
        FakeSlack slack = new FakeSlack();
        slack.server = ModuleHarness.await(vertx.createHttpServer().requestHandler(slack::handle).listen(0, "127.0.0.1"));
        return slack;
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(b -> {
            String key = req.getHeader("Idempotency-Key");
            boolean seen = log.stream().anyMatch(d -> d.idempotencyKey().equals(key));
            int status = key != null && key.endsWith(":opened") && !seen ? 500 : 200;
            log.add(new Delivery(key, Integer.parseInt(req.getHeader("X-Telops-Attempt")), status, b.toJsonObject()));
            req.response().setStatusCode(status).end(status == 200 ? "ok" : "upstream trouble");
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/services/T0/B0/secret";
    }

    /** Requests received for one notification key, in order. */
    List<Delivery> forKey(String key) {
        return log.stream().filter(d -> key.equals(d.idempotencyKey())).toList();
    }

    List<Delivery> all() {
        return List.copyOf(log);
    }

    @Override
    public void close() throws Exception {
        ModuleHarness.await(server.close());
    }
}
