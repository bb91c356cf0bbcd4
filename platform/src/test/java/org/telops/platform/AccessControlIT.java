package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.auth.AccessRules;
import org.telops.contracts.auth.Role;
import org.telops.contracts.auth.UserDirectory;
import org.telops.contracts.config.PlatformConfig;
import org.telops.platform.access.AccessCli;
import org.telops.platform.access.OpenApi;

@DisplayName("Access control of the whole platform: every route's rule, tokens, audit, erasure, bootstrap and CLI")
class AccessControlIT {
  static TestPlatform p;
  static String onCall;
  static String finance;

  @BeforeAll
  static void start() throws Exception {
    // Every module's routes, the prober's too (its first probes run; the interval keeps it to those).
    p = TestPlatform.start(Map.of("TELOPS_PROBE_ENABLED", "true", "TELOPS_PROBE_INTERVAL_SECONDS", "3600"));
    onCall = createToken("it-on-call", "on-call");
    finance = createToken("it-finance", "finance");
  }

  @AfterAll
  static void stop() {
    p.close();
  }

  static String createToken(String name, String role) throws Exception {
    HttpResponse<String> r = p.postJson("/api/v1/tokens", new JsonObject().put("name", name).put("role", role).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return new JsonObject(r.body()).getString("token");
  }

  /** (METHOD path) of every route the router has, e.g. "POST /api/v1/calls". */
  static Set<String> routes() {
    Set<String> out = new TreeSet<>();
    for (Route r : p.platform.router().getRoutes()) {
      if (r.getPath() == null || r.getPath().equals("/")) {
        continue;
      }
      Set<HttpMethod> methods = r.methods() == null || r.methods().isEmpty() ? Set.of(HttpMethod.GET) : r.methods();
      methods.forEach(m -> out.add(m.name() + " " + r.getPath()));
    }
    return out;
  }

  static String concrete(String path) {
    return path.replaceAll(":[A-Za-z0-9_]+", "x1");
  }

  @Test
  @DisplayName("Every route of the router has an access rule, and the OpenAPI document lists exactly the /api/v1 routes")
  void routeWalk() {
    AccessRules rules = AccessRules.of(p.platform.router());
    List<String> missing = new ArrayList<>();
    Set<String> api = new TreeSet<>();
    for (String route : routes()) {
      String[] mp = route.split(" ", 2);
      if (rules.match(HttpMethod.valueOf(mp[0]), concrete(mp[1])).isEmpty()) {
        missing.add(route);
      }
      if (mp[1].startsWith("/api/v1/")) {
        api.add(mp[0] + " " + mp[1].replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
      }
    }
    assertThat(missing).as("routes without an AccessRules rule (declare one where the route is mounted)").isEmpty();
    Set<String> documented = new TreeSet<>();
    JsonObject paths = OpenApi.document().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String m : paths.getJsonObject(path).fieldNames()) {
        documented.add(m.toUpperCase() + " " + path);
        String role = paths.getJsonObject(path).getJsonObject(m).getString("x-telops-role");
        AccessRules.Rule rule = rules.match(HttpMethod.valueOf(m.toUpperCase()), path.replaceAll("\\{[^}]+}", "x1")).orElseThrow();
        assertThat(rule.roleName()).as("role of %s %s in openapi.json", m, path).isEqualTo(role);
      }
    }
    assertThat(documented).as("openapi.json paths vs the router's /api/v1 routes").isEqualTo(api);
  }

  @Test
  @DisplayName("Each /api/v1 route answers 401 with WWW-Authenticate without a token and 403 naming the role to a role below it")
  void roleMatrix() throws Exception {
    AccessRules rules = AccessRules.of(p.platform.router());
    for (AccessRules.Rule rule : rules.rules()) {
      if (!rule.path().startsWith("/api/v1/") || rule.method() == null) {
        continue;
      }
      String path = concrete(rule.path());
      String method = rule.method().name();
      String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
      String type = body == null ? null : "application/json";
      HttpResponse<String> anon = p.send(method, path, null, type, body);
      assertThat(anon.statusCode()).as("%s %s without a token", method, path).isEqualTo(401);
      assertThat(anon.headers().firstValue("WWW-Authenticate")).as("%s %s", method, path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      assertThat(new JsonObject(anon.body()).getString("error")).contains("Bearer");
      assertThat(p.send(method, path, "telops_not-a-real-token", type, body).statusCode()).isEqualTo(401);
      if (rule.role() == Role.ADMIN || rule.role() == Role.ON_CALL) {
        HttpResponse<String> f = p.send(method, path, finance, type, body);
        assertThat(f.statusCode()).as("%s %s as finance", method, path).isEqualTo(403);
        assertThat(new JsonObject(f.body()).getString("error")).contains("'" + rule.role().wireName() + "' needed");
      }
      if (rule.role() == Role.ADMIN || rule.role() == Role.FINANCE) {
        assertThat(p.send(method, path, onCall, type, body).statusCode()).as("%s %s as on-call", method, path).isEqualTo(403);
      }
    }
    assertThat(p.send("GET", "/metrics", null, null, null).statusCode()).isEqualTo(401);
    assertThat(p.send("GET", "/metrics", finance, null, null).statusCode()).isEqualTo(200);
    assertThat(p.send("GET", "/sim/faults", onCall, null, null).statusCode()).isEqualTo(403);
    assertThat(p.send("GET", "/health/live", null, null, null).statusCode()).isEqualTo(200);
    assertThat(p.send("GET", "/api/v1/regions", finance, null, null).statusCode()).isEqualTo(200);
    assertThat(p.send("GET", "/api/v1/cdrs", finance, null, null).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  @DisplayName("A state-changing request without a JSON content type is refused with 415 before any handler runs")
  void formPostRefused() throws Exception {
    HttpResponse<String> r = p.send("POST", "/api/v1/carriers/twilio/drain", TestPlatform.ADMIN_TOKEN,
        "application/x-www-form-urlencoded", "reason=x");
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body()).contains("application/json");
  }

  @Test
  @DisplayName("An override's audit row names the token that acted, not the body's \"by\"; the audit API serves it as JSON and CSV")
  void auditActorIsTheToken() throws Exception {
    String body = new JsonObject().put("by", "mallory").put("reason", "audit test").encode();
    HttpResponse<String> r = p.send("POST", "/api/v1/carriers/twilio/drain", onCall, "application/json", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    p.send("POST", "/api/v1/carriers/twilio/restore", onCall, "application/json", body);
    JsonArray entries = new JsonObject(p.get("/api/v1/audit?action=carrier.drain").body()).getJsonArray("entries");
    assertThat(entries).isNotEmpty();
    assertThat(entries.getJsonObject(0).getString("actor")).isEqualTo("it-on-call");
    assertThat(p.get("/api/v1/audit").body()).doesNotContain("mallory");
    JsonArray tokenRows = new JsonObject(p.get("/api/v1/audit?actor=admin-token&action=token.create").body()).getJsonArray("entries");
    assertThat(tokenRows.stream().map(o -> ((JsonObject) o).getString("target"))).contains("token:it-on-call");
    HttpResponse<String> csv = p.get("/api/v1/audit?format=csv&action=token.create");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("at,actor,actorKind,role,action").contains("token:it-finance");
    assertThat(p.send("GET", "/api/v1/audit", onCall, null, null).statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("The UI's path: a carrier override sent on the event bus with a user as actor is role-checked and audited under that user")
  void busOperation() throws Exception {
    io.vertx.core.json.JsonObject body = new JsonObject().put("carrier", "telnyx").put("action", "drain").put("reason", "bus test");
    JsonObject reply = org.telops.contracts.auth.OperatorOps.request(p.platform.vertx(), org.telops.contracts.auth.OperatorAddresses.CARRIER_OVERRIDE,
        new org.telops.contracts.auth.Actor("ui-carol", Role.ON_CALL, org.telops.contracts.auth.Actor.Kind.USER, "10.0.0.9"), body)
        .toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(reply.getString("message")).contains("ui-carol");
    assertThat(p.get("/api/v1/audit?actor=ui-carol").body()).contains("carrier.drain");
    assertThatThrownBy(() -> org.telops.contracts.auth.OperatorOps.request(p.platform.vertx(),
        org.telops.contracts.auth.OperatorAddresses.CARRIER_OVERRIDE,
        new org.telops.contracts.auth.Actor("ui-fin", Role.FINANCE, org.telops.contracts.auth.Actor.Kind.USER, "10.0.0.9"),
        body.copy().put("action", "restore")).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS))
        .hasMessageContaining("'on-call' needed");
    org.telops.contracts.auth.OperatorOps.request(p.platform.vertx(), org.telops.contracts.auth.OperatorAddresses.CARRIER_OVERRIDE,
        new org.telops.contracts.auth.Actor("ui-carol", Role.ON_CALL, org.telops.contracts.auth.Actor.Kind.USER, "10.0.0.9"),
        body.copy().put("action", "restore")).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Tokens are listed without secrets, stored only as hashes, and stop working when revoked")
  void tokenLifecycle() throws Exception {
    String t = createToken("it-temp", "finance");
    assertThat(p.send("GET", "/api/v1/cdrs", t, null, null).statusCode()).isEqualTo(200);
    String list = p.get("/api/v1/tokens").body();
    assertThat(list).contains("it-temp").doesNotContain(t);
    assertThat(p.count("SELECT count(*) FROM api_tokens WHERE token_sha256 = '" + org.telops.platform.access.TokenStore.sha256Hex(t) + "'"))
        .isEqualTo(1);
    assertThat(p.postJson("/api/v1/tokens", new JsonObject().put("name", "it-temp").put("role", "admin").encode()).statusCode())
        .isEqualTo(409);
    assertThat(p.send("DELETE", "/api/v1/tokens/it-temp", TestPlatform.ADMIN_TOKEN, null, null).statusCode()).isEqualTo(200);
    assertThat(p.send("GET", "/api/v1/cdrs", t, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("Erasure replaces the number in CDRs, answers with a receipt, leaves no trace in exports and keeps it out of the audit log")
  void erasure() throws Exception {
    String number = "+14155557321";
    JsonObject cdr = new JsonObject().put("callId", "erase-1").put("carrier", "twilio").put("direction", "outbound")
        .put("attemptedAt", "2026-11-21T03:00:00Z").put("from", "+15550100777").put("to", number);
    assertThat(p.postJson("/api/v1/cdrs", new JsonArray().add(cdr).encode()).statusCode()).isEqualTo(200);
    p.awaitWritten();
    String q = "/api/v1/cdrs?from=2026-11-21T00:00:00Z&to=2026-11-22T00:00:00Z";
    assertThat(p.get(q).body()).contains("4155557321");
    HttpResponse<String> r = p.send("DELETE", "/api/v1/subscribers/%2B14155557321", TestPlatform.ADMIN_TOKEN, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject receipt = new JsonObject(r.body());
    assertThat(receipt.getString("receipt")).isNotBlank();
    assertThat(receipt.getJsonObject("rows").getInteger("calls")).isEqualTo(1);
    assertThat(p.get(q).body()).doesNotContain("4155557321");
    assertThat(p.get(q + "&format=csv").body()).doesNotContain("4155557321");
    assertThat(p.get("/api/v1/audit?action=subscriber.erase").body()).contains("+1415555****").doesNotContain("4155557321");
    assertThat(p.send("DELETE", "/api/v1/subscribers/12345", TestPlatform.ADMIN_TOKEN, null, null).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("Retention deletes calls older than TELOPS_RETENTION_CDR_DAYS (400) on plain PostgreSQL, keeps newer ones, and reports counts")
  void retention() throws Exception {
    try (Connection c = p.platform.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO calls (call_id, carrier, attempted_at, sources) VALUES ('old-1', 'twilio', now() - interval '401 days', 'api'), "
          + "('recent-1', 'twilio', now() - interval '399 days', 'api')");
    }
    HttpResponse<String> r = p.send("POST", "/api/v1/retention/run", TestPlatform.ADMIN_TOKEN, "application/json", "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonObject("deleted").getInteger("calls")).isEqualTo(1);
    assertThat(p.count("SELECT count(*) FROM calls WHERE call_id IN ('old-1', 'recent-1')")).isEqualTo(1);
    assertThat(p.get("/api/v1/audit?action=retention.run").body()).contains("admin-token");
  }

  @Test
  @DisplayName("TLS needs both TELOPS_TLS_CERT and TELOPS_TLS_KEY, and readable files")
  void tlsSettings() {
    assertThat(Platform.tls(Map.of())).isNull();
    assertThatThrownBy(() -> Platform.tls(Map.of("TELOPS_TLS_CERT", "/tmp/x.pem"))).hasMessageContaining("TELOPS_TLS_KEY");
    assertThatThrownBy(() -> Platform.tls(Map.of("TELOPS_TLS_CERT", "/nonexistent/c.pem", "TELOPS_TLS_KEY", "/nonexistent/k.pem")))
        .hasMessageContaining("not readable");
  }

  @Test
  @DisplayName("The audit log refuses UPDATE and DELETE, even from the application's own connection")
  void auditAppendOnly() throws Exception {
    try (Connection c = p.platform.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'x'")).hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log")).hasMessageContaining("append-only");
    }
  }

  @Test
  @DisplayName("Users: BCrypt-checked passwords, throttling after five failures, disable, and the CLI works against the running server's database")
  void usersAndCli() throws Exception {
    String url = p.platform.embeddedDatabase().jdbcUrl();
    Map<String, String> env = Map.of("TELOPS_DB_URL", url, "TELOPS_DB_USER", "postgres");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(AccessCli.run("users", new String[] {"add", "alice", "--role", "on-call"}, env,
        new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out), new PrintStream(err)))
        .as(err.toString()).isEqualTo(0);
    assertThat(AccessCli.run("users", new String[] {"list"}, env, System.in, new PrintStream(out), new PrintStream(err))).isEqualTo(0);
    assertThat(out.toString()).contains("alice").contains("on-call");
    UserDirectory users = new UserDirectory(p.platform.dataSource());
    assertThat(users.verify("alice", "correct horse battery", "test").actor().role()).isEqualTo(Role.ON_CALL);
    for (int i = 0; i < UserDirectory.FREE_FAILURES; i++) {
      assertThat(users.verify("alice", "wrong password!", "test").outcome()).isEqualTo(UserDirectory.Outcome.BAD_CREDENTIALS);
    }
    assertThat(users.verify("alice", "correct horse battery", "test").outcome()).isEqualTo(UserDirectory.Outcome.THROTTLED);
    users.changePassword("alice", "another long password");
    users.setDisabled("alice", true);
    assertThat(users.verify("alice", "another long password", "test").outcome()).isEqualTo(UserDirectory.Outcome.DISABLED);
    assertThat(p.count("SELECT count(*) FROM users WHERE password_hash LIKE '$2%'")).isGreaterThanOrEqualTo(1);

    ByteArrayOutputStream tok = new ByteArrayOutputStream();
    assertThat(AccessCli.run("tokens", new String[] {"create", "--name", "cli-bot", "--role", "finance", "--expires-days", "7"}, env,
        System.in, new PrintStream(tok), new PrintStream(err))).as(err.toString()).isEqualTo(0);
    String secret = tok.toString().trim();
    assertThat(p.send("GET", "/api/v1/cdrs", secret, null, null).statusCode()).isEqualTo(200);
    assertThat(AccessCli.run("tokens", new String[] {"revoke", "cli-bot"}, env, System.in, new PrintStream(out), new PrintStream(err))).isEqualTo(0);
    assertThat(p.send("GET", "/api/v1/cdrs", secret, null, null).statusCode()).isEqualTo(401);
    assertThat(AccessCli.run("users", new String[] {"add", "bob", "--role", "root"}, env,
        new ByteArrayInputStream("correct horse battery\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString()).contains("unknown role 'root'");
  }

  @Test
  @DisplayName("On an external database with no admin, start-up refuses without TELOPS_ADMIN_TOKEN or TELOPS_ADMIN_PASSWORD and names them; with the password it creates user admin")
  void bootstrapOnExternalDatabase() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("telops-boot");
    java.util.HashMap<String, String> env = new java.util.HashMap<>(Map.of("TELOPS_DB_URL", p.platform.embeddedDatabase().jdbcUrl(),
        "TELOPS_DB_USER", "postgres", "TELOPS_HTTP_PORT", "0", "TELOPS_ADMIN_PORT", "0", "TELOPS_DATA_DIR", dir.toString(), "TELOPS_PROBE_ENABLED", "false"));
    assertThatThrownBy(() -> Platform.start(PlatformConfig.fromEnv(env), Set.of("cdr-collector")))
        .hasMessageContaining("TELOPS_ADMIN_TOKEN").hasMessageContaining("TELOPS_ADMIN_PASSWORD");
    env.put("TELOPS_ADMIN_TOKEN", "too-short");
    assertThatThrownBy(() -> Platform.start(PlatformConfig.fromEnv(env), Set.of("cdr-collector"))).hasMessageContaining("at least 32");
    env.remove("TELOPS_ADMIN_TOKEN");
    env.put("TELOPS_ADMIN_PASSWORD", "bootstrap password 1");
    Platform second = Platform.start(PlatformConfig.fromEnv(env), Set.of("cdr-collector"));
    try {
      UserDirectory users = new UserDirectory(p.platform.dataSource());
      assertThat(users.verify("admin", "bootstrap password 1", "test").outcome()).isEqualTo(UserDirectory.Outcome.OK);
    } finally {
      second.stop();
    }
  }
}
