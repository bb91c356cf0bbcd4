package org.telops.platform.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;

/**
 * API tokens over {@code api_tokens}: 256 random bits shown once as {@code telops_<base64url>}; only the
 * SHA-256 is stored (a slow hash adds nothing to a secret with 256 bits of entropy, and every request checks
 * one). Blocking JDBC: call off the event loop.
 */
public final class TokenStore {
  public static final String PREFIX = "telops_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token as listed: no secret. */
  public record Token(String name, Role role, String createdBy, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}

  /** A token just created: {@code secret} is shown once and never again. */
  public record Created(Token token, String secret) {}

  private final DataSource dataSource;

  public TokenStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static String newSecret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String sha256Hex(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public Created create(String name, Role role, Integer expiresInDays, String createdBy) {
    UserDirectory.checkName(name);
    if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > 3650)) {
      throw new IllegalArgumentException("expiresInDays " + expiresInDays + ": use 1 to 3650, or leave it out for no expiry");
    }
    String secret = newSecret();
    Instant expires = expiresInDays == null ? null : Instant.now().plusSeconds(86_400L * expiresInDays);
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO api_tokens (name, token_sha256, role, created_by, expires_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (name) DO NOTHING")) {
      ps.setString(1, name);
      ps.setString(2, sha256Hex(secret));
      ps.setString(3, role.wireName());
      ps.setString(4, createdBy);
      ps.setTimestamp(5, expires == null ? null : Timestamp.from(expires));
      if (ps.executeUpdate() == 0) {
        throw new org.telops.contracts.auth.OperatorOps.Failure(409, "a token named '" + name + "' exists: revoke it first or choose another name");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create token '" + name + "': " + e.getMessage(), e);
    }
    return new Created(list("WHERE name = ?", name).get(0), secret);
  }

  /** The actor of a presented secret, if it names a token that exists and has not expired; notes its use. */
  public Optional<Actor> authenticate(String secret, String sourceAddress) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "UPDATE api_tokens SET last_used_at = now() WHERE token_sha256 = ? AND (expires_at IS NULL OR expires_at > now()) "
            + "RETURNING name, role")) {
      ps.setString(1, sha256Hex(secret));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Actor(rs.getString(1), Role.parse(rs.getString(2)), Actor.Kind.TOKEN, sourceAddress))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the token: " + e.getMessage(), e);
    }
  }

  public List<Token> list() {
    return list("ORDER BY name", null);
  }

  /** Deletes the token; false if there was none of that name. */
  public boolean revoke(String name) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM api_tokens WHERE name = ?")) {
      ps.setString(1, name);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot revoke token '" + name + "': " + e.getMessage(), e);
    }
  }

  private List<Token> list(String where, String arg) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT name, role, created_by, created_at, expires_at, last_used_at FROM api_tokens " + where)) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<Token> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Token(rs.getString(1), Role.parse(rs.getString(2)), rs.getString(3), rs.getTimestamp(4).toInstant(),
              instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read tokens: " + e.getMessage(), e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
