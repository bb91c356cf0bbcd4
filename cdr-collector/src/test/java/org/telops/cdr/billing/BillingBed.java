package org.telops.cdr.billing;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.config.SimConfig;
import org.telops.carriersim.standalone.SimServer;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/** Embedded PostgreSQL (migrated), the local carrier on a free port, and a BillingService on both. */
final class BillingBed implements AutoCloseable {
  final EmbeddedDatabase db;
  final HikariDataSource ds;
  final Vertx vertx = Vertx.vertx();
  final SimServer sim;
  final BillingService billing;

  BillingBed(Path dir, Map<String, String> simEnv) throws Exception {
    db = EmbeddedDatabase.start(dir, freePort());
    ds = Databases.pool(db.jdbcUrl(), db.user(), null, 6, "billing-it");
    Migrate.run(ds, Migrate.TimescaleMode.OFF);
    Map<String, String> env = new HashMap<>(simEnv);
    env.put("TELOPS_SIM_PORT", "0");
    sim = SimServer.start(vertx, SimConfig.fromEnv(env, "http://127.0.0.1:9"), Clock.systemUTC(),
        new SimpleMeterRegistry()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    billing = new BillingService(ds, BillingConfig.fromEnv(Map.of("TELOPS_BILLING_DISPUTE_PERCENT", "2"), sim.baseUrl()),
        Executors.newSingleThreadExecutor());
  }

  /** Stores the CDR telops would have written for a call the local carrier billed (ended, not yet rated). */
  void storeCdr(String callId, BilledCall c) throws Exception {
    try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement("INSERT INTO calls "
        + "(call_id, carrier_call_id, carrier, region, tenant_id, direction, from_number, to_number, attempted_at, "
        + "answered_at, ended_at, state, outcome, telephony_seconds, sources) "
        + "VALUES (?, ?, ?, 'us-east', 'demo', ?, ?, ?, ?, ?, ?, 'ended', ?, ?, 'carrier')")) {
      ps.setString(1, callId);
      ps.setString(2, c.callId());
      ps.setString(3, c.carrier());
      ps.setString(4, c.inbound() ? "inbound" : "outbound");
      ps.setString(5, c.from());
      ps.setString(6, c.to());
      ps.setTimestamp(7, Timestamp.from(c.createdAt()));
      ps.setTimestamp(8, c.answeredAt() == null ? null : Timestamp.from(c.answeredAt()));
      ps.setTimestamp(9, Timestamp.from(c.endedAt()));
      ps.setString(10, c.answeredAt() == null ? "no-answer" : "completed");
      ps.setObject(11, c.answeredAt() == null ? null : c.durationSeconds());
      ps.executeUpdate();
    }
  }

  long count(String sql) throws Exception {
    try (Connection conn = ds.getConnection(); var rs = conn.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    sim.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ds.close();
    db.close();
  }
}
