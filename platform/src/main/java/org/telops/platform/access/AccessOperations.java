package org.telops.platform.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.telops.contracts.auth.AccessDeniedException;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.AuditEntry;
import org.telops.contracts.auth.AuditLog;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.OperatorOps;
import org.telops.contracts.auth.OperatorOps.Done;
import org.telops.contracts.auth.OperatorOps.Failure;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;

/**
 * The users, tokens and audit operations on the event bus: the one implementation behind
 * {@code /api/v1/users}, {@code /api/v1/tokens}, {@code /api/v1/audit} and the admin UI.
 */
final class AccessOperations {
  private final Vertx vertx;
  private final UserDirectory users;
  private final TokenStore tokens;
  private final AuditLog audit;

  AccessOperations(Vertx vertx, UserDirectory users, TokenStore tokens, AuditLog audit) {
    this.vertx = vertx;
    this.users = users;
    this.tokens = tokens;
    this.audit = audit;
  }

  void register() {
    OperatorOps.serve(vertx, OperatorAddresses.USER_ADD, Role.ADMIN, audit, "user.add", b -> "user:" + b.getString("name"),
        (actor, b) -> blocking(() -> Done.of(userJson(users.add(b.getString("name"), role(b), b.getString("password"))),
            "user:" + b.getString("name"))));
    OperatorOps.serve(vertx, OperatorAddresses.USER_LIST, Role.ADMIN, null, "user.list", b -> null,
        (actor, b) -> blocking(() -> {
          JsonArray a = new JsonArray();
          users.list().forEach(u -> a.add(userJson(u)));
          return Done.of(new JsonObject().put("users", a), null);
        }));
    OperatorOps.serve(vertx, OperatorAddresses.USER_UPDATE, Role.ANY, audit, "user.update", b -> "user:" + b.getString("name"),
        (actor, b) -> blocking(() -> updateUser(actor, b)));
    OperatorOps.serve(vertx, OperatorAddresses.TOKEN_CREATE, Role.ADMIN, audit, "token.create", b -> "token:" + b.getString("name"),
        (actor, b) -> blocking(() -> {
          Integer days = b.getValue("expiresInDays") == null ? null : integer(b, "expiresInDays");
          TokenStore.Created c = tokens.create(b.getString("name"), role(b), days, actor.name());
          return Done.of(tokenJson(c.token()).put("token", c.secret()), "token:" + c.token().name());
        }));
    OperatorOps.serve(vertx, OperatorAddresses.TOKEN_LIST, Role.ADMIN, null, "token.list", b -> null,
        (actor, b) -> blocking(() -> {
          JsonArray a = new JsonArray();
          tokens.list().forEach(t -> a.add(tokenJson(t)));
          return Done.of(new JsonObject().put("tokens", a), null);
        }));
    OperatorOps.serve(vertx, OperatorAddresses.TOKEN_REVOKE, Role.ADMIN, audit, "token.revoke", b -> "token:" + b.getString("name"),
        (actor, b) -> blocking(() -> {
          String name = b.getString("name");
          if (!tokens.revoke(name)) {
            throw new Failure(404, "no token named '" + name + "': list them with GET /api/v1/tokens");
          }
          return Done.of(new JsonObject().put("revoked", name), "token:" + name);
        }));
    OperatorOps.serve(vertx, OperatorAddresses.AUDIT_QUERY, Role.ADMIN, null, "audit.query", b -> null,
        (actor, b) -> blocking(() -> {
          Instant from = instant(b, "from");
          Instant to = instant(b, "to");
          int limit = b.getValue("limit") == null ? 1000 : Math.max(1, Math.min(100_000, integer(b, "limit")));
          JsonArray a = new JsonArray();
          for (AuditEntry e : audit.query(from, to, b.getString("actor"), b.getString("action"), limit)) {
            a.add(auditJson(e));
          }
          return Done.of(new JsonObject().put("entries", a), null);
        }));
  }

  private Done updateUser(Actor actor, JsonObject b) {
    String name = b.getString("name");
    boolean self = actor.kind() == Actor.Kind.USER && actor.name().equals(name);
    boolean admin = actor.role() == Role.ADMIN;
    boolean onlyPassword = b.getValue("role") == null && b.getValue("disabled") == null;
    if (!admin && !(self && onlyPassword)) {
      throw new AccessDeniedException(actor, Role.ADMIN);
    }
    if (users.find(name).isEmpty()) {
      throw new Failure(404, "no user named '" + name + "': list them with GET /api/v1/users");
    }
    StringBuilder what = new StringBuilder();
    if (b.getValue("password") != null) {
      if (!admin) {
        UserDirectory.Login check = users.verify(name, b.getString("currentPassword"), actor.sourceAddress());
        if (check.outcome() != UserDirectory.Outcome.OK) {
          throw new Failure(check.outcome() == UserDirectory.Outcome.THROTTLED ? 429 : 403,
              "currentPassword: does not match (" + check.outcome().name().toLowerCase() + ")");
        }
      }
      users.changePassword(name, b.getString("password"));
      what.append("password ");
    }
    if (b.getValue("role") != null) {
      users.setRole(name, role(b));
      what.append("role=").append(b.getString("role")).append(' ');
    }
    if (b.getValue("disabled") != null) {
      if (!(b.getValue("disabled") instanceof Boolean d)) {
        throw new IllegalArgumentException("disabled: must be true or false");
      }
      users.setDisabled(name, d);
      what.append("disabled=").append(d).append(' ');
    }
    if (what.isEmpty()) {
      throw new IllegalArgumentException("nothing to change: give password, role or disabled");
    }
    return new Done(userJson(users.find(name).orElseThrow()), null, "user:" + name, what.toString().trim());
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  private static Role role(JsonObject b) {
    Object r = b.getValue("role");
    if (!(r instanceof String s)) {
      throw new IllegalArgumentException("role: required, one of on-call, finance, admin");
    }
    return Role.parse(s);
  }

  private static int integer(JsonObject b, String field) {
    Object v = b.getValue(field);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    if (v instanceof String s && s.matches("-?\\d{1,9}")) {
      return Integer.parseInt(s);
    }
    throw new IllegalArgumentException(field + ": must be a whole number, got " + v);
  }

  private static Instant instant(JsonObject b, String field) {
    String s = b.getString(field);
    try {
      return s == null || s.isBlank() ? null : Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(field + ": '" + s + "' is not an ISO-8601 instant such as 2026-12-01T00:00:00Z");
    }
  }

  static JsonObject userJson(UserDirectory.User u) {
    return new JsonObject().put("name", u.name()).put("role", u.role().wireName()).put("disabled", u.disabled())
        .put("createdAt", u.createdAt().toString()).put("lastLoginAt", u.lastLoginAt() == null ? null : u.lastLoginAt().toString());
  }

  static JsonObject tokenJson(TokenStore.Token t) {
    return new JsonObject().put("name", t.name()).put("role", t.role().wireName()).put("createdBy", t.createdBy())
        .put("createdAt", t.createdAt().toString()).put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString())
        .put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
  }

  static JsonObject auditJson(AuditEntry e) {
    return new JsonObject().put("at", e.at().toString()).put("actor", e.actor().name())
        .put("actorKind", e.actor().kind().wireName()).put("role", e.actor().role().wireName()).put("action", e.action())
        .put("target", e.target()).put("reason", e.reason()).put("sourceAddress", e.actor().sourceAddress())
        .put("outcome", e.outcome());
  }
}
