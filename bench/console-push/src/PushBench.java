import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Media beside the console: the platform jar carries N Twilio streams (wsload) for S seconds, first with no console
 * session, then with K signed-in console sessions in Chromium on /calls/live (push on: the screen follows the calls
 * every second). Prints wsload's figures of both runs side by side.
 *
 * <p>Usage: PushBench JAR WSLOAD STREAMS SECONDS SESSIONS CHROMIUM
 */
public final class PushBench {
  static final String TWILIO_TOKEN = "push-twilio-auth-token-0123456789";
  static final String PASSWORD = "push-bench-password-0123";

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String wsload = args[1];
    int streams = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int sessions = Integer.parseInt(args[4]);
    Path chromium = Path.of(args[5]);
    Path dir = Files.createTempDirectory("telops-push");
    int port = freePort();
    int console = freePort();
    // Pinning (bench/console-push/run.sh sets TELOPS_BENCH_SERVER_CPUS / TELOPS_BENCH_CLIENT_CPUS): the platform on
    // its own core, the load generator and the browsers on the other, so the browsers stand for the engineers'
    // machines and what the side by side shows is the console server's cost to the media.
    String serverCpus = System.getenv().getOrDefault("TELOPS_BENCH_SERVER_CPUS", "");
    List<String> cmd = new ArrayList<>();
    if (!serverCpus.isEmpty()) {
      cmd.addAll(List.of("taskset", "-c", serverCpus));
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.command().addAll(List.of("-Xms1g", "-Xmx1g"));
    // Extra JVM options for the platform (e.g. TELOPS_BENCH_SERVER_JVM_OPTS="-XX:+UseZGC"), to compare collectors.
    String jvmOpts = System.getenv().getOrDefault("TELOPS_BENCH_SERVER_JVM_OPTS", "").trim();
    if (!jvmOpts.isEmpty()) {
      pb.command().addAll(List.of(jvmOpts.split("\\s+")));
    }
    pb.command().addAll(List.of("-jar", jar.toString()));
    pb.environment().keySet().removeIf(k -> k.startsWith("TELOPS_"));
    pb.environment().putAll(Map.of("TELOPS_DATA_DIR", dir.toString(), "TELOPS_HTTP_PORT", String.valueOf(port),
        "TELOPS_ADMIN_PORT", String.valueOf(console), "TELOPS_EMBEDDED_DB_PORT", String.valueOf(freePort()),
        "TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN, "TELOPS_ADMIN_PASSWORD", PASSWORD, "TELOPS_AGENT_ENGINE", "echo",
        "TELOPS_PROBE_ENABLED", "false", "TELOPS_LOG_LEVEL", "WARN"));
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("telops.log").toFile());
    Process server = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!get(http, "http://127.0.0.1:" + port + "/health/ready").contains("\"outcome\":\"UP\"")) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the platform did not become ready: " + Files.readString(dir.resolve("telops.log")));
      }
      Thread.sleep(500);
    }
    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    Path payloads = Files.createTempFile("push-payloads", ".txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      b.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i, i + 160))).append('\n');
    }
    Files.writeString(payloads, b);
    System.out.printf("console push beside media: %d Twilio streams for %d s, platform jar pid %d%n", streams, seconds, server.pid());
    run(wsload, port, streams, 20, payloads, server.pid(), "warm-up");
    String[] without = run(wsload, port, streams, seconds, payloads, server.pid(), "nosessions");
    print("no console session", without);

    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true).setExecutablePath(chromium)
          .setArgs(List.of("--no-sandbox", "--disable-gpu")));
      List<Page> pages = new ArrayList<>();
      List<String> pushUrls = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<String> cookies = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        BrowserContext ctx = browser.newContext(); // a session (cookie jar) per console user
        Page page = ctx.newPage();
        String[] push = new String[1];
        page.onWebSocket(ws -> {
          if (ws.url().contains("/VAADIN/push")) {
            push[0] = ws.url();
          }
        });
        page.setDefaultTimeout(60_000);
        page.navigate("http://127.0.0.1:" + console + "/calls/live");
        page.locator("input[name='username']").fill("admin");
        page.locator("input[name='password']").fill(PASSWORD);
        page.locator("vaadin-login-form vaadin-button").first().click();
        page.locator("#live-calls").waitFor();
        for (int w = 0; w < 100 && push[0] == null; w++) {
          page.waitForTimeout(50);
        }
        pushUrls.add(push[0]);
        cookies.add(String.join("; ", ctx.cookies().stream().map(c -> c.name + "=" + c.value).toList()));
        pages.add(page);
        System.out.printf("session %d signed in%n", pages.size());
      }
      System.out.printf("%d console sessions signed in on /calls/live%n", pages.size());
      String[] with = run(wsload, port, streams, seconds, payloads, server.pid(), "sessions");
      // The same sessions with their pages frozen (Chrome DevTools Protocol): the server still pushes every change to
      // every session over its open WebSocket, but no browser renders on this machine — the console server's own
      // cost, as when the engineers' browsers run on their own machines.
      com.google.gson.JsonObject freeze = new com.google.gson.JsonObject();
      freeze.addProperty("state", "frozen");
      for (Page page : pages) {
        page.context().newCDPSession(page).send("Page.setWebLifecycleState", freeze);
      }
      Thread.sleep(2_000);
      String[] frozen = run(wsload, port, streams, seconds, payloads, server.pid(), "frozen");
      // The same UIs with no browser at all: Chromium is killed (no unload: the UIs stay open on the server) and a
      // plain WebSocket client per session reconnects to its UI's push URL with its session cookie and reads what the
      // server pushes, as a browser would, without rendering. Only the server's work is left beside the media.
      new ProcessBuilder("pkill", "-9", "-f", "^/usr/lib/chromium/chromium").start().waitFor(); // not this JVM (its args name chromium-nice)
      Thread.sleep(2_000);
      java.util.concurrent.atomic.AtomicLong pushedBytes = new java.util.concurrent.atomic.AtomicLong();
      List<java.net.http.WebSocket> clients = new ArrayList<>();
      for (int i = 0; i < pushUrls.size(); i++) {
        if (pushUrls.get(i) == null) {
          continue;
        }
        clients.add(http.newWebSocketBuilder().header("Cookie", cookies.get(i))
            .buildAsync(URI.create(pushUrls.get(i)), new java.net.http.WebSocket.Listener() {
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence d, boolean last) {
                pushedBytes.addAndGet(d.length());
                ws.request(1);
                return null;
              }
            }).get(10, java.util.concurrent.TimeUnit.SECONDS));
      }
      long before = pushedBytes.get();
      Thread.sleep(5_000);
      System.out.printf("%d browser-free push clients connected; %d bytes pushed to them in 5 s%n", clients.size(),
          pushedBytes.get() - before);
      long startBytes = pushedBytes.get();
      String[] headless = run(wsload, port, streams, seconds, payloads, server.pid(), "headless");
      System.out.printf("browser-free clients received %.1f MB during the run%n", (pushedBytes.get() - startBytes) / 1e6);
      System.out.printf("%-40s %12s %12s %10s %10s %10s %10s %14s%n", "", "sent", "echoed", "late", "p50 ms", "p99 ms",
          "p99.9 ms", "CPU srv/drv %");
      print("no console session", without);
      print(sessions + " sessions, push, browsers here", with);
      print(sessions + " sessions, push, browsers frozen", frozen);
      print(sessions + " sessions, push, browser-free", headless);
      clients.forEach(c -> c.abort());
      try {
        browser.close();
      } catch (RuntimeException e) {
        // killed above
      }
    }
    server.destroy();
    server.waitFor();
  }

  static void print(String label, String[] r) {
    System.out.printf("%-40s %12s %12s %10s %10s %10s %10s %14s%n", label, r[0], r[1], r[2], r[3], r[4], r[5], r[9] + "/" + r[10]);
  }

  static String[] run(String wsload, int port, int n, int seconds, Path payloads, long pid, String label) throws Exception {
    String path = "/media/twilio";
    String signature = TwilioSignatures.sign(TWILIO_TOKEN, "ws://127.0.0.1:" + port + path, Map.of());
    String clientCpus = System.getenv().getOrDefault("TELOPS_BENCH_CLIENT_CPUS", "");
    List<String> cmd = new ArrayList<>();
    if (!clientCpus.isEmpty()) {
      cmd.addAll(List.of("taskset", "-c", clientCpus));
    }
    cmd.addAll(List.of(wsload, String.valueOf(port), path, String.valueOf(n), String.valueOf(seconds), "250", "3", "10",
        signature, payloads.toString(), String.valueOf(pid), label));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0 || out.isEmpty()) {
      throw new IllegalStateException("wsload failed: " + out);
    }
    return out.split(" ");
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String get(HttpClient http, String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }
}
