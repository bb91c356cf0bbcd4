package org.telops.contracts.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.function.BooleanSupplier;

/**
 * Whether PostgreSQL's port takes a TCP connection, answered within {@value #TIMEOUT_MS} ms and kept for
 * {@value #CACHE_MS} ms. The writers ask it before a write and before a spool replay: a stopped or killed database
 * refuses at once, where the pool would first wait one connection attempt (about 1 s, {@code Databases.pool}). A
 * port that answers says nothing more; the write itself still decides.
 */
public final class DatabaseReachability implements BooleanSupplier {
  static final int TIMEOUT_MS = 500;
  static final long CACHE_MS = 200;

  private final InetSocketAddress address;
  private volatile long checkedAtMs;
  private volatile boolean reachable = true;

  public DatabaseReachability(String host, int port) {
    this.address = new InetSocketAddress(host, port);
  }

  /**
   * The server the pool really talks to, from a connection's own URL (read once, at start); if no connection can be
   * had now, a check that always answers yes (the pool decides, as before).
   */
  public static BooleanSupplier of(javax.sql.DataSource dataSource) {
    if (dataSource == null) {
      return () -> true;
    }
    try (java.sql.Connection c = dataSource.getConnection()) {
      return ofUrl(c.getMetaData().getURL());
    } catch (java.sql.SQLException | RuntimeException e) {
      return () -> true;
    }
  }

  /** The first host of {@code jdbc:postgresql://host[:port]/db} (5432 by default). */
  static BooleanSupplier ofUrl(String url) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      return () -> true;
    }
    try {
      String rest = url.substring("jdbc:".length());
      String first = rest.replaceFirst("^postgresql://([^/,?]+).*$", "postgresql://$1/");
      URI u = URI.create(first);
      if (u.getHost() == null) {
        return () -> true; // a socket path or an unusual form: let the pool decide
      }
      return new DatabaseReachability(u.getHost(), u.getPort() > 0 ? u.getPort() : 5432);
    } catch (RuntimeException e) {
      return () -> true;
    }
  }

  @Override
  public boolean getAsBoolean() {
    long now = System.currentTimeMillis();
    if (now - checkedAtMs < CACHE_MS) {
      return reachable;
    }
    boolean ok;
    try (Socket s = new Socket()) {
      s.connect(address, TIMEOUT_MS);
      ok = true;
    } catch (IOException e) {
      ok = false;
    }
    reachable = ok;
    checkedAtMs = now;
    return ok;
  }
}
