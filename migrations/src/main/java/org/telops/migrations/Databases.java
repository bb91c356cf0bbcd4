package org.telops.migrations;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/** Opens the connection pool and turns "it didn't connect" into a sentence an operator can act on. */
public final class Databases {
  /** How long a caller waits for a connection while PostgreSQL answers and every connection is busy. */
  static final long CONNECTION_WAIT_MS = 10_000;
  /** One wait on the pool (Hikari's connectionTimeout); after it a caller learns whether PostgreSQL refuses. */
  static final long ATTEMPT_MS = 1_000;

  private Databases() {}

  public static HikariDataSource pool(String jdbcUrl, String user, String password, int size, String name) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    c.setUsername(user);
    c.setPassword(password);
    c.setMaximumPoolSize(size);
    c.setPoolName(name);
    // Fail fast at start with the real cause, instead of serving with a dead pool.
    c.setInitializationFailTimeout(10_000);
    c.setConnectionTimeout(ATTEMPT_MS);
    c.addDataSourceProperty("reWriteBatchedInserts", "true");
    c.addDataSourceProperty("tcpKeepAlive", "true");
    try {
      return new FailFastPool(c);
    } catch (HikariPool.PoolInitializationException e) {
      throw new IllegalStateException(explain(jdbcUrl, user, e), e);
    }
  }

  /**
   * Waits up to {@link #CONNECTION_WAIT_MS} for a connection while the pool is only busy, but gives up after one
   * {@link #ATTEMPT_MS} wait when it has room for a connection and its last try to open one failed with a connection
   * error (PostgreSQL stopped, killed, or shutting down: SQLState class 08 or 57P). A writer that passed its port check
   * just before the database went away then spools its batch within about a second, instead of holding it for the
   * whole wait; a pool that is merely exhausted still makes its callers wait as long as before.
   */
  static final class FailFastPool extends HikariDataSource {
    FailFastPool(HikariConfig config) {
      super(config);
    }

    @Override
    public Connection getConnection() throws SQLException {
      long lastAttemptBy = System.nanoTime() + (CONNECTION_WAIT_MS - ATTEMPT_MS) * 1_000_000L;
      while (true) {
        try {
          return super.getConnection();
        } catch (SQLTransientConnectionException e) {
          if (databaseRefuses(e, getHikariPoolMXBean(), getMaximumPoolSize()) || System.nanoTime() > lastAttemptBy) {
            throw e;
          }
        }
      }
    }
  }

  /** Hikari's timeout carries the SQLState of the pool's last failed attempt to connect (null if none failed). */
  static boolean databaseRefuses(SQLException timeout, HikariPoolMXBean pool, int maximumPoolSize) {
    String state = timeout.getSQLState();
    boolean connectionError = state != null && (state.startsWith("08") || state.startsWith("57P"));
    return connectionError && (pool == null || pool.getTotalConnections() < maximumPoolSize);
  }

  /** One line naming the server, the reason and the fix. */
  static String explain(String jdbcUrl, String user, Throwable e) {
    Throwable root = e;
    String sqlState = null;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof SQLException s && s.getSQLState() != null) {
        sqlState = s.getSQLState();
      }
      root = root.getCause();
    }
    if (root instanceof SQLException s && s.getSQLState() != null) {
      sqlState = s.getSQLState();
    }
    String where = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceAll("\\?.*$", "");
    String msg = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
    String reason;
    if (msg.contains("refused")) {
      reason = "connection refused";
    } else if ("28P01".equals(sqlState) || "28000".equals(sqlState)) {
      return "PostgreSQL at " + where + " refused user '" + user + "': authentication failed — check "
          + "TELOPS_DB_USER and TELOPS_DB_PASSWORD";
    } else if ("3D000".equals(sqlState)) {
      return "PostgreSQL at " + where + " has no such database — create it or fix TELOPS_DB_URL";
    } else if (root instanceof java.net.UnknownHostException) {
      reason = "unknown host " + root.getMessage();
    } else if (msg.contains("timed out") || msg.contains("timeout")) {
      reason = "connection timed out";
    } else {
      reason = root.getMessage();
    }
    return "cannot reach PostgreSQL at " + where + ": " + reason
        + " — set TELOPS_DB_URL or unset it to use the embedded database";
  }
}
