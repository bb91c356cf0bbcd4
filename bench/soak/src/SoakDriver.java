import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * The soak: the whole platform jar on its defaults (probes every 30 s, alert evaluation on, embedded PostgreSQL)
 * carrying N Twilio media streams from wsload for M minutes. Each minute: heap after a full GC, RSS and open file
 * descriptors of the java process and of PostgreSQL. At the end: frames sent / echoed / lost, CDRs expected (one
 * per stream) vs stored, and whether memory stayed flat (last minute within 10 % of minute 2).
 *
 * <p>Usage: SoakDriver JAR WSLOAD STREAMS MINUTES
 */
public final class SoakDriver {
  static final String TWILIO_TOKEN = "soak-twilio-auth-token-0123456789";
  static final String ADMIN_TOKEN = "soak-admin-token-0123456789abcdef0123456789";

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String wsload = args[1];
    int streams = Integer.parseInt(args[2]);
    int minutes = Integer.parseInt(args[3]);
    Path dir = Files.createTempDirectory("telops-soak");
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms1g", "-Xmx1g", "-jar", jar.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("TELOPS_"));
    pb.environment().putAll(Map.of("TELOPS_DATA_DIR", dir.toString(), "TELOPS_HTTP_PORT", String.valueOf(port),
        "TELOPS_ADMIN_PORT", "0", "TELOPS_EMBEDDED_DB_PORT", String.valueOf(freePort()),
        "TELOPS_TWILIO_AUTH_TOKEN", TWILIO_TOKEN, "TELOPS_ADMIN_TOKEN", ADMIN_TOKEN, "TELOPS_AGENT_ENGINE", "echo",
        "TELOPS_LOG_LEVEL", "WARN"));
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("telops.log").toFile());
    Process server = pb.start();
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!get(http, base + "/health/ready").contains("\"outcome\":\"UP\"")) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        System.err.println(Files.readString(dir.resolve("telops.log")));
        throw new IllegalStateException("the platform did not become ready");
      }
      Thread.sleep(500);
    }
    long pid = server.pid();
    long postgres = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
    System.out.printf("telops soak: %d Twilio media streams for %d min against the platform jar (pid %d, PostgreSQL %d), "
        + "probes and alerting on; data in %s%n", streams, minutes, pid, postgres, dir);

    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    Path payloads = Files.createTempFile("soak-payloads", ".txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      b.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i, i + 160))).append('\n');
    }
    Files.writeString(payloads, b);
    String path = "/media/twilio";
    String signature = TwilioSignatures.sign(TWILIO_TOKEN, "ws://127.0.0.1:" + port + path, Map.of());
    Instant started = Instant.now();
    Process load = new ProcessBuilder(wsload, String.valueOf(port), path, String.valueOf(streams), String.valueOf(minutes * 60),
        "100", "5", "10", signature, payloads.toString(), String.valueOf(pid), "soak")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();

    System.out.printf("%6s %14s %10s %8s %14s %10s%n", "minute", "heap after GC", "java RSS", "java fds", "PostgreSQL RSS", "pg fds");
    List<Long> heap = new ArrayList<>();
    for (int m = 1; m <= minutes; m++) {
      Thread.sleep(60_000);
      long h = heapAfterGc(pid);
      heap.add(h);
      System.out.printf("%6d %11d MiB %6d MiB %8d %10d MiB %10d%n", m, h >> 20, rss(pid) >> 10, fds(pid),
          rssTree(postgres) >> 10, fdsTree(postgres));
    }
    String out = new String(load.getInputStream().readAllBytes()).trim();
    load.waitFor();
    String[] r = out.split(" ");
    long sent = Long.parseLong(r[0]);
    long echoed = Long.parseLong(r[1]);
    Thread.sleep(5_000); // the last CDRs: written within 1 s of each call's end
    String export = get(http, base + "/api/v1/cdrs?format=ndjson&from=" + started.minusSeconds(60) + "&to=" + Instant.now().plusSeconds(60), ADMIN_TOKEN);
    // wsload's call sids are "CAbench<label>-<n>": the streams' own CDRs, not the probes'.
    long stored = export.lines().filter(l -> l.contains("CAbenchsoak-")).count();
    System.out.printf("frames: sent %,d, echoed %,d, lost %,d (%.4f %%); wsload: late %s, p99 %s ms, p99.9 %s ms, closed early %s%n",
        sent, echoed, sent - echoed, 100.0 * (sent - echoed) / Math.max(1, sent), r[2], r[4], r[5], r[8]);
    System.out.printf("CDRs: %d stream(s) expected, %d stored%n", streams, stored);
    if (heap.size() >= 2) {
      long second = heap.get(Math.min(1, heap.size() - 1));
      long last = heap.get(heap.size() - 1);
      System.out.printf("memory: heap after GC minute 2 %d MiB, last minute %d MiB → %s (goal: within 10 %%)%n", second >> 20,
          last >> 20, Math.abs(last - second) <= second / 10 ? "flat" : "CHANGED " + (100 * (last - second) / Math.max(1, second)) + " %");
    }
    server.destroy();
    server.waitFor();
  }

  static long heapAfterGc(long pid) throws Exception {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    // G1: "garbage-first heap   total 1048576K, used 123456K"
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  static String jcmd(long pid, String command) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  /** Resident set in KiB, from /proc. */
  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // gone
    }
    return 0;
  }

  static long fds(long pid) {
    String[] l = new java.io.File("/proc/" + pid + "/fd").list();
    return l == null ? 0 : l.length;
  }

  static long rssTree(long pid) {
    return ProcessHandle.of(pid).map(h -> rss(pid) + h.descendants().mapToLong(c -> rss(c.pid())).sum()).orElse(0L);
  }

  static long fdsTree(long pid) {
    return ProcessHandle.of(pid).map(h -> fds(pid) + h.descendants().mapToLong(c -> fds(c.pid())).sum()).orElse(0L);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String get(HttpClient http, String url) {
    return get(http, url, null);
  }

  static String get(HttpClient http, String url, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2)).GET();
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }
}
