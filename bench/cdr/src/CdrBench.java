import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.telops.cdr.CdrCollectorModule;
import org.telops.contracts.config.PlatformConfig;
import org.telops.platform.Platform;

/**
 * Prints sustained CDR/s (posted over HTTP until committed to PostgreSQL) and export rows/s with heap use.
 * The client builds each request body as it goes, in the same JVM and on the same two cores: the figure
 * is a floor for the platform alone.
 */
public final class CdrBench {
  private static String dataDir = "";

  static final String TOKEN = "bench-admin-token-0123456789abcdef0123456789";

  /** {@code ingest DIR CDRS BATCH THREADS} or {@code export DIR}: two JVMs, two heap sizes, one database. */
  public static void main(String[] args) throws Exception {
    boolean ingest = args[0].equals("ingest");
    Path dir = Path.of(args[1]);
    int total = ingest ? Integer.parseInt(args[2]) : 0;
    int batch = ingest ? Integer.parseInt(args[3]) : 0;
    int threads = ingest ? Integer.parseInt(args[4]) : 0;
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("TELOPS_DATA_DIR", dir.toString());
    dataDir = dir.toString();
    env.put("TELOPS_HTTP_PORT", "0");
    env.put("TELOPS_EMBEDDED_DB_PORT", "54391");
    env.remove("TELOPS_DB_URL");
    // Every /api/v1 route needs a token: a fixed one for this throwaway database (finance may post CDRs).
    env.put("TELOPS_ADMIN_TOKEN", TOKEN);
    // Only the collector: the figure is its own, not shared with the other roles of the default process.
    Platform p = Platform.start(PlatformConfig.fromEnv(env), Set.of("cdr-collector"));
    String base = p.config().http().publicBaseUrl();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    if (!ingest) {
      export(p, http, mem);
      return;
    }
    System.out.printf("telops CDR bench: %,d CDRs in batches of %,d from %d client thread(s); heap max %d MiB; %d cores%n",
        total, batch, threads, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

    int batches = (total + batch - 1) / batch;
    CdrCollectorModule collector = (CdrCollectorModule) p.modules().get(0);
    AtomicInteger next = new AtomicInteger();
    AtomicLong retries = new AtomicLong();
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          int i;
          while ((i = next.getAndIncrement()) < batches) {
            // Built per batch (the heap is kept small to prove the export's constant memory); cheap next to ingest.
            String body = body(i * batch, Math.min(batch, total - i * batch));
            while (true) {
              HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cdrs")).header("Authorization", "Bearer " + TOKEN)
                  .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                  HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() == 200 || r.statusCode() == 202) break;
              if (r.statusCode() != 503) {
                System.err.println("bench: POST /api/v1/cdrs answered HTTP " + r.statusCode() + ": stopping");
                System.exit(1);
              }
              retries.incrementAndGet();
              Thread.sleep(50);
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      th.start();
      senders.add(th);
    }
    for (Thread th : senders) th.join();
    long accepted = System.nanoTime();
    collector.writer().awaitDrained(java.time.Duration.ofMinutes(10));
    long stored = System.nanoTime();
    System.out.printf("ingest: accepted %,d in %.2f s (%,.0f CDR/s over HTTP), all committed after %.2f s → sustained %,.0f CDR/s (503 retries: %d)%n",
        total, sec(t0, accepted), total / sec(t0, accepted), sec(t0, stored), total / sec(t0, stored), retries.get());
    // The machine may be shared (other builds, other benchmarks): CPU time per CDR is the figure that
    // does not depend on what else runs, and 2 cores / that cost is what an idle machine could sustain.
    long cpuUsed = cpuNanos() - cpu0;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("ingest CPU: %.1f s (JVM incl. client + PostgreSQL) = %.1f µs per CDR → %,.0f CDR/s on %d idle cores; "
        + "the run had %.2f cores of %d%n", cpuUsed / 1e9, cpuUsed / 1e3 / total, cores * 1e9 / (cpuUsed / (double) total),
        cores, cpuUsed / 1e9 / sec(t0, stored), cores);

    p.stop();
    System.exit(0);
  }

  private static void export(Platform p, HttpClient http, MemoryMXBean mem) throws Exception {
    String base = p.config().http().publicBaseUrl();
    System.gc();
    long heapBefore = mem.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(heapBefore);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
        try { Thread.sleep(20); } catch (InterruptedException e) { return; }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    long e0 = System.nanoTime();
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base
        + "/api/v1/cdrs?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&format=csv")).header("Authorization", "Bearer " + TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0, lines = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = r.body()) {
      int n;
      while ((n = in.read(buf)) > 0) {
        bytes += n;
        for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
      }
    }
    long e1 = System.nanoTime();
    sampler.interrupt();
    System.out.printf("export: %,d rows (%,d MiB CSV) in %.2f s → %,.0f rows/s; heap used before %d MiB, peak during export %d MiB (max %d MiB)%n",
        lines - 1, bytes >> 20, sec(e0, e1), (lines - 1) / sec(e0, e1), heapBefore >> 20, peak.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    p.stop();
    System.exit(0);
  }

  private static String body(int from, int count) {
    StringBuilder sb = new StringBuilder(count * 400).append('[');
    for (int i = 0; i < count; i++) {
      int n = from + i;
      if (i > 0) sb.append(',');
      sb.append("{\"callId\":\"bench-").append(n).append("\",\"carrier\":\"").append(n % 3 == 0 ? "telnyx" : "twilio")
          .append("\",\"region\":\"").append(n % 2 == 0 ? "us-east" : "eu-west").append("\",\"tenant\":\"demo\",")
          .append("\"direction\":\"inbound\",\"from\":\"+14155550100\",\"to\":\"+14155550199\",")
          .append("\"attemptedAt\":\"2026-11-20T10:").append(two((n / 60) % 60)).append(':').append(two(n % 60)).append("Z\",")
          .append("\"outcome\":\"completed\",\"codec\":\"PCMU\",\"quality\":{\"mos\":4.31,\"jitterMs\":4.2,\"lossPercent\":0.1,")
          .append("\"turnLatencyP50Ms\":420,\"turnLatencyP95Ms\":760},\"usage\":{\"telephonySeconds\":61,\"sttSeconds\":30.5,")
          .append("\"llmTokensIn\":1200,\"llmTokensOut\":300,\"ttsCharacters\":900},\"cost\":{\"currency\":\"USD\",")
          .append("\"telephonyMicros\":26000,\"sttMicros\":12000,\"llmMicros\":3000,\"ttsMicros\":15000},\"source\":\"runtime\"}");
    }
    return sb.append(']').toString();
  }

  /** CPU of this JVM and of every process it started (the embedded PostgreSQL server and its backends). */
  private static long cpuNanos() {
    long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    // The postmaster detaches from the JVM (its parent becomes init): find it by its data directory.
    long postgres = ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains("postgres") && c.contains(dataDir)).orElse(false))
        .flatMap(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h), h.descendants()))
        .mapToLong(h -> h.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    return own + postgres;
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : String.valueOf(v);
  }

  private static double sec(long a, long b) {
    return (b - a) / 1e9;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
