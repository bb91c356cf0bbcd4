package org.telops.runtime.routing;

import io.vertx.core.Future;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/** Helpers shared by the router and drill ITs: a migrated embedded PostgreSQL, waiting, free ports. */
public final class Beds {
  private Beds() {}

  /** A fresh embedded PostgreSQL in a temp directory, migrated. */
  public static EmbeddedDatabase database() throws IOException {
    Path dir = Files.createTempDirectory("telops-router-it");
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), freePort());
    Migrate.run(db.dataSource(), Migrate.TimescaleMode.OFF);
    return db;
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      sleep(20);
    }
  }

  public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T v;
    while ((v = supplier.get()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      sleep(20);
    }
    return v;
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
