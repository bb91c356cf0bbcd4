package org.telops.quality.incidents;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.sql.Connection;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/alerts}, {@code GET /api/v1/incidents}, {@code GET /api/v1/incidents/{id}},
 * {@code POST /api/v1/incidents/{id}/acknowledge|resolve}. JDBC runs off the event loop; changes are
 * published on the bus after commit.
 */
public final class IncidentApi {
    private static final Logger log = LoggerFactory.getLogger(IncidentApi.class);

    private final DataSource dataSource;
    private final IncidentActions actions;
    private final Clock clock;

    public IncidentApi(DataSource dataSource, IncidentActions actions, Clock clock) {
        this.dataSource = dataSource;
        this.actions = actions;
        this.clock = clock;
    }

    public void mount(Router router) {
        // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
        org.telops.contracts.auth.AccessRules.of(router)
            .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/alerts", org.telops.contracts.auth.Role.ANY)
            .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/incidents", org.telops.contracts.auth.Role.ANY)
            .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/incidents/:id", org.telops.contracts.auth.Role.ANY)
            .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/incidents/:id/acknowledge", org.telops.contracts.auth.Role.ON_CALL)
            .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/incidents/:id/resolve", org.telops.contracts.auth.Role.ON_CALL);
        router.get("/api/v1/alerts").handler(this::alerts);
        router.get("/api/v1/incidents").handler(this::incidents);
        router.get("/api/v1/incidents/:id").handler(this::incident);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
        router.post("/api/v1/incidents/:id/acknowledge").handler(body).handler(ctx -> action(ctx, true));
        router.post("/api/v1/incidents/:id/resolve").handler(body).handler(ctx -> action(ctx, false));
    }

    private void alerts(RoutingContext ctx) {
        ListQuery q;
        try {
            q = ListQuery.alerts(params(ctx.queryParams()));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        respond(ctx, "list alerts", () -> {
            try (Connection c = dataSource.getConnection()) {
                return new Reply(200, IncidentReads.alerts(c, q).encode(), List.of());
            }
        });
    }

    private void incidents(RoutingContext ctx) {
        ListQuery q;
        try {
            q = ListQuery.incidents(params(ctx.queryParams()));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        respond(ctx, "list incidents", () -> {
            try (Connection c = dataSource.getConnection()) {
                return new Reply(200, IncidentReads.incidents(c, q).encode(), List.of());
            }
        });
    }

    private void incident(RoutingContext ctx) {
        Long id = id(ctx);
        if (id == null) {
            return;
        }
        respond(ctx, "read incident " + id, () -> {
            try (Connection c = dataSource.getConnection()) {
                return IncidentReads.incidentDetail(c, id)
                        .map(i -> new Reply(200, i.encode(), List.of()))
                        .orElse(Reply.error(404, "no incident with id " + id));
            }
        });
    }

    private void action(RoutingContext ctx, boolean acknowledge) {
        Long id = id(ctx);
        if (id == null) {
            return;
        }
        ActionRequest req;
        try {
            // The author is the authenticated caller; a "by" in the body counts only without the platform's auth handler.
            req = org.telops.contracts.auth.RequestActor.authenticated(ctx)
                ? ActionRequest.parse(ctx.body().asString(), org.telops.contracts.auth.RequestActor.of(ctx).name())
                : ActionRequest.parse(ctx.body().asString());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        String verb = acknowledge ? "acknowledge" : "resolve";
        respond(ctx, verb + " incident " + id, () -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Changes changes = new Changes();
                IncidentActions.Outcome o;
                try {
                    o = acknowledge ? actions.acknowledge(c, id, req.by(), req.note(), clock.instant(), changes)
                            : actions.resolve(c, id, req.by(), req.note(), clock.instant(), changes);
                    c.commit();
                } catch (Exception e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                if (o.status() != 200) {
                    return Reply.error(o.status(), o.error());
                }
                log.info("incident {} {} by {}{}", id, acknowledge ? "acknowledged" : "resolved", req.by(),
                        req.note() == null ? "" : ": " + req.note());
                return new Reply(200, o.incident().encode(), changes.messages(c));
            }
        });
    }

    private record Reply(int status, String body, List<Changes.Message> publish) {
        static Reply error(int status, String message) {
            return new Reply(status, new JsonObject().put("error", message).encode(), List.of());
        }
    }

    private void respond(RoutingContext ctx, String what, Callable<Reply> work) {
        Vertx vertx = ctx.vertx();
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                log.warn("cannot {}: {}", what, ar.cause().getMessage());
                error(ctx, 500, "cannot " + what + ": " + ar.cause().getMessage());
                return;
            }
            Reply r = ar.result();
            r.publish().forEach(m -> vertx.eventBus().publish(m.address(), m.body()));
            ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body());
        });
    }

    private static Long id(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        error(ctx, 400, "incident id must be a positive whole number, got '" + raw + "'");
        return null;
    }

    static Map<String, String> params(MultiMap query) {
        Map<String, String> m = new HashMap<>();
        for (String name : query.names()) {
            m.put(name, query.get(name));
        }
        return m;
    }

    static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }
}
