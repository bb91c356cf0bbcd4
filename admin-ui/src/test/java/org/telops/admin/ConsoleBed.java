package org.telops.admin;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.telops.admin.live.LiveFeed;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.ActorHeaders;
import org.telops.contracts.auth.Role;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * One migrated embedded PostgreSQL, a Vert.x bus and the console's services for every UI test in this JVM, with
 * three users (admin, oncall, finance). The bus operations the console sends are answered by {@link #answer}, which
 * records each request with its actor: the REST side of each operation is tested in its own module.
 */
final class ConsoleBed {
  static final String PASSWORD = "password-for-console-tests";
  private static ConsoleBed bed;

  final EmbeddedDatabase db;
  final HikariDataSource ds;
  final Vertx vertx = Vertx.vertx();
  final LiveFeed live = new LiveFeed();
  final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Boolean> answered = new ConcurrentHashMap<>();

  record Sent(String address, Actor actor, JsonObject body) {}

  private ConsoleBed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    db = EmbeddedDatabase.start(Files.createTempDirectory("telops-console"), port);
    ds = Databases.pool(db.jdbcUrl(), db.user(), null, 6, "console-test");
    Migrate.run(ds, Migrate.TimescaleMode.OFF);
    live.start(vertx, 100);
    Services.install(new Services(vertx, ds, live, Clock.systemUTC(), new org.telops.cdr.billing.BillingService(ds,
        org.telops.cdr.billing.BillingConfig.fromEnv(Map.of(), null), java.util.concurrent.Executors.newSingleThreadExecutor())));
    var users = Services.get().users();
    users.add("admin", Role.ADMIN, PASSWORD);
    users.add("oncall", Role.ON_CALL, PASSWORD);
    users.add("finance", Role.FINANCE, PASSWORD);
  }

  static synchronized ConsoleBed get() throws Exception {
    if (bed == null) {
      bed = new ConsoleBed();
    }
    return bed;
  }

  /** Answers {@code address} with {@code reply(body)} and records the request. */
  void answer(String address, Function<JsonObject, JsonObject> reply) {
    if (answered.putIfAbsent(address, true) != null) {
      return;
    }
    vertx.eventBus().<JsonObject>consumer(address, (Message<JsonObject> m) -> {
      sent.add(new Sent(address, ActorHeaders.from(m), m.body()));
      m.reply(reply.apply(m.body()));
    });
  }

  Sent awaitSent(String address) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      for (Sent s : sent) {
        if (s.address().equals(address)) {
          return s;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("nothing sent on " + address + " within 4 s; sent: " + sent);
  }

  void sql(String... statements) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
