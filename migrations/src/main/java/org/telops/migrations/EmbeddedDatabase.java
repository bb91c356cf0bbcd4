package org.telops.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL the platform runs on when no TELOPS_DB_URL is given: real PostgreSQL binaries
 * (zonky), data kept in {@code dataDir} between runs, on a fixed loopback port so a restart finds it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final Path dataDir;
  private final int port;
  private final boolean stopOnJvmExit;
  private EmbeddedPostgres postgres;

  private EmbeddedDatabase(Path dataDir, int port, boolean stopOnJvmExit) {
    this.dataDir = dataDir;
    this.port = port;
    this.stopOnJvmExit = stopOnJvmExit;
  }

  /**
   * Starts (initialising the directory on first use) and returns the running server, stopped by a JVM
   * shutdown hook if the caller does not close it first (tests, the CLI's short-lived commands).
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    EmbeddedDatabase db = new EmbeddedDatabase(dataDir, port, true);
    db.startServer();
    return db;
  }

  /**
   * Starts a server that only {@link #close()} stops: no shutdown hook of its own. The platform uses this
   * because JVM shutdown hooks run concurrently: a hook of the database's would stop PostgreSQL while the
   * platform's own hook is still draining calls and flushing writers into it. The caller must close it last.
   */
  public static EmbeddedDatabase startOwned(Path dataDir, int port) {
    EmbeddedDatabase db = new EmbeddedDatabase(dataDir, port, false);
    db.startServer();
    return db;
  }

  private void startServer() {
    try {
      Files.createDirectories(dataDir);
      boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
      LeftoverServer.recover(dataDir);
      long t0 = System.nanoTime();
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setRegisterShutdownHook(stopOnJvmExit)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "100")
          .setServerConfig("shared_buffers", "128MB")
          .setServerConfig("synchronous_commit", "on")
          .start();
      log.info("embedded PostgreSQL {} on 127.0.0.1:{} with data in {} ({} ms)",
          fresh ? "initialised" : "started", port, dataDir, (System.nanoTime() - t0) / 1_000_000);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + " on port " + port
          + ": " + e.getMessage() + " — free the port (TELOPS_EMBEDDED_DB_PORT) or the directory "
          + "(TELOPS_DATA_DIR), or set TELOPS_DB_URL to use an external server", e);
    }
  }

  /** Stops the server, keeping its data; {@link #restart()} brings it back on the same port. */
  public void stop() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      postgres = null;
    }
  }

  public void restart() {
    stop();
    startServer();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String user() {
    return "postgres";
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** An unpooled data source; use {@link Databases#pool} for a service. */
  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  @Override
  public void close() {
    stop();
  }
}
