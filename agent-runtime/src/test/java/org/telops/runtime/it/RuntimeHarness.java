package org.telops.runtime.it;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.json.CallRecordJson;
import org.telops.contracts.module.ModuleContext;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.runtime.AgentRuntimeModule;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * The agent-runtime module as the platform runs it — one Vert.x, one HTTP server and router, readiness
 * checks, a meter registry, optionally an embedded PostgreSQL with the real migrations — plus a stand-in
 * cdr-collector on the bus that answers "queued" and keeps every CDR, and recorders for the other addresses.
 */
public final class RuntimeHarness implements AutoCloseable {
  public static final String TWILIO_TOKEN = "it-twilio-auth-token-0123456789";
  public static final String TELNYX_API_KEY = "KEY-it-telnyx";

  public final Vertx vertx = Vertx.vertx();
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final HealthChecks readiness = HealthChecks.create(vertx);
  public final KeyPair telnyxKeys;
  public final AgentRuntimeModule module = new AgentRuntimeModule();
  public final List<CallRecord> cdrs = new CopyOnWriteArrayList<>();
  public final List<JsonObject> samples = new CopyOnWriteArrayList<>();
  public final List<JsonObject> turns = new CopyOnWriteArrayList<>();
  public final List<JsonObject> events = new CopyOnWriteArrayList<>();
  /** The media stream's moments (telops.call.moments). */
  public final List<JsonObject> moments = new CopyOnWriteArrayList<>();
  public final int port;
  private final HttpServer server;
  private EmbeddedDatabase database;
  public HikariDataSource dataSource;

  private RuntimeHarness(Map<String, String> extraEnv, boolean withDatabase) throws Exception {
    telnyxKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Router router = Router.router(vertx);
    // What the platform should configure too: frames up to 1 MiB reach the module, which refuses
    // anything over TELOPS_MEDIA_MAX_FRAME_BYTES itself instead of Netty closing the call.
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20))
        .requestHandler(router).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = server.actualPort();
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_HTTP_PORT", String.valueOf(port));
    env.put("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
    env.put("TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
    env.put("TELOPS_TELNYX_PUBLIC_KEY", TelnyxSignatures.rawPublicKeyBase64(telnyxKeys.getPublic()));
    env.put("TELOPS_TELNYX_API_KEY", TELNYX_API_KEY);
    env.put("TELOPS_DRAIN_TIMEOUT_SECONDS", "5");
    env.putAll(extraEnv);
    if (withDatabase) {
      database = EmbeddedDatabase.start(Files.createTempDirectory("telops-runtime-it"), freePort());
      dataSource = Databases.pool(database.jdbcUrl(), database.user(), null, 4, "runtime-it");
      Migrate.run(dataSource, Migrate.TimescaleMode.parse("off"));
    }
    vertx.eventBus().<JsonObject>consumer(Addresses.CDR_INGEST, m -> {
      cdrs.add(CallRecordJson.fromJson(m.body()));
      m.reply("queued");
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.QUALITY_SAMPLES, m -> samples.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CALL_TURNS, m -> turns.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CALL_EVENTS, m -> events.add(m.body()));
    vertx.eventBus().<JsonObject>consumer(Addresses.CALL_MOMENTS, m -> moments.add(m.body()));
    ModuleContext ctx = new ModuleContext(vertx, router, dataSource, meters, readiness, PlatformConfig.fromEnv(env));
    module.start(ctx).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  public static RuntimeHarness start(Map<String, String> env) throws Exception {
    return new RuntimeHarness(env, false);
  }

  public static RuntimeHarness startWithDatabase(Map<String, String> env) throws Exception {
    return new RuntimeHarness(env, true);
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public double counter(String name, String... tags) {
    Counter c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  /** Sum over every tag combination of a counter. */
  public double counterTotal(String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  public boolean ready() throws Exception {
    CheckResult r = readiness.checkStatus().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return r.getUp();
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    try {
      module.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      if (dataSource != null) {
        dataSource.close();
      }
      if (database != null) {
        database.close();
      }
    }
  }
}
