package org.telops.quality.latency;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.telops.quality.evaluation.AlertingSql;

/**
 * {@code GET /api/v1/latency?from=&to=&metric=turn|one_way&by=carrier,region}: samples and P50/P95/P99 in
 * ms per group, e.g. {@code {"metric":"turn","from":…,"to":…,"by":["carrier","region"],"groups":[{"carrier":
 * "twilio","region":"us-east","samples":420,"p50Ms":480.0,"p95Ms":790.5,"p99Ms":1010.2}]}}. Turn windows longer than
 * {@link #ROLLUP_FROM} are answered from the five-minute histogram rollup the dashboards read ({@code source} says
 * which), shorter ones exactly from the turns.
 */
public final class LatencyApi {
    /** Longer turn windows read the dashboards' histogram rollup (bounded time at any volume) instead of every turn. */
    static final java.time.Duration ROLLUP_FROM = java.time.Duration.ofHours(6);

    private final DataSource dataSource;
    private final Clock clock;

    public LatencyApi(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public void mount(Router router) {
        // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
        org.telops.contracts.auth.AccessRules.of(router)
            .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/latency", org.telops.contracts.auth.Role.ANY);
        router.get("/api/v1/latency").handler(this::latency);
    }

    private void latency(RoutingContext ctx) {
        LatencyQuery q;
        try {
            Map<String, String> params = new HashMap<>();
            ctx.queryParams().names().forEach(n -> params.put(n, ctx.queryParams().get(n)));
            q = LatencyQuery.parse(params, clock.instant());
        } catch (IllegalArgumentException e) {
            reply(ctx, 400, new JsonObject().put("error", e.getMessage()));
            return;
        }
        ctx.vertx().executeBlocking(() -> query(q), false).onComplete(ar -> {
            if (ar.failed()) {
                reply(ctx, 500, new JsonObject().put("error", "cannot compute latency percentiles: " + ar.cause().getMessage()));
            } else {
                reply(ctx, 200, ar.result());
            }
        });
    }

    /** Runs the query (blocking JDBC). */
    public JsonObject query(LatencyQuery q) throws SQLException {
        List<String> cols = q.by().stream().map(LatencyQuery.GROUPS::get).toList();
        OffsetDateTime from = OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC);
        OffsetDateTime to = OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC);
        String sql;
        Object[] args;
        boolean rollup = q.metric() == LatencyQuery.Metric.TURN
                && java.time.Duration.between(q.from(), q.to()).compareTo(ROLLUP_FROM) > 0;
        if (rollup) {
            sql = LatencySql.turnRollup(cols);
            args = new Object[] {from, to};
        } else if (q.metric() == LatencyQuery.Metric.TURN) {
            sql = LatencySql.turn(cols);
            args = new Object[] {from, to};
        } else {
            sql = LatencySql.oneWay(cols);
            args = new Object[] {from, to, from, to, OffsetDateTime.ofInstant(q.from().minus(AlertingSql.LONGEST_CALL),
                    ZoneOffset.UTC), from, to};
        }
        JsonArray groups = new JsonArray();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonObject g = new JsonObject();
                    for (int i = 0; i < cols.size(); i++) {
                        g.put(q.by().get(i).equals("tenant") ? "tenantId" : q.by().get(i), rs.getString(cols.get(i)));
                    }
                    g.put("samples", rs.getLong("samples"))
                            .put("p50Ms", rs.getDouble("p50_ms"))
                            .put("p95Ms", rs.getDouble("p95_ms"))
                            .put("p99Ms", rs.getDouble("p99_ms"));
                    groups.add(g);
                }
            }
        }
        return new JsonObject().put("metric", q.metric() == LatencyQuery.Metric.TURN ? "turn" : "one_way")
                .put("from", q.from().toString()).put("to", q.to().toString())
                .put("source", rollup ? "rollup: whole 5-minute buckets, 50 ms bins below 2 s" : "raw: percentile_cont")
                .put("by", new JsonArray(List.copyOf(q.by()))).put("groups", groups);
    }

    private static void reply(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
