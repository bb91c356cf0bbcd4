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
 * Media beside the console, interleaved: the platform jar carries N Twilio streams (wsload), measured in windows of S
 * seconds. First one window with no console session at all. Then K console sessions are signed in on /calls/live in
 * Chromium, Chromium is killed (no unload: the UIs stay open on the server), and the windows alternate, in ABBA
 * order, between the sessions' push on (a plain WebSocket client per session reconnects to its UI's push URL with its
 * session cookie and reads everything the server pushes, rendering nothing, as an engineer's browser on another
 * machine would) and off (the clients closed: the UIs stay open but no browser is connected, so the console does not
 * refresh them). Prints every window, the medians of the p99s and an exact permutation test of "push on makes the
 * media's p99 worse".
 *
 * <p>Usage: PushBench JAR WSLOAD STREAMS SECONDS SESSIONS CHROMIUM [WINDOWS]
 */
public final class PushBench {
  static final String TWILIO_TOKEN = "push-twilio-auth-token-0123456789";
  static final String PASSWORD = "push-bench-password-0123";
  /** An admin token for /metrics (the console's refresh time per tick). */
  static final String ADMIN_TOKEN = "push-bench-admin-token-0123456789abcdef";

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String wsload = args[1];
    int streams = Integer.parseInt(args[2]);
    int seconds = Integer.parseInt(args[3]);
    int sessions = Integer.parseInt(args[4]);
    Path chromium = Path.of(args[5]);
    int windows = args.length > 6 ? Integer.parseInt(args[6]) : 12;
    Path dir = Files.createTempDirectory("telops-push");
    int port = freePort();
    int console = freePort();
    // Pinning (bench/console-push/run.sh sets TELOPS_BENCH_SERVER_CPUS / TELOPS_BENCH_CLIENT_CPUS): the platform on
    // its own core, the load generator and the push clients on the other.
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
        "TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN, "TELOPS_ADMIN_PASSWORD", PASSWORD, "TELOPS_ADMIN_TOKEN", ADMIN_TOKEN, "TELOPS_AGENT_ENGINE", "echo",
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
    String clientCpus = System.getenv().getOrDefault("TELOPS_BENCH_CLIENT_CPUS", "");
    if (!serverCpus.isEmpty() && !clientCpus.isEmpty()) {
      // The embedded PostgreSQL inherited the platform's CPU: in production the database is another machine, so it
      // goes to the clients' core, with every process it has forked (checkpointer, WAL writer, the pool's backends).
      String postmaster = new String(new ProcessBuilder("pgrep", "-f", "postgres.*" + dir).start().getInputStream()
          .readAllBytes()).trim();
      for (String pid : postmaster.split("\\s+")) {
        if (pid.isEmpty()) {
          continue;
        }
        new ProcessBuilder("taskset", "-a", "-p", "-c", clientCpus, pid).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        String children = new String(new ProcessBuilder("pgrep", "-P", pid).start().getInputStream().readAllBytes()).trim();
        for (String child : children.split("\\s+")) {
          if (!child.isEmpty()) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", clientCpus, child).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
          }
        }
        System.out.printf("embedded PostgreSQL (pid %s and %d children) moved to CPU %s%n", pid,
            children.isEmpty() ? 0 : children.split("\\s+").length, clientCpus);
      }
    }
    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    Path payloads = Files.createTempFile("push-payloads", ".txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      b.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i, i + 160))).append('\n');
    }
    Files.writeString(payloads, b);
    System.out.printf("console push beside media: %d Twilio streams, windows of %d s, %d sessions, platform jar pid %d%n",
        streams, seconds, sessions, server.pid());
    run(wsload, port, streams, 20, payloads, server.pid(), "warm-up");
    String[] none = run(wsload, port, streams, seconds, payloads, server.pid(), "nosessions");
    print("no console session", none, -1, "", -1);

    List<String> pushUrls = new ArrayList<>();
    List<String> cookies = new ArrayList<>();
    List<String> csrfTokens = new ArrayList<>();
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true).setExecutablePath(chromium)
          .setArgs(List.of("--no-sandbox", "--disable-gpu")));
      for (int i = 0; i < sessions; i++) {
        BrowserContext ctx = browser.newContext(); // a session (cookie jar) per console user
        Page page = ctx.newPage();
        String[] push = new String[1];
        String[] csrf = new String[1];
        page.onRequest(req -> {
          String body = req.url().contains("v-r=uidl") ? req.postData() : null;
          java.util.regex.Matcher m = body == null ? null : CSRF.matcher(body);
          if (m != null && m.find()) {
            csrf[0] = m.group(1);
          }
        });
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
        for (int w = 0; w < 100 && (push[0] == null || csrf[0] == null); w++) {
          page.waitForTimeout(50);
        }
        if (push[0] == null) {
          throw new IllegalStateException("session " + (i + 1) + " opened no push WebSocket");
        }
        if (csrf[0] == null) {
          throw new IllegalStateException("session " + (i + 1) + ": no UIDL request seen to read its CSRF token from");
        }
        pushUrls.add(push[0]);
        csrfTokens.add(csrf[0]);
        cookies.add(String.join("; ", ctx.cookies().stream().map(c -> c.name + "=" + c.value).toList()));
      }
      System.out.printf("%d console sessions signed in on /calls/live%n", pushUrls.size());
      // No unload: the UIs stay open on the server, as when the engineers' browsers are on their own machines.
      new ProcessBuilder("pkill", "-9", "-f", "^/usr/lib/chromium/chromium").start().waitFor(); // not this JVM (its args name chromium-nice)
      try {
        browser.close();
      } catch (RuntimeException e) {
        // killed above
      }
    }
    // The browsers' heartbeats, so the server keeps the UIs open for the whole run (it closes a UI after three missed).
    java.util.concurrent.ScheduledExecutorService beats = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    beats.scheduleAtFixedRate(() -> {
      for (int i = 0; i < pushUrls.size(); i++) {
        String ui = URI.create(pushUrls.get(i)).getQuery().replaceAll(".*v-uiId=(\\d+).*", "$1");
        try {
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console + "/?v-r=heartbeat&v-uiId=" + ui))
              .header("Cookie", cookies.get(i)).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
          System.out.println("heartbeat failed: " + e);
        }
      }
    }, 0, 60, java.util.concurrent.TimeUnit.SECONDS);

    // The killed browsers' push connections are not seen to be gone: the server kept refreshing their screens
    // (30 ms a tick instead of 2, after a minute and more) until a new connection replaced each. So every session's
    // push is taken over once by a client, which then closes properly, before the windows begin.
    List<java.net.http.WebSocket> takeover = new ArrayList<>();
    for (int i = 0; i < pushUrls.size(); i++) {
      takeover.add(http.newWebSocketBuilder().header("Cookie", cookies.get(i))
          .buildAsync(URI.create(pushUrls.get(i)), new java.net.http.WebSocket.Listener() {}).get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
    Thread.sleep(3_000);
    for (java.net.http.WebSocket c : takeover) {
      c.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "");
      c.abort();
    }
    java.util.concurrent.atomic.AtomicLong pushedBytes = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong confirms = new java.util.concurrent.atomic.AtomicLong();
    List<double[]> on = new ArrayList<>();
    List<double[]> off = new ArrayList<>();
    System.out.printf("%-34s %10s %10s %10s %10s %10s %14s %10s %12s %10s%n", "window", "echoed", "late", "p50 ms", "p99 ms",
        "p99.9 ms", "CPU srv/drv %", "pushed MB", "refresh ms", "confirmed");
    for (int w = 0; w < windows; w++) {
      boolean pushOn = w % 4 == 1 || w % 4 == 2; // off on on off | off on on off | …
      List<java.net.http.WebSocket> clients = new ArrayList<>();
      if (pushOn) {
        for (int i = 0; i < pushUrls.size(); i++) {
          Browserless engineer = new Browserless(http, console, cookies.get(i), csrfTokens.get(i),
              URI.create(pushUrls.get(i)).getQuery().replaceAll(".*v-uiId=(\\d+).*", "$1"), pushedBytes, confirms);
          clients.add(http.newWebSocketBuilder().header("Cookie", cookies.get(i))
              .buildAsync(URI.create(pushUrls.get(i)), new java.net.http.WebSocket.Listener() {
                final StringBuilder message = new StringBuilder();

                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence d, boolean last) {
                  pushedBytes.addAndGet(d.length());
                  message.append(d);
                  if (last) {
                    engineer.received(message.toString());
                    message.setLength(0);
                  }
                  ws.request(1);
                  return null;
                }
              }).get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
      }
      Thread.sleep(3_000);
      long startBytes = pushedBytes.get();
      double[] m0 = refreshMetrics(http, port);
      String[] r = run(wsload, port, streams, seconds, payloads, server.pid(), pushOn ? "push-on" : "push-off");
      double mb = (pushedBytes.get() - startBytes) / 1e6;
      double[] m1 = refreshMetrics(http, port);
      // The console's work per tick in this window (every open screen told and refreshed), from its own timer.
      String refresh = m1[0] > m0[0] ? String.format("%.1f", (m1[1] - m0[1]) / (m1[0] - m0[0]) * 1000) : "n/a";
      print(String.format("%2d %s", w + 1, pushOn ? sessions + " sessions, push on" : sessions + " sessions, no browser"), r, mb,
          refresh, confirms.getAndSet(0));
      (pushOn ? on : off).add(new double[] {Double.parseDouble(r[4]), Double.parseDouble(r[3]), mb, Double.parseDouble(r[9])});
      for (java.net.http.WebSocket c : clients) {
        c.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "");
        c.abort();
      }
    }
    beats.shutdownNow();
    double[] p99On = on.stream().mapToDouble(x -> x[0]).toArray();
    double[] p99Off = off.stream().mapToDouble(x -> x[0]).toArray();
    System.out.printf("%nmedia p99, %d windows each: push on median %.2f ms (%.2f–%.2f), push off median %.2f ms (%.2f–%.2f),"
        + " no session %.2f ms%n", p99On.length, median(p99On), min(p99On), max(p99On), median(p99Off), min(p99Off),
        max(p99Off), Double.parseDouble(none[4]));
    System.out.printf("mean p99 on − off: %+.2f ms; exact permutation test of on > off: p = %.3f%n",
        mean(p99On) - mean(p99Off), permutationP(p99On, p99Off));
    System.out.printf("media p50 median: on %.2f ms, off %.2f ms; server CPU mean: on %.0f %%, off %.0f %%; pushed per on-window %.1f MB%n",
        median(on.stream().mapToDouble(x -> x[1]).toArray()), median(off.stream().mapToDouble(x -> x[1]).toArray()),
        on.stream().mapToDouble(x -> x[3]).average().orElse(0), off.stream().mapToDouble(x -> x[3]).average().orElse(0),
        on.stream().mapToDouble(x -> x[2]).average().orElse(0));
    server.destroy();
    server.waitFor();
  }

  static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("\"csrfToken\":\"([^\"]+)\"");
  /**
   * A grid's update to be confirmed, as Flow's UIDL writes it: {@code [[0,NODE],ID.0,"return $0.$connector.confirm($1)"]}
   * ({@code [0,NODE]} is the grid's element).
   */
  static final java.util.regex.Pattern CONFIRM = java.util.regex.Pattern.compile(
      "\\[\\[0,(\\d+)\\],(\\d+)(?:\\.0)?,\"return \\$0\\.\\$connector\\.confirm\\(\\$1\\)\"");
  static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();
  static final java.util.regex.Pattern SYNC_ID = java.util.regex.Pattern.compile("\"syncId\":(\\d+)");

  /**
   * What the engineer's browser sends back: the grid's connector confirms each data update it received
   * ({@code $server.confirmUpdate(id)}), which lets the server forget the keys of rows the browser no longer holds.
   * Without it the server would keep every row ever sent as "held by the browser" and refresh ever more of them.
   * Sent as the browser does with WEBSOCKET_XHR push, a UIDL POST, with client id -1 (the browser's own sequence ended
   * with Chromium; Flow accepts -1 out of sequence).
   */
  static final class Browserless {
    final HttpClient http;
    final URI uidl;
    final String cookie;
    final String csrf;
    final java.util.concurrent.atomic.AtomicLong bytes;
    final java.util.concurrent.atomic.AtomicLong confirms;
    volatile int syncId = -1;

    Browserless(HttpClient http, int port, String cookie, String csrf, String uiId,
                java.util.concurrent.atomic.AtomicLong bytes, java.util.concurrent.atomic.AtomicLong confirms) {
      this.http = http;
      this.uidl = URI.create("http://127.0.0.1:" + port + "/?v-r=uidl&v-uiId=" + uiId);
      this.cookie = cookie;
      this.csrf = csrf;
      this.bytes = bytes;
      this.confirms = confirms;
    }

    void received(String message) {
      java.util.regex.Matcher sync = SYNC_ID.matcher(message);
      while (sync.find()) {
        syncId = Math.max(syncId, Integer.parseInt(sync.group(1)));
      }
      java.util.regex.Matcher m = CONFIRM.matcher(message);
      StringBuilder rpc = new StringBuilder();
      while (m.find()) {
        rpc.append(rpc.length() == 0 ? "" : ",").append("{\"type\":\"publishedEventHandler\",\"node\":").append(m.group(1))
            .append(",\"templateEventMethodName\":\"confirmUpdate\",\"templateEventMethodArgs\":[").append(m.group(2)).append("]}");
        confirms.incrementAndGet();
      }
      if (rpc.length() == 0) {
        int at = message.indexOf("connector.confirm(");
        if (at >= 0 && REFUSED.incrementAndGet() <= 5) {
          System.out.println("a grid confirm the bench cannot read: " + message.substring(Math.max(0, at - 200), Math.min(message.length(), at + 100)));
        }
        return;
      }
      String body = "{\"csrfToken\":\"" + csrf + "\",\"rpc\":[" + rpc + "],\"syncId\":" + syncId + ",\"clientId\":-1}";
      http.sendAsync(HttpRequest.newBuilder(uidl).header("Cookie", cookie).header("Content-Type", "application/json; charset=UTF-8")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
          .thenAccept(r -> {
            bytes.addAndGet(r.body().length());
            if ((r.statusCode() != 200 || !r.body().contains("\"syncId\"")) && REFUSED.incrementAndGet() <= 5) {
              System.out.println("confirm refused: HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(300, r.body().length())));
            }
            received(r.body()); // an answer may carry further updates to confirm
          });
    }
  }

  /** One-sided exact permutation test: the share of the splits of all values that put a mean at least as high on "a". */
  static double permutationP(double[] a, double[] bs) {
    double[] all = new double[a.length + bs.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(bs, 0, all, a.length, bs.length);
    double observed = mean(a) - mean(bs);
    double total = Arrays.stream(all).sum();
    int n = all.length, k = a.length;
    long splits = 0, asHigh = 0;
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) != k) {
        continue;
      }
      double sumA = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          sumA += all[i];
        }
      }
      double diff = sumA / k - (total - sumA) / (n - k);
      splits++;
      if (diff >= observed - 1e-9) {
        asHigh++;
      }
    }
    return (double) asHigh / splits;
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  static void print(String label, String[] r, double pushedMb, String refreshMs, long confirmed) {
    System.out.printf("%-34s %10s %10s %10s %10s %10s %14s %10s %12s %10s%n", label, r[1], r[2], r[3], r[4], r[5],
        r[9] + "/" + r[10], pushedMb < 0 ? "" : String.format("%.1f", pushedMb), refreshMs, confirmed < 0 ? "" : confirmed);
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

  /** {count, sum in seconds} of telops_console_refresh_seconds from the platform's /metrics; zeros if absent. */
  static double[] refreshMetrics(HttpClient http, int port) {
    double[] out = new double[2];
    try {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
          .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (String line : body.split("\n")) {
        if (line.startsWith("telops_console_refresh_seconds_count")) {
          out[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } else if (line.startsWith("telops_console_refresh_seconds_sum")) {
          out[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    } catch (Exception e) {
      System.out.println("metrics not read: " + e);
    }
    return out;
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
