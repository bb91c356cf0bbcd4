package org.telops.runtime.routing;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.config.HttpConfig;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;

/**
 * The carrier router module as the platform runs it — its own Vert.x, one HTTP server and router, a
 * pool on the (shared) embedded PostgreSQL — plus stand-ins for what other modules answer on the same
 * server: the voice webhook (keeps calls up, silent), status callbacks, and Telnyx webhooks republished
 * on the bus as the collector does. Records what goes on the bus.
 */
public final class RouterBed implements AutoCloseable {
  public final Vertx vertx = Vertx.vertx();
  public final HikariDataSource pool;
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final List<JsonObject> stateEvents = new CopyOnWriteArrayList<>();
  public final List<JsonObject> healthEvents = new CopyOnWriteArrayList<>();
  public final List<JsonObject> cdrFragments = new CopyOnWriteArrayList<>();
  public final CarrierRouterModule module = new CarrierRouterModule();
  /** Sees every CDR fragment the router sends (tests use it to play the runtime's part). */
  public volatile java.util.function.Consumer<JsonObject> cdrHook = f -> { };
  private final HttpServer server;
  private final Router web;
  public final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private boolean started;

  /** Listens first (so the sim can be told where to call back), starts the module with {@link #start}. */
  public RouterBed(EmbeddedDatabase db) {
    pool = Databases.pool(db.jdbcUrl(), db.user(), null, 6, "router-it");
    web = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false);
    web.post("/carriers/twilio/voice").handler(body).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/xml").end("<Response><Pause length=\"600\"/></Response>"));
    web.post("/carriers/twilio/status").handler(body).handler(ctx -> ctx.response().setStatusCode(204).end());
    web.post("/carriers/telnyx/webhook").handler(body).handler(ctx -> {
      vertx.eventBus().publish(Addresses.TELNYX_EVENTS, ctx.body().asJsonObject());
      ctx.response().setStatusCode(200).end();
    });
    server = Beds.await(vertx.createHttpServer().requestHandler(web).listen(0, "127.0.0.1"));
    base = "http://127.0.0.1:" + server.actualPort();
    vertx.eventBus().<JsonObject>consumer(Addresses.CARRIER_STATE, m -> stateEvents.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CARRIER_HEALTH, m -> healthEvents.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CDR_INGEST, m -> {
      cdrFragments.add(m.body());
      m.reply("queued");
      cdrHook.accept(m.body());
    });
  }

  public RouterBed start(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("TELOPS_PUBLIC_BASE_URL", base);
    PlatformConfig cfg = PlatformConfig.fromEnv(all)
        .withHttp(new HttpConfig("127.0.0.1", server.actualPort(), base));
    Beds.await(module.start(new ModuleContext(vertx, web, pool, meters, HealthChecks.create(vertx), cfg)));
    started = true;
    return this;
  }

  public CarrierRouter router() {
    return module.router();
  }

  public HttpResponse<String> post(String path, JsonObject body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST /api/v1/calls with the usual test numbers; the answer's JSON. */
  public HttpResponse<String> call(String region) throws Exception {
    JsonObject b = new JsonObject().put("to", "+14155550100").put("from", "+15550100199").put("tenant", "demo")
        .put("agent", "it");
    if (region != null) {
      b.put("region", region);
    }
    return post("/api/v1/calls", b);
  }

  public JsonObject carrier(String name) throws Exception {
    for (Object o : new JsonObject(get("/api/v1/carriers").body()).getJsonArray("carriers")) {
      if (((JsonObject) o).getString("name").equals(name)) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no carrier " + name);
  }

  public long count(String sql) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public String text(String sql) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Dies without stopping anything: no drill is finished, no fault removed; its sessions end. */
  public void crash() {
    pool.close();
    Beds.await(vertx.close());
  }

  @Override
  public void close() {
    if (started) {
      Beds.await(module.stop());
    }
    Beds.await(vertx.close());
    pool.close();
  }
}
