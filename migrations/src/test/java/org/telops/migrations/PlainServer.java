package org.telops.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests: 17 through {@link EmbeddedDatabase} (the class-path binaries), 16 through
 * zonky with the binaries jar that maven-dependency-plugin copies into target/pg16 (system property
 * telops.pg16.binaries). Each test gets a fresh database of its own on it.
 */
final class PlainServer implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  final String major;
  /** "17.6", "16.10": what {@code SHOW server_version} must start with. */
  final String expectedVersion;
  final int port;
  private final AutoCloseable handle;

  private PlainServer(String major, String expectedVersion, int port, AutoCloseable handle) {
    this.major = major;
    this.expectedVersion = expectedVersion;
    this.port = port;
    this.handle = handle;
  }

  static PlainServer start(String major, Path dataDir) {
    int port = StorageOutline.freePort();
    return switch (major) {
      case "17" -> new PlainServer(major, serverVersion("telops.pg17.version"), port,
          EmbeddedDatabase.start(dataDir, port));
      case "16" -> new PlainServer(major, serverVersion("telops.pg16.version"), port, startWithJar(
          binariesJar(), dataDir, port));
      default -> throw new IllegalArgumentException("no PostgreSQL " + major + " binaries for the tests");
    };
  }

  /** Creates an empty database and returns an unpooled data source for it. */
  DataSource newDatabase() throws SQLException {
    String name = "it_" + major + "_" + DATABASES.incrementAndGet();
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl(name));
    ds.setUser("postgres");
    return ds;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() throws Exception {
    handle.close();
  }

  @Override
  public String toString() {
    return "PostgreSQL " + major;
  }

  /** "16.10.0" (the binaries artifact version) → "16.10" (the server version it reports). */
  private static String serverVersion(String property) {
    String v = System.getProperty(property);
    if (v == null) {
      throw new IllegalStateException("system property " + property + " is not set: run the tests with "
          + "`mvn -pl migrations verify` (migrations/pom.xml sets it for Failsafe)");
    }
    return v.replaceFirst("\\.0$", "");
  }

  private static Path binariesJar() {
    String jar = System.getProperty("telops.pg16.binaries");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("PostgreSQL 16 binaries jar not found at " + jar + ": maven-dependency-plugin "
          + "copies it at pre-integration-test; run `mvn -pl migrations verify`");
    }
    return Path.of(jar);
  }

  /** The same server settings as EmbeddedDatabase, with the binaries taken from {@code jar}. */
  private static EmbeddedPostgres startWithJar(Path jar, Path dataDir, int port) {
    try {
      Files.createDirectories(dataDir);
      return EmbeddedPostgres.builder()
          .setPgBinaryResolver(jarResolver(jar))
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "100")
          .setServerConfig("shared_buffers", "128MB")
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PostgreSQL from " + jar + " on port " + port + ": "
          + e.getMessage(), e);
    }
  }

  /** Serves postgres-{system}-{hardware}.txz out of a zonky binaries jar. */
  static PgBinaryResolver jarResolver(Path jar) {
    return (system, hardware) -> {
      String entry = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware.toLowerCase(Locale.ROOT) + ".txz";
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
          throw new IOException(jar + " has no " + entry);
        }
        try (InputStream in = zip.getInputStream(e)) {
          return new ByteArrayInputStream(in.readAllBytes());
        }
      }
    };
  }
}
