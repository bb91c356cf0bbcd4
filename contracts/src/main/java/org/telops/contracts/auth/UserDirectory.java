package org.telops.contracts.auth;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The users of the UI over the {@code users} table: BCrypt password hashes (cost 12, Spring Security's
 * encoder), throttling after repeated failures, password change, disable. Blocking (JDBC and BCrypt take
 * ~0.1–0.3 s): call off the event loop. The admin UI uses {@link #verify} at login and {@link #find} to
 * load the role; the REST API and CLI change users through the {@code USER_*} operations.
 */
public final class UserDirectory {
  /** Failures in a row after which logins of that user are refused for a while. */
  public static final int FREE_FAILURES = 5;
  public static final int MIN_PASSWORD_LENGTH = 12;
  private static final Duration FIRST_LOCK = Duration.ofSeconds(30);
  private static final Duration MAX_LOCK = Duration.ofMinutes(15);
  private static final int COST = 12;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** A user, without the hash. */
  public record User(String name, Role role, boolean disabled, Instant createdAt, Instant lastLoginAt) {}

  /** The result of a login attempt; {@code actor} only when {@code outcome == OK}. */
  public record Login(Outcome outcome, Actor actor, Duration retryAfter) {}

  public enum Outcome { OK, BAD_CREDENTIALS, DISABLED, THROTTLED }

  private final DataSource dataSource;

  public UserDirectory(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Checks a password. Unknown users and wrong passwords both answer BAD_CREDENTIALS (a hash is still
   * computed for unknown users so timing does not tell them apart). After {@value #FREE_FAILURES} failures in
   * a row the user is throttled: 30 s, doubling per further failure up to 15 min.
   */
  public Login verify(String name, String password, String sourceAddress) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT role, password_hash, disabled_at IS NOT NULL, failed_attempts, locked_until FROM users WHERE username = ? FOR UPDATE")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            BCrypt.checkpw(password == null || !fits(password) ? "" : password, DUMMY_HASH);
            c.commit();
            return new Login(Outcome.BAD_CREDENTIALS, null, null);
          }
          Role role = Role.parse(rs.getString(1));
          String hash = rs.getString(2);
          boolean disabled = rs.getBoolean(3);
          int failures = rs.getInt(4);
          Timestamp locked = rs.getTimestamp(5);
          Instant now = Instant.now();
          if (locked != null && locked.toInstant().isAfter(now)) {
            c.commit();
            return new Login(Outcome.THROTTLED, null, Duration.between(now, locked.toInstant()));
          }
          boolean ok = password != null && fits(password) && BCrypt.checkpw(password, hash);
          if (ok && disabled) {
            c.commit();
            return new Login(Outcome.DISABLED, null, null);
          }
          if (ok) {
            update(c, "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = now() WHERE username = ?", name);
            c.commit();
            return new Login(Outcome.OK, new Actor(name, role, Actor.Kind.USER, sourceAddress), null);
          }
          int n = failures + 1;
          Timestamp until = null;
          if (n >= FREE_FAILURES) {
            long secs = Math.min(MAX_LOCK.toSeconds(), FIRST_LOCK.toSeconds() << Math.min(20, n - FREE_FAILURES));
            until = Timestamp.from(now.plusSeconds(secs));
          }
          try (PreparedStatement up = c.prepareStatement("UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?")) {
            up.setInt(1, n);
            up.setTimestamp(2, until);
            up.setString(3, name);
            up.executeUpdate();
          }
          c.commit();
          return new Login(Outcome.BAD_CREDENTIALS, null, null);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the password of user '" + name + "': " + e.getMessage(), e);
    }
  }

  /** Adds a user; fails (IllegalArgumentException) if the name is taken or the password too weak. */
  public User add(String name, Role role, String password) {
    checkName(name);
    checkPassword(password);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO users (username, display_name, role, password_hash) VALUES (?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
      ps.setString(1, name);
      ps.setString(2, name);
      ps.setString(3, role.wireName());
      ps.setString(4, hash(password));
      if (ps.executeUpdate() == 0) {
        throw new IllegalArgumentException("user '" + name + "' exists already: change it with PATCH /api/v1/users/" + name);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add user '" + name + "': " + e.getMessage(), e);
    }
    return find(name).orElseThrow();
  }

  public Optional<User> find(String name) {
    List<User> l = select("WHERE username = ?", name);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  public List<User> list() {
    return select("ORDER BY username", null);
  }

  /** Whether any enabled admin user exists (bootstrap sets TELOPS_ADMIN_PASSWORD only while none does). */
  public boolean anyAdmin() {
    return list().stream().anyMatch(u -> u.role() == Role.ADMIN && !u.disabled());
  }

  /** Sets a new password and lifts throttling. */
  public void changePassword(String name, String password) {
    checkPassword(password);
    mustUpdate(name, "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, "
        + "password_changed_at = now() WHERE username = ?", hash(password));
  }

  public void setDisabled(String name, boolean disabled) {
    mustUpdate(name, "UPDATE users SET disabled_at = CASE WHEN ? THEN coalesce(disabled_at, now()) END WHERE username = ?", disabled);
  }

  public void setRole(String name, Role role) {
    mustUpdate(name, "UPDATE users SET role = ? WHERE username = ?", role.wireName());
  }

  private void mustUpdate(String name, String sql, Object value) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, value);
      ps.setString(2, name);
      if (ps.executeUpdate() == 0) {
        throw new IllegalArgumentException("no user named '" + name + "': list them with GET /api/v1/users");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot change user '" + name + "': " + e.getMessage(), e);
    }
  }

  private List<User> select(String where, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT username, role, disabled_at IS NOT NULL, created_at, last_login_at FROM users " + where)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<User> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp last = rs.getTimestamp(5);
          out.add(new User(rs.getString(1), Role.parse(rs.getString(2)), rs.getBoolean(3),
              rs.getTimestamp(4).toInstant(), last == null ? null : last.toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read users: " + e.getMessage(), e);
    }
  }

  private static void update(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }

  /** User names: 1–64 of letters, digits, '.', '_', '-', '@'. */
  public static void checkName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,64}")) {
      throw new IllegalArgumentException("name '" + name + "': use 1 to 64 letters, digits, '.', '_', '-' or '@'");
    }
  }

  /** At least 12 characters, at most 72 bytes (BCrypt reads no further). */
  public static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException("password: at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (!fits(password)) {
      throw new IllegalArgumentException("password: at most 72 bytes in UTF-8 (BCrypt's limit)");
    }
  }

  private static boolean fits(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length <= 72;
  }

  /** BCrypt ($2a$, cost 12) through Spring Security's BCrypt class (its encoder wants commons-logging). */
  private static String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(COST, RANDOM));
  }

  private static final String DUMMY_HASH = hash("telops-no-such-user-placeholder");
}
