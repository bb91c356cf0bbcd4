package org.telops.prober.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.prober.region.Region;
import org.telops.prober.store.HealthRow;
import org.telops.prober.store.ProbeReads;

/**
 * <pre>
 * GET /api/v1/regions?from=&amp;to=                 health, probe counts by outcome/reason, round-trip P50/P95/P99 (default last 24 h)
 * GET /api/v1/probes?region=&amp;from=&amp;to=&amp;limit=    newest probes first + round-trip percentiles (default last hour, limit 500)
 * GET /api/v1/probes/cost?region=&amp;from=&amp;to=      probe minutes and cost per UTC day (default last 7 days)
 * </pre>
 * Bad parameters answer 400 with the parameter, the value and what to give instead.
 */
public final class ProbeApi {
  private static final Logger log = LoggerFactory.getLogger(ProbeApi.class);
  private static final Duration MAX_DETAIL_WINDOW = Duration.ofDays(31);
  private static final Duration MAX_COST_WINDOW = Duration.ofDays(400);
  private static final int MAX_LIMIT = 10_000;

  private final ProbeReads reads;
  private final WorkerExecutor worker;
  private final ProberView view;

  public ProbeApi(ProbeReads reads, WorkerExecutor worker, ProberView view) {
    this.reads = reads;
    this.worker = worker;
    this.view = view;
  }

  public void mount(Router router) {
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
    org.telops.contracts.auth.AccessRules.of(router)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/regions", org.telops.contracts.auth.Role.ANY)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/probes/cost", org.telops.contracts.auth.Role.ANY)
        .require(io.vertx.core.http.HttpMethod.GET, "/api/v1/probes", org.telops.contracts.auth.Role.ANY);
    router.get("/api/v1/regions").handler(this::regions);
    router.get("/api/v1/probes/cost").handler(this::cost);
    router.get("/api/v1/probes").handler(this::probes);
  }

  private void regions(RoutingContext ctx) {
    TimeWindow w = window(ctx, Duration.ofHours(24), MAX_DETAIL_WINDOW);
    if (w == null) {
      return;
    }
    answer(ctx, () -> {
      Map<String, long[]> rtts = reads.roundTrips(w.from(), w.to(), null);
      Map<String, JsonObject> counts = new HashMap<>();
      for (ProbeReads.Count c : reads.counts(w.from(), w.to())) {
        JsonObject o = counts.computeIfAbsent(c.region(), k -> new JsonObject().put("total", 0L).put("success", 0L)
            .put("failure", 0L).put("byReason", new JsonObject()).put("lastProbeAt", (String) null));
        o.put("total", o.getLong("total") + c.probes());
        o.put(c.success() ? "success" : "failure", o.getLong(c.success() ? "success" : "failure") + c.probes());
        if (!c.success()) {
          o.getJsonObject("byReason").put(c.reason(), c.probes());
        }
        String last = o.getString("lastProbeAt");
        if (last == null || Instant.parse(last).isBefore(c.lastAt())) {
          o.put("lastProbeAt", c.lastAt().toString());
        }
      }
      JsonArray regions = new JsonArray();
      for (Region r : view.regions()) {
        JsonObject probes = counts.getOrDefault(r.name(), new JsonObject().put("total", 0L).put("success", 0L)
            .put("failure", 0L).put("byReason", new JsonObject()).put("lastProbeAt", (String) null));
        probes.put("skipped", view.skipped(r.name()));
        HealthRow h = view.health(r.name());
        regions.add(new JsonObject().put("region", r.name()).put("carrier", r.carrier())
            .put("callerNumber", r.callerNumber()).put("targets", new JsonArray(new ArrayList<>(r.targets())))
            .mergeIn(ProbeJson.health(h)).put("probes", probes)
            .put("roundTripMs", ProbeJson.percentiles(Percentiles.of(rtts.get(r.name())))));
      }
      return window(w).put("intervalSeconds", view.intervalSeconds()).put("regions", regions);
    });
  }

  private void probes(RoutingContext ctx) {
    TimeWindow w = window(ctx, Duration.ofHours(1), MAX_DETAIL_WINDOW);
    if (w == null) {
      return;
    }
    String region = ctx.queryParams().get("region");
    int limit;
    try {
      String l = ctx.queryParams().get("limit");
      limit = l == null ? 500 : Integer.parseInt(l.trim());
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      badRequest(ctx, "limit=" + ctx.queryParams().get("limit") + " is not a whole number from 1 to " + MAX_LIMIT);
      return;
    }
    answer(ctx, () -> {
      Map<String, long[]> rtts = reads.roundTrips(w.from(), w.to(), region);
      JsonObject byRegion = new JsonObject();
      rtts.forEach((k, v) -> byRegion.put(k, ProbeJson.percentiles(Percentiles.of(v))));
      long[] all = rtts.values().stream().flatMapToLong(LongStream::of).sorted().toArray();
      JsonArray list = new JsonArray();
      reads.list(w.from(), w.to(), region, limit).forEach(p -> list.add(ProbeJson.result(p)));
      return window(w).put("region", region).put("count", list.size()).put("limit", limit)
          .put("roundTripMs", ProbeJson.percentiles(Percentiles.of(all))).put("roundTripMsByRegion", byRegion)
          .put("probes", list);
    });
  }

  private void cost(RoutingContext ctx) {
    TimeWindow w = window(ctx, Duration.ofDays(7), MAX_COST_WINDOW);
    if (w == null) {
      return;
    }
    String region = ctx.queryParams().get("region");
    answer(ctx, () -> {
      JsonArray days = new JsonArray();
      Map<String, long[]> totals = new HashMap<>(); // currency → probes, seconds, billed minutes, micros
      for (ProbeReads.DayCost d : reads.costPerDay(w.from(), w.to(), region)) {
        days.add(ProbeJson.dayCost(d));
        long[] t = totals.computeIfAbsent(String.valueOf(d.currency()), k -> new long[4]);
        t[0] += d.probes();
        t[1] += d.seconds();
        t[2] += d.billedMinutes();
        t[3] += d.costMicros();
      }
      JsonArray sums = new JsonArray();
      totals.forEach((cur, t) -> sums.add(new JsonObject().put("currency", "null".equals(cur) ? null : cur)
          .put("probes", t[0]).put("seconds", t[1]).put("billedMinutes", t[2]).put("costMicros", t[3])));
      return window(w).put("region", region).put("days", days).put("totals", sums);
    });
  }

  private TimeWindow window(RoutingContext ctx, Duration dflt, Duration max) {
    try {
      return TimeWindow.parse(ctx.queryParams().get("from"), ctx.queryParams().get("to"), dflt, max, Instant.now());
    } catch (IllegalArgumentException e) {
      badRequest(ctx, e.getMessage());
      return null;
    }
  }

  private static JsonObject window(TimeWindow w) {
    return new JsonObject().put("from", w.from().toString()).put("to", w.to().toString());
  }

  private void answer(RoutingContext ctx, Callable<JsonObject> query) {
    worker.executeBlocking(query, false).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 200, ar.result());
      } else {
        log.warn("probe API {} failed: {}", ctx.request().uri(), String.valueOf(ar.cause()));
        json(ctx, 503, new JsonObject().put("error", "the probe results could not be read (" + ar.cause().getMessage()
            + "); try again, and check the database if it persists"));
      }
    });
  }

  private static void badRequest(RoutingContext ctx, String message) {
    json(ctx, 400, new JsonObject().put("error", message));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }
  }
}
