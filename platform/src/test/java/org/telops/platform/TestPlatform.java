package org.telops.platform;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.telops.contracts.config.PlatformConfig;
import org.telops.signatures.telnyx.TelnyxSignatures;

/** A whole platform on an embedded PostgreSQL in a temp directory, on free ports, with test carrier secrets. */
final class TestPlatform implements AutoCloseable {
  static final String TWILIO_TOKEN = "test-auth-token-0123456789abcdef";
  /** TELOPS_ADMIN_TOKEN of every test platform; get/postJson send it. */
  static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef0123456789";

  final Platform platform;
  final KeyPair telnyxKeys;
  final Path dataDir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestPlatform(Platform platform, KeyPair telnyxKeys, Path dataDir) {
    this.platform = platform;
    this.telnyxKeys = telnyxKeys;
    this.dataDir = dataDir;
  }

  static TestPlatform start(Map<String, String> extraEnv) throws Exception {
    return start(extraEnv, Set.of());
  }

  /** Only the given roles (empty: every module on the class path, as `serve` does by default). */
  static TestPlatform start(Map<String, String> extraEnv, Set<String> roles) throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path dir = Files.createTempDirectory("telops-it");
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_DATA_DIR", dir.toString());
    env.put("TELOPS_HTTP_PORT", "0");
    env.put("TELOPS_EMBEDDED_DB_PORT", String.valueOf(freePort()));
    env.put("TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN);
    env.put("TELOPS_TELNYX_PUBLIC_KEY", TelnyxSignatures.rawPublicKeyBase64(keys.getPublic()));
    env.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", java.util.Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
    env.put("TELOPS_CDR_FLUSH_MS", "20");
    env.put("TELOPS_ADMIN_TOKEN", ADMIN_TOKEN);
    // Probe calls would add CDRs to tests that count them; the prober's own platform test turns it on.
    env.put("TELOPS_PROBE_ENABLED", "false");
    env.put("TELOPS_ADMIN_PORT", "0");
    env.putAll(extraEnv);
    // The admin console (Jetty + Vaadin, ~3 s to start) only where a test asks for it by naming its port.
    Set<String> effective = roles;
    if (roles.isEmpty() && !extraEnv.containsKey("TELOPS_ADMIN_PORT")) {
      effective = new java.util.LinkedHashSet<>(Platform.availableRoles());
      effective.remove("admin-ui");
    }
    return new TestPlatform(Platform.start(PlatformConfig.fromEnv(env), effective), keys, dir);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  String base() {
    return platform.config().http().publicBaseUrl();
  }

  HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, ADMIN_TOKEN, null, null);
  }

  HttpResponse<String> postJson(String path, String body) throws Exception {
    return send("POST", path, ADMIN_TOKEN, "application/json", body);
  }

  /** Any request; {@code token} null sends no Authorization, {@code contentType} null no Content-Type. */
  HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  long count(String sql) throws Exception {
    try (Connection c = platform.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the CDR writer has committed everything queued. */
  void awaitWritten() throws Exception {
    org.telops.cdr.CdrCollectorModule m = (org.telops.cdr.CdrCollectorModule) platform.modules().stream()
        .filter(x -> x.role().equals("cdr-collector")).findFirst().orElseThrow();
    if (!m.writer().awaitDrained(Duration.ofSeconds(60))) {
      throw new AssertionError("CDR writer did not drain in 60 s (" + m.writer().pending() + " pending)");
    }
  }

  double metric(String nameAndLabels) {
    for (String line : platform.meters().scrape().split("\n")) {
      if (line.startsWith(nameAndLabels + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  @Override
  public void close() {
    platform.stop();
  }
}
