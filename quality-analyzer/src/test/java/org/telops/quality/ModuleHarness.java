package org.telops.quality;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * The quality-analyzer module the way the platform runs it: a real PostgreSQL (embedded, migrated), one
 * Vert.x HTTP server with one Router on a free port, a meter registry and the module started on them.
 */
final class ModuleHarness implements AutoCloseable {
    final EmbeddedDatabase db;
    final HikariDataSource dataSource;
    final Vertx vertx;
    final HttpServer server;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final QualityAnalyzerModule module = new QualityAnalyzerModule();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ModuleHarness(EmbeddedDatabase db, HikariDataSource dataSource, Vertx vertx, HttpServer server) {
        this.db = db;
        this.dataSource = dataSource;
        this.vertx = vertx;
        this.server = server;
    }

    static ModuleHarness start(Path dataDir, Vertx vertx, Map<String, String> env) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, freePort());
        HikariDataSource ds = Databases.pool(db.jdbcUrl(), db.user(), null, 8, "quality-it");
        Migrate.run(ds, Migrate.TimescaleMode.OFF);
        Router router = Router.router(vertx);
        HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        ModuleHarness h = new ModuleHarness(db, ds, vertx, server);
        Map<String, String> all = new HashMap<>(env);
        all.put("TELOPS_HTTP_PORT", String.valueOf(server.actualPort()));
        ModuleContext ctx = new ModuleContext(vertx, router, ds, h.meters, HealthChecks.create(vertx),
                PlatformConfig.fromEnv(all));
        await(h.module.start(ctx));
        return h;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static <T> T await(io.vertx.core.Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String base() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a statement with its parameters; returns the update count. */
    int exec(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** The first column of the first row, or null. */
    Object value(String sql, Object... args) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    long count(String sql, Object... args) throws Exception {
        Object v = value(sql, args);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** Polls every 50 ms until {@code done} accepts the value or the deadline passes (then fails with the last value). */
    static <T> T poll(String what, Duration deadline, Callable<T> probe, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < end) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                lastError = e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited " + deadline.toMillis() + " ms for " + what + "; last value: " + last, lastError);
    }

    @Override
    public void close() throws Exception {
        try {
            await(module.stop());
            await(server.close());
        } finally {
            dataSource.close();
            db.close();
        }
    }
}
