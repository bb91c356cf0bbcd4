import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * Runs the load bench's steps and prints the table. The streams themselves come from {@code wsload} (C, epoll,
 * one thread: see wsload.c), so the client costs the 2-core machine as little as it can; this class signs the
 * upgrade URL, writes the looped caller audio as base64 frames, runs wsload per target and N, and asks the
 * bench server for what only it knows: GC during the step and the runtime-added turn latencies.
 *
 * Per target and N: connect at RAMP streams/s, let the streams run SETTLE seconds (not measured: call set-up,
 * JIT, the first promotions of the new calls' state), then measure SECONDS. A frame is lost if its echo never
 * comes, late if its turnaround exceeds 20 ms (one frame time).
 *
 * Usage: LoadDriver wsloadBinary runtimePort echoPort serverPid seconds N...   (-Dramp, -Dsettle, -Dtargets)
 */
public final class LoadDriver {
  public static void main(String[] args) throws Exception {
    String wsload = args[0];
    int runtimePort = Integer.parseInt(args[1]);
    int echoPort = Integer.parseInt(args[2]);
    String serverPid = args[3];
    int seconds = Integer.parseInt(args[4]);
    int ramp = Integer.getInteger("ramp", 250);
    int settle = Integer.getInteger("settle", 3);
    String targets = System.getProperty("targets", "bare,runtime");
    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    Path payloads = Files.createTempFile("wsload-payloads", ".txt");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i + 160 <= audio.length; i += 160) {
      b.append(Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i, i + 160))).append('\n');
    }
    Files.writeString(payloads, b);
    System.out.printf("%-8s %6s %9s %9s %6s %6s %8s %8s %8s %8s %10s %10s %11s %14s%n", "target", "N", "sent", "echoed", "lost",
        "late", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "send-lag99", "server GC", "CPU srv/drv", "turn p99 ms");
    // Warm-up, not reported: the JIT compiles the runtime's much larger path for longer than the echo's, and its
    // compiler threads take CPU from the event loops while it does (measured: the same 500-stream step right
    // after a short warm-up had p99 5.7 ms and 343 late frames, once more 1.3 ms and none).
    int warmup = Integer.getInteger("warmup", 20);
    step(wsload, echoPort, "/", 500, warmup, 1000, 1, 0, payloads, serverPid);
    step(wsload, runtimePort, "/media/twilio", 500, warmup, 1000, 1, 10, payloads, serverPid);
    fetchServerStats(runtimePort);
    for (int i = 5; i < args.length; i++) {
      int n = Integer.parseInt(args[i]);
      for (String target : targets.split(",")) {
        boolean runtime = target.equals("runtime");
        String[] r = step(wsload, runtime ? runtimePort : echoPort, runtime ? "/media/twilio" : "/", n, seconds, ramp, settle,
            runtime ? Integer.getInteger("scriptedEvery", 10) : 0, payloads, serverPid);
        print(target, n, r, new JsonObject(fetchServerStats(runtimePort)), runtime);
        Thread.sleep(2_000);
      }
    }
  }

  /** One wsload run; its result line split: sent echoed late p50 p99 p999 max lag99 closedEarly srvCpu drvCpu. */
  static String[] step(String wsload, int port, String path, int n, int seconds, int ramp, int settle, int scriptedEvery,
                       Path payloads, String serverPid) throws Exception {
    String signature = TwilioSignatures.sign(BenchServer.TOKEN, "ws://127.0.0.1:" + port + path, Map.of());
    Process p = new ProcessBuilder(wsload, String.valueOf(port), path, String.valueOf(n), String.valueOf(seconds), String.valueOf(ramp),
        String.valueOf(settle), String.valueOf(scriptedEvery), signature, payloads.toString(), serverPid, Long.toHexString(System.nanoTime()))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0 || out.isEmpty()) {
      throw new IllegalStateException("wsload failed (exit " + p.exitValue() + "): " + out);
    }
    return out.split(" ");
  }

  /** Turn latencies and GC since the last call, from the bench server. */
  static String fetchServerStats(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bench/turns")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  static void print(String target, int n, String[] r, JsonObject stats, boolean runtime) {
    long sent = Long.parseLong(r[0]);
    long echoed = Long.parseLong(r[1]);
    String turn = "-";
    List<Integer> turns = new ArrayList<>();
    stats.getJsonArray("turnsMs").forEach(o -> turns.add(((Number) o).intValue()));
    if (runtime && !turns.isEmpty()) {
      turns.sort(null);
      turn = turns.get((int) Math.ceil(0.99 * turns.size()) - 1) + " (" + turns.size() + ")";
    }
    System.out.printf("%-8s %6d %9d %9d %6d %6s %8s %8s %8s %8s %10s %10s %11s %14s%s%n", target, n, sent, echoed, sent - echoed, r[2],
        r[3], r[4], r[5], r[6], r[7], stats.getLong("gcPauses") + "/" + stats.getLong("gcMs") + "ms", r[9] + "%/" + r[10] + "%", turn,
        Long.parseLong(r[8]) > 0 ? "  (" + r[8] + " streams closed early)" : "");
  }
}
