package org.telops.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.platform.access.Access;

/**
 * The assembly: database (embedded or external), migrations, Vert.x with Prometheus metrics, one HTTP
 * server with health and metrics, and every {@link TelopsModule} found on the class path (or the roles
 * asked for). Start-up order matters: readiness stays false until the schema is migrated and every
 * module has started.
 */
public final class Platform {
  private static final Logger log = LoggerFactory.getLogger(Platform.class);

  private final PlatformConfig config;
  private final EmbeddedDatabase embedded;
  private final HikariDataSource dataSource;
  private final Vertx vertx;
  private final HttpServers server;
  private final List<TelopsModule> modules;
  private final PrometheusMeterRegistry meters;
  private final AtomicBoolean draining;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private io.vertx.ext.web.Router router;

  private Platform(PlatformConfig config, EmbeddedDatabase embedded, HikariDataSource dataSource, Vertx vertx,
                   HttpServers server, List<TelopsModule> modules, PrometheusMeterRegistry meters, AtomicBoolean draining) {
    this.config = config;
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.vertx = vertx;
    this.server = server;
    this.modules = modules;
    this.meters = meters;
    this.draining = draining;
  }

  public static List<String> availableRoles() {
    // Distinct: a role may be served by several module classes (agent-runtime: calls and the carrier router).
    java.util.Set<String> roles = new java.util.LinkedHashSet<>();
    ServiceLoader.load(TelopsModule.class).forEach(m -> roles.add(m.role()));
    return new ArrayList<>(roles);
  }

  /** Starts everything or nothing: on failure what was started is stopped and the cause rethrown. */
  public static Platform start(PlatformConfig config, Set<String> roles) {
    List<TelopsModule> modules = new ArrayList<>();
    ServiceLoader.load(TelopsModule.class).forEach(m -> {
      if (roles.isEmpty() || roles.contains(m.role())) {
        modules.add(m);
      }
    });
    logConfig(config, modules);
    EmbeddedDatabase embedded = null;
    HikariDataSource ds = null;
    Vertx vertx = null;
    try {
      String url = config.database().url();
      String user = config.database().user();
      if (config.database().embedded()) {
        embedded = EmbeddedDatabase.startOwned(config.database().dataDir().resolve("postgres"), config.database().embeddedPort());
        url = embedded.jdbcUrl();
        user = embedded.user();
      }
      ds = Databases.pool(url, user, config.database().password(), config.database().poolSize(), "telops");
      Migrate.run(ds, Migrate.TimescaleMode.parse(config.environment().get("TELOPS_TIMESCALE")));
      if (embedded != null) {
        seedDemo(ds);
      }
      // Credentials before anything listens: start-up refuses here when an external database has no admin.
      Access access = Access.bootstrap(null, ds, config.environment(), embedded != null, System.out);
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(meters);
      new io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics().bindTo(meters);
      new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(meters);
      new io.micrometer.core.instrument.binder.system.UptimeMetrics().bindTo(meters);
      // Netty's native epoll transport on Linux when it loads (TELOPS_NATIVE_TRANSPORT, default true): media
      // streams cost less CPU per frame than on the JDK selector. Vert.x falls back to NIO by itself. Busy event
      // loops coalesce their wake-ups (TELOPS_EVENT_LOOP_COALESCE_MICROS, CoalescingEpoll).
      boolean nativeTransport = new org.telops.contracts.config.Env(config.environment()).bool("TELOPS_NATIVE_TRANSPORT", true);
      VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true))
          .setPreferNativeTransport(nativeTransport);
      io.vertx.core.transport.Transport transport = CoalescingEpoll.fromEnv(config.environment());
      io.vertx.core.VertxBuilder builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters));
      vertx = Cluster.fromEnv(config.environment()).start(transport == null ? builder : builder.withTransport(transport), options);
      String transportName = transport != null ? transport.name() : vertx.isNativeTransportEnabled() ? "native epoll" : "NIO";
      AtomicBoolean draining = new AtomicBoolean();
      Router router = Router.router(vertx);
      access = access.on(vertx);
      access.protect(router, config.environment());
      HealthChecks readiness = HealthChecks.create(vertx);
      HikariDataSource pool = ds;
      Vertx vx = vertx;
      // JDBC blocks: never on the event loop (a dead database would freeze every request for 10 s).
      // A procedure that times out makes the handler answer 500; "not ready" must be 503, so answer KO
      // ourselves after 1.5 s while the ping (about 1 s when PostgreSQL refuses, up to 10 s on a busy pool) finishes
      // off-loop.
      // PostgreSQL away is "degraded", not "down": every writer spools to local disk and calls go on, and all nodes
      // share the database, so leaving the load balancer's rotation would only turn an outage of records into an
      // outage of calls. The check stays UP and says "degraded"; the writers' own checks say what waits where.
      readiness.register("database", 5_000, p -> {
        long timer = vx.setTimer(1_500, t -> p.tryComplete(databaseAway("PostgreSQL did not answer within 1.5 s")));
        vx.executeBlocking(() -> ping(pool), false).onComplete(ar -> {
          vx.cancelTimer(timer);
          p.tryComplete(ar.failed() ? databaseAway(String.valueOf(ar.cause()))
              : ar.result().isOk() ? ar.result() : databaseAway(String.valueOf(ar.result().getData())));
        });
      });
      readiness.register("draining", p -> p.complete(draining.get() ? Status.KO(new JsonObject().put("reason", "shutting down")) : Status.OK()));
      HealthChecks liveness = HealthChecks.create(vertx).register("event-loop", p -> p.complete(Status.OK()));
      router.get("/health/live").handler(HealthCheckHandler.createWithHealthChecks(liveness));
      // Open to anyone (load balancers): which check is down, never its error text (that is in the log).
      router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness)
          .resultMapper(r -> Future.succeededFuture(withoutDetails(r))));
      router.get("/metrics").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(meters.scrape()));
      // Listen first so modules learn the real port (port 0 in tests → the public base URL follows it);
      // readiness stays DOWN until every module has started.
      AtomicBoolean started = new AtomicBoolean();
      readiness.register("modules", p -> p.complete(started.get() ? Status.OK() : Status.KO(new JsonObject().put("reason", "starting"))));
      // WebSocket frames up to 1 MiB reach the media handlers, which refuse oversize ones (> 64 KiB) with a
      // logged reason and keep the call; Netty's own 64 KiB limit would close the call instead.
      int loops = new org.telops.contracts.config.Env(config.environment())
          .integer("TELOPS_HTTP_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256);
      HttpServers server = await(HttpServers.start(vertx, new HttpServerOptions()
              .setHost(config.http().host()).setPort(config.http().port()).setCompressionSupported(true)
              .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20)
              .setSsl(tls(config.environment()) != null).setKeyCertOptions(tls(config.environment())), router, loops),
          "HTTP server on " + config.http().host() + ":" + config.http().port());
      PlatformConfig actual = LocalCarrier.configure(config.withHttp(config.http().withPort(server.actualPort())), modules);
      actual = access.internalCallers(actual);
      ModuleContext ctx = new ModuleContext(vertx, router, ds, meters, readiness, actual);
      for (TelopsModule m : modules) {
        await(m.start(ctx), "module " + m.role());
        log.info("module {} started", m.role());
      }
      access.mount(router, actual.environment(), actual.http().host(), server.actualPort(), tls(config.environment()) != null);
      started.set(true);
      log.info("telops ready on http://{}:{} ({} event loop(s), TELOPS_HTTP_EVENT_LOOPS; {} transport; public base URL {}) running {}",
          actual.http().host(), server.actualPort(), loops, transportName,
          actual.http().publicBaseUrl(), modules.stream().map(TelopsModule::role).toList());
      Platform platform = new Platform(actual, embedded, ds, vertx, server, modules, meters, draining);
      platform.router = router;
      return platform;
    } catch (RuntimeException | LinkageError e) {
      // LinkageError too: a class missing from the build must stop the process, not leave it half started.
      if (vertx != null) {
        vertx.close();
      }
      if (ds != null) {
        ds.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  /** TELOPS_TLS_CERT / TELOPS_TLS_KEY (PEM files): HTTPS and wss:// on the one port; both or neither. */
  static io.vertx.core.net.PemKeyCertOptions tls(Map<String, String> env) {
    String cert = env.get("TELOPS_TLS_CERT");
    String key = env.get("TELOPS_TLS_KEY");
    boolean c = cert != null && !cert.isBlank();
    boolean k = key != null && !key.isBlank();
    if (c != k) {
      throw new org.telops.contracts.config.ConfigException("TLS needs both TELOPS_TLS_CERT and TELOPS_TLS_KEY (PEM files); only "
          + (c ? "TELOPS_TLS_CERT" : "TELOPS_TLS_KEY") + " is set");
    }
    if (!c) {
      return null;
    }
    for (String f : new String[] {cert, key}) {
      if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(f))) {
        throw new org.telops.contracts.config.ConfigException("TLS file " + f + " is not readable: check TELOPS_TLS_CERT / TELOPS_TLS_KEY");
      }
    }
    return new io.vertx.core.net.PemKeyCertOptions().setCertPath(cert).setKeyPath(key);
  }

  private static Status databaseAway(String error) {
    return Status.OK(new JsonObject().put("degraded", "PostgreSQL unreachable: records are spooled to local disk, "
        + "reads and the console fail until it is back").put("error", error));
  }

  /** What a load balancer may see: each check's status and, when degraded, the fixed sentence saying how. */
  private static io.vertx.ext.healthchecks.CheckResult withoutDetails(io.vertx.ext.healthchecks.CheckResult r) {
    io.vertx.ext.healthchecks.CheckResult c = new io.vertx.ext.healthchecks.CheckResult().setId(r.getId());
    if (r.getStatus() != null) {
      JsonObject data = r.getStatus().getData();
      if (!r.getStatus().isOk() && data != null) {
        log.warn("readiness check {} is down: {}", r.getId(), data.encode());
      }
      Status st = new Status().setOk(r.getStatus().isOk());
      if (data != null && data.getString("degraded") != null) {
        st.setData(new JsonObject().put("degraded", data.getString("degraded")));
      }
      c.setStatus(st);
    }
    if (r.getChecks() != null) {
      c.setChecks(r.getChecks().stream().map(Platform::withoutDetails).toList());
    }
    return c;
  }

  private static Status ping(HikariDataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return Status.OK();
    } catch (Exception e) {
      return Status.KO(new JsonObject().put("error", e.getMessage()));
    }
  }

  private static void seedDemo(HikariDataSource ds) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO tenants (tenant_id, name) VALUES ('demo', 'Demo tenant') ON CONFLICT DO NOTHING");
      // The local carrier's default prices (carrier-sim TELOPS_SIM_RATES, 60/60), so calls are rated out of
      // the box; only into an empty rate-card table, as version 'demo' (replace with `telops billing rates import`).
      s.execute("WITH v AS (INSERT INTO rate_card_versions (imported_by, source_file, file_sha256, row_count) "
          + "SELECT 'platform', 'demo: the local carrier''s default rates', 'demo', 4 "
          + "WHERE NOT EXISTS (SELECT 1 FROM rate_cards) RETURNING version) "
          + "INSERT INTO rate_cards (carrier, direction, prefix, currency, price_per_minute_micros, increment_seconds, "
          + "minimum_seconds, first_increment_seconds, valid_from, version) SELECT r.carrier, r.direction, '', 'USD', "
          + "r.micros, 60, 60, 60, '2000-01-01', v.version FROM v, (VALUES ('twilio', 'outbound', 14000), "
          + "('twilio', 'inbound', 8500), ('telnyx', 'outbound', 7000), ('telnyx', 'inbound', 3500)) "
          + "AS r (carrier, direction, micros)");
    } catch (Exception e) {
      throw new IllegalStateException("cannot seed the demo tenant: " + e.getMessage(), e);
    }
  }

  private static void logConfig(PlatformConfig config, List<TelopsModule> modules) {
    Map<String, String> all = new TreeMap<>(config.describe());
    all.putAll(Cluster.fromEnv(config.environment()).describe());
    modules.forEach(m -> all.putAll(m.describeConfig(config.environment())));
    StringBuilder sb = new StringBuilder("effective configuration (secrets masked):");
    all.forEach((k, v) -> sb.append("\n  ").append(k).append(" = ").append(v));
    log.info("{}", sb);
  }

  private static <T> T await(Future<T> f, String what) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(what + " failed to start: " + e.getCause().getMessage(), e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed to start: " + e, e);
    }
  }

  /** Readiness goes false, modules drain (queued CDRs are written), then everything closes. Idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    log.info("telops stopping: draining");
    draining.set(true);
    // Modules first, while the server still serves: calls in flight keep their media sockets and finish
    // (the agent runtime waits up to TELOPS_DRAIN_TIMEOUT_SECONDS), their CDRs still reach the collector,
    // which stops last and writes what is queued. Readiness is already DOWN, so no new traffic is sent here.
    for (int i = modules.size() - 1; i >= 0; i--) {
      try {
        modules.get(i).stop().toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("module {} did not stop cleanly: {}", modules.get(i).role(), e.getMessage());
      }
    }
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP server did not close cleanly: {}", e.getMessage());
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("Vert.x did not close cleanly: {}", e.getMessage());
    }
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
    log.info("telops stopped");
  }

  public int httpPort() {
    return server.actualPort();
  }

  public PlatformConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HikariDataSource dataSource() {
    return dataSource;
  }

  public List<TelopsModule> modules() {
    return modules;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** The one router of the process (the route-walk test reads its routes). */
  public io.vertx.ext.web.Router router() {
    return router;
  }

  public EmbeddedDatabase embeddedDatabase() {
    return embedded;
  }

}
