package org.telops.platform.access;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.AuditEntry;
import org.telops.contracts.auth.JdbcAuditLog;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * {@code telops users add NAME --role ROLE} (password on stdin), {@code telops users list},
 * {@code telops tokens create --name N --role R [--expires-days D]}, {@code telops tokens revoke N}. They work
 * on the database itself, so with or without a server running: TELOPS_DB_URL, else the embedded database's
 * port if a server holds it, else the embedded database in TELOPS_DATA_DIR started for the command.
 * Each change is audited with actor {@code cli:<OS user>}.
 */
public final class AccessCli {
  private AccessCli() {}

  public static int run(String command, String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    EmbeddedDatabase embedded = null;
    try {
      String url = blank(env.get("TELOPS_DB_URL")) ? null : env.get("TELOPS_DB_URL");
      String user = env.get("TELOPS_DB_USER");
      if (url == null) {
        int port = Integer.parseInt(env.getOrDefault("TELOPS_EMBEDDED_DB_PORT", "54329"));
        url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        user = "postgres";
        if (!reachable(url, user)) {
          Path dir = Path.of(env.getOrDefault("TELOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();
          embedded = EmbeddedDatabase.start(dir.resolve("postgres"), port);
          url = embedded.jdbcUrl();
        }
      }
      try (HikariDataSource ds = Databases.pool(url, user, env.get("TELOPS_DB_PASSWORD"), 2, "telops-cli")) {
        Migrate.run(ds, Migrate.TimescaleMode.parse(env.get("TELOPS_TIMESCALE")));
        Actor actor = new Actor("cli:" + System.getProperty("user.name", "unknown"), Role.ADMIN, Actor.Kind.SYSTEM, "local");
        return new Commands(ds, actor, in, out).run(command, args);
      }
    } catch (IllegalArgumentException | org.telops.contracts.auth.OperatorOps.Failure e) {
      err.println(command + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println(command + " failed: " + e.getMessage());
      return 1;
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static boolean reachable(String url, String user) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", user);
    p.setProperty("connectTimeout", "2");
    try (Connection c = DriverManager.getConnection(url, p)) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private record Commands(HikariDataSource ds, Actor actor, InputStream in, PrintStream out) {
    int run(String command, String[] args) {
      String sub = args.length == 0 ? "" : args[0];
      UserDirectory users = new UserDirectory(ds);
      TokenStore tokens = new TokenStore(ds);
      JdbcAuditLog audit = new JdbcAuditLog(ds);
      switch (command + " " + sub) {
        case "users add" -> {
          String name = positional(args, "users add NAME --role ROLE");
          Role role = Role.parse(option(args, "--role", true));
          String password = readLine();
          users.add(name, role, password);
          audit.append(new AuditEntry(Instant.now(), actor, "user.add", "user:" + name, "role " + role, "ok"));
          out.println("user " + name + " added with role " + role);
        }
        case "users list" -> {
          out.printf("%-24s %-8s %-8s %s%n", "NAME", "ROLE", "DISABLED", "LAST LOGIN");
          users.list().forEach(u -> out.printf("%-24s %-8s %-8s %s%n", u.name(), u.role(), u.disabled(),
              u.lastLoginAt() == null ? "-" : u.lastLoginAt()));
        }
        case "tokens create" -> {
          String name = option(args, "--name", true);
          Role role = Role.parse(option(args, "--role", true));
          String days = option(args, "--expires-days", false);
          Integer d;
          try {
            d = days == null ? null : Integer.valueOf(days);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--expires-days '" + days + "': a whole number of days");
          }
          TokenStore.Created c = tokens.create(name, role, d, actor.name());
          audit.append(new AuditEntry(Instant.now(), actor, "token.create", "token:" + name, "role " + role, "ok"));
          out.println(c.secret());
          System.err.println("token '" + name + "' (" + role + (c.token().expiresAt() == null ? "" : ", expires " + c.token().expiresAt())
              + ") created: it is shown once above and stored only as a hash");
        }
        case "tokens revoke" -> {
          String name = positional(args, "tokens revoke NAME");
          if (!tokens.revoke(name)) {
            throw new IllegalArgumentException("no token named '" + name + "'");
          }
          audit.append(new AuditEntry(Instant.now(), actor, "token.revoke", "token:" + name, null, "ok"));
          out.println("token " + name + " revoked");
        }
        default -> throw new IllegalArgumentException("usage: telops users add NAME --role ROLE | users list | "
            + "tokens create --name N --role R [--expires-days D] | tokens revoke N");
      }
      return 0;
    }

    private String readLine() {
      try {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
          throw new IllegalArgumentException("give the password on standard input, e.g. printf '%s\\n' \"$PW\" | telops users add …");
        }
        return line;
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read the password from standard input: " + e.getMessage(), e);
      }
    }

    private static String positional(String[] args, String usage) {
      if (args.length < 2 || args[1].startsWith("--")) {
        throw new IllegalArgumentException("usage: telops " + usage);
      }
      return args[1];
    }

    private static String option(String[] args, String name, boolean required) {
      for (int i = 1; i < args.length - 1; i++) {
        if (args[i].equals(name)) {
          return args[i + 1];
        }
      }
      if (required) {
        throw new IllegalArgumentException(name + " is required");
      }
      return null;
    }
  }
}
