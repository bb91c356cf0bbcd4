package org.telops.prober.it;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.telops.carriersim.CarrierSimModule;
import org.telops.carriersim.config.SimCredentials;
import org.telops.cdr.CdrCollectorModule;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.prober.SyntheticProberModule;
import org.telops.quality.QualityAnalyzerModule;
import org.telops.runtime.AgentRuntimeModule;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * The platform's pieces in one process, as the platform assembles them (one Vert.x, one HTTP server and
 * router, a migrated embedded PostgreSQL, one ModuleContext): carrier-sim, cdr-collector, agent-runtime
 * with the probe number mapped to its probe-responder engine, quality-analyzer, and the prober under test.
 * The prober can be restarted on a second server (its routes cannot be unmounted from the first router).
 */
final class ProberBed implements AutoCloseable {
  static final String TWILIO_SID = "AC00000000000000000000000000000001";
  static final String TWILIO_TOKEN = "prober-it-twilio-token-0123456789";
  static final String TELNYX_KEY = "KEYPROBERIT0123456789";

  final Vertx vertx = Vertx.vertx();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<JsonObject> regionHealthMessages = new CopyOnWriteArrayList<>();
  final List<JsonObject> probeMessages = new CopyOnWriteArrayList<>();
  final Map<String, String> env = new HashMap<>();
  final String base;
  private final EmbeddedDatabase database;
  final HikariDataSource dataSource;
  private final List<TelopsModule> modules = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  SyntheticProberModule prober;
  String proberBase;

  ProberBed(Map<String, String> proberEnv) throws Exception {
    database = EmbeddedDatabase.start(Files.createTempDirectory("telops-prober-it"), freePort());
    dataSource = Databases.pool(database.jdbcUrl(), database.user(), null, 8, "prober-it");
    Migrate.run(dataSource, Migrate.TimescaleMode.parse("off"));
    Router router = Router.router(vertx);
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    servers.add(server);
    base = "http://127.0.0.1:" + server.actualPort();
    KeyPair telnyx = SimCredentials.generateEd25519();
    env.put("TELOPS_HTTP_PORT", String.valueOf(server.actualPort()));
    env.put("TELOPS_PUBLIC_BASE_URL", base);
    env.put("TELOPS_TWILIO_ACCOUNT_SID", TWILIO_SID);
    env.put("TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
    env.put("TELOPS_TELNYX_API_KEY", TELNYX_KEY);
    env.put("TELOPS_TELNYX_PUBLIC_KEY", TelnyxSignatures.rawPublicKeyBase64(telnyx.getPublic()));
    env.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", SimCredentials.encodePrivateKey(telnyx.getPrivate()));
    env.put("TELOPS_TWILIO_API_BASE_URL", base + "/sim/twilio");
    env.put("TELOPS_TELNYX_API_BASE_URL", base + "/sim/telnyx");
    env.put("TELOPS_AGENT_ENGINE_BY_NUMBER", "+15550100=probe-responder");
    env.put("TELOPS_SIM_SEED", "20261121");
    env.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0");
    env.put("TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0");
    env.put("TELOPS_ALERT_EVALUATION_INTERVAL_MS", "500");
    env.put("TELOPS_DRAIN_TIMEOUT_SECONDS", "2");
    env.putAll(proberEnv);
    vertx.eventBus().<JsonObject>consumer(Addresses.REGION_HEALTH, m -> regionHealthMessages.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.PROBE_RESULTS, m -> probeMessages.add(m.body()));
    ModuleContext ctx = context(router, server.actualPort());
    for (TelopsModule m : List.of(new CdrCollectorModule(), new CarrierSimModule(), new AgentRuntimeModule(),
        new QualityAnalyzerModule())) {
      await(m.start(ctx));
      modules.add(m);
    }
    prober = new SyntheticProberModule();
    await(prober.start(ctx));
    proberBase = base;
  }

  private ModuleContext context(Router router, int port) {
    PlatformConfig config = PlatformConfig.fromEnv(env);
    return new ModuleContext(vertx, router, dataSource, meters, HealthChecks.create(vertx),
        config.withHttp(config.http().withPort(port)));
  }

  /** Stops the prober and starts a new one against the same database, on a server of its own. */
  void restartProber() throws Exception {
    await(prober.stop());
    Router router = Router.router(vertx);
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    servers.add(server);
    proberBase = "http://127.0.0.1:" + server.actualPort();
    Map<String, String> saved = new HashMap<>(env);
    env.put("TELOPS_PUBLIC_BASE_URL", proberBase);
    env.put("TELOPS_HTTP_PORT", String.valueOf(server.actualPort()));
    ModuleContext ctx = context(router, server.actualPort());
    env.clear();
    env.putAll(saved);
    prober = new SyntheticProberModule();
    await(prober.start(ctx));
  }

  JsonObject getJson(String baseUrl, String pathAndQuery) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).put("_status", r.statusCode());
  }

  void putFault(JsonObject fault) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/sim/faults"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(fault.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("the sim refused fault " + fault + ": " + r.body());
    }
  }

  void clearFaults() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(base + "/sim/faults")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Rows of a query, each column by its label. */
  List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  String status(String region) throws Exception {
    List<Map<String, Object>> r = rows("SELECT status FROM region_health WHERE region = ?", region);
    return r.isEmpty() ? null : (String) r.get(0).get("status");
  }

  static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** A condition that may throw (database reads), for {@link #until}. */
  interface Check {
    boolean ok() throws Exception;
  }

  static BooleanSupplier check(Check c) {
    return () -> {
      try {
        return c.ok();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      if (prober != null) {
        await(prober.stop());
      }
      for (int i = modules.size() - 1; i >= 0; i--) {
        await(modules.get(i).stop());
      }
      for (HttpServer s : servers) {
        await(s.close());
      }
    } finally {
      await(vertx.close());
      dataSource.close();
      database.close();
    }
  }
}
