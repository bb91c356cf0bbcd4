import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.runtime.AgentRuntimeModule;
import org.telops.runtime.Fixtures;
import org.telops.signatures.twilio.TwilioSignatures;

/**
 * N Twilio media streams at real 20 ms pacing, against the agent runtime (engine "echo" on 90 % of the
 * streams — each frame comes back after the whole runtime path — and the scripted engine on 10 %, whose
 * turns give the runtime-added turn latency) and against a bare Vert.x WebSocket echo. Server and client
 * share this JVM and the machine's cores: the figures are a floor for the server alone.
 */
public final class RuntimeBench {
  static final String TOKEN = "bench-twilio-token-0123456789";
  static final long FRAME_NANOS = 20_000_000L;
  static byte[] audio;
  /** Base64 of each 160-byte frame of the looped audio, computed once so the client spends its CPU on sockets. */
  static String[] payloads;

  public static void main(String[] args) throws Exception {
    int seconds = Integer.parseInt(args[0]);
    audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    payloads = new String[audio.length / 160];
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, i * 160, i * 160 + 160));
    }
    Vertx server = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    int runtimePort = startRuntime(server);
    // Both servers as the platform runs them: one server instance per event loop, sharing one port.
    int echoPort = listen(server, new HttpServerOptions().setHost("127.0.0.1"), null);
    List<Object> turnLatencies = new CopyOnWriteArrayList<>();
    server.eventBus().<JsonObject>consumer(Addresses.CALL_TURNS, m -> {
      JsonObject t = m.body();
      if ("scripted".equals(t.getString("engine")) && t.getInteger("firstAudioMs") != null && "speech".equals(t.getString("trigger"))) {
        turnLatencies.add(t.getInteger("firstAudioMs") - t.getInteger("eosDetectMs"));
      }
    });
    // Warm-up (JIT) on both paths, not reported.
    run(client, echoPort, 200, 5, false, "warm");
    run(client, runtimePort, 200, 5, true, "warm");
    System.out.printf("%-8s %6s %9s %9s %6s %6s %8s %8s %8s %10s %12s%n", "target", "N", "sent", "echoed", "lost",
        "late", "p50 ms", "p99 ms", "max ms", "send-lag99", "turn p99 ms");
    for (int i = 1; i < args.length; i++) {
      int n = Integer.parseInt(args[i]);
      Result bare = run(client, echoPort, n, seconds, false, "echo");
      bare.print("bare", n, null);
      turnLatencies.clear();
      Result rt = run(client, runtimePort, n, seconds, true, "runtime");
      List<Integer> turns = new ArrayList<>();
      turnLatencies.forEach(o -> turns.add((Integer) o));
      rt.print("runtime", n, turns);
      Thread.sleep(2_000);
    }
    client.close().toCompletionStage().toCompletableFuture().get();
    server.close().toCompletionStage().toCompletableFuture().get();
    System.exit(0);
  }

  static int startRuntime(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    int httpPort = listen(vertx, new HttpServerOptions().setHost("127.0.0.1")
        .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20), router);
    Path flow = Files.createTempFile("bench-flow", ".yaml");
    // Listen, answer each utterance with the short no-match prompt, listen again.
    Files.writeString(flow, "start: listen\nstates:\n  listen: {dtmf: {\"9\": listen}, nomatch: answer, timeout_ms: 600000, timeout: listen}\n"
        + "  answer: {say: [nomatch], next: listen}\n");
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_HTTP_PORT", String.valueOf(httpPort));
    env.put("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:" + httpPort);
    env.put("TELOPS_TWILIO_AUTH_TOKEN", TOKEN);
    env.put("TELOPS_AGENT_ENGINE", "echo");
    env.put("TELOPS_AGENT_FLOW", flow.toString());
    vertx.eventBus().consumer(Addresses.CDR_INGEST, m -> m.reply("queued"));
    new AgentRuntimeModule().start(new ModuleContext(vertx, router, null, new SimpleMeterRegistry(), HealthChecks.create(vertx),
        PlatformConfig.fromEnv(env))).toCompletionStage().toCompletableFuture().get();
    return httpPort;
  }

  /** SERVER_LOOPS server instances (default 2, the platform's default on 2 cores) on one free port. */
  static int listen(Vertx vertx, HttpServerOptions options, Router router) throws Exception {
    int loops = Integer.getInteger("SERVER_LOOPS", 2);
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      options.setPort(probe.getLocalPort());
    }
    vertx.deployVerticle(() -> new io.vertx.core.VerticleBase() {
      @Override
      public io.vertx.core.Future<?> start() {
        HttpServer s = vertx.createHttpServer(options);
        if (router != null) {
          s.requestHandler(router);
        } else {
          s.webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage));
        }
        return s.listen();
      }
    }, new io.vertx.core.DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get();
    return options.getPort();
  }

  /** One stream's client side; all its methods run on its event loop. */
  static final class Stream {
    final int id;
    final boolean measured;
    WebSocket ws;
    Context ctx;
    final ArrayDeque<Long> inFlight = new ArrayDeque<>();
    long startNanos;
    long frame;
    long sent;
    long echoed;
    final long[] turnaroundMicros;
    int samples;
    long late;
    long maxSendLagMicros;
    final long[] sendLagMicros;

    Stream(int id, boolean measured, int capacity) {
      this.id = id;
      this.measured = measured;
      this.turnaroundMicros = new long[capacity];
      this.sendLagMicros = new long[capacity];
    }
  }

  record Result(long sent, long echoed, long late, long[] turnaroundMicros, long[] sendLagMicros) {
    void print(String target, int n, List<Integer> turns) {
      long lost = sent - echoed;
      String turn = "-";
      if (turns != null && !turns.isEmpty()) {
        turns.sort(null);
        turn = turns.get((int) Math.ceil(0.99 * turns.size()) - 1) + " (" + turns.size() + ")";
      }
      System.out.printf("%-8s %6d %9d %9d %6d %6d %8.2f %8.2f %8.2f %10.2f %12s%n", target, n, sent, echoed, lost, late,
          pct(turnaroundMicros, 50), pct(turnaroundMicros, 99), pct(turnaroundMicros, 100), pct(sendLagMicros, 99), turn);
    }
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
  }

  static Result run(Vertx vertx, int port, int n, int seconds, boolean runtime, String label) throws Exception {
    WebSocketClient wsc = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 10));
    String wsUrl = "ws://127.0.0.1:" + port + "/media/twilio";
    String signature = TwilioSignatures.sign(TOKEN, wsUrl, Map.of());
    int capacity = seconds * 50 + 100;
    List<Stream> streams = new ArrayList<>();
    Semaphore connecting = new Semaphore(100);
    // The client's streams alternate over its event loops (a carrier's streams come from many machines).
    io.vertx.core.internal.VertxInternal vi = (io.vertx.core.internal.VertxInternal) vertx;
    List<io.vertx.core.Context> loops = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      loops.add(vi.createEventLoopContext());
    }
    List<CompletableFuture<Void>> connected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean scripted = runtime && i % 10 == 9;
      Stream s = new Stream(i, !scripted, capacity);
      streams.add(s);
      connecting.acquire();
      CompletableFuture<Void> up = new CompletableFuture<>();
      connected.add(up);
      WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI(runtime ? "/media/twilio" : "/").addHeader(TwilioSignatures.HEADER, signature);
      loops.get(i % loops.size()).runOnContext(v -> wsc.connect(o).onComplete(ar -> {
        connecting.release();
        if (ar.failed()) {
          up.completeExceptionally(ar.cause());
          return;
        }
        s.ws = ar.result();
        s.ctx = Vertx.currentContext();
        s.ws.textMessageHandler(text -> onMessage(s, text));
        s.ws.writeTextMessage("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        s.ws.writeTextMessage(new JsonObject().put("event", "start").put("streamSid", "MZ" + s.id)
            .put("start", new JsonObject().put("streamSid", "MZ" + s.id).put("callSid", "CAbench" + label + n + "-" + s.id)
                .put("customParameters", new JsonObject().put("engine", scripted ? "scripted" : "echo"))
                .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1)))
            .encode());
        up.complete(null);
      }));
    }
    CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    // Stagger the streams over one 20 ms period, then pace each at t0 + k·20 ms from its own event loop.
    long t0 = System.nanoTime() + 200_000_000L;
    long frames = seconds * 50L;
    CompletableFuture<Void> done = new CompletableFuture<>();
    int[] finished = {0};
    Runnable oneFinished = () -> {
      synchronized (finished) {
        if (++finished[0] == streams.size()) {
          done.complete(null);
        }
      }
    };
    // One 1 ms ticker per client event loop sends every frame that is due on it: a timer per stream per
    // frame would cost the client more than the server it measures.
    java.util.Map<io.vertx.core.Context, List<Stream>> byLoop = new java.util.HashMap<>();
    for (Stream s : streams) {
      s.startNanos = t0 + (s.id % 20) * 1_000_000L;
      byLoop.computeIfAbsent(s.ctx, c -> new ArrayList<>()).add(s);
    }
    byLoop.forEach((ctx, mine) -> ctx.runOnContext(v -> {
      long[] timer = {0};
      timer[0] = vertx.setPeriodic(1, id -> {
        boolean all = true;
        for (Stream s : mine) {
          if (s.frame < frames) {
            sendDue(s, frames, oneFinished);
            all &= s.frame >= frames;
          }
        }
        if (all) {
          vertx.cancelTimer(timer[0]);
        }
      });
    }));
    done.get(seconds + 60L, TimeUnit.SECONDS);
    Thread.sleep(1_000); // the last echoes
    long sent = 0;
    long echoed = 0;
    long late = 0;
    int total = 0;
    for (Stream s : streams) {
      if (s.measured) {
        sent += s.sent;
        echoed += s.echoed;
        late += s.late;
        total += s.samples;
      }
    }
    long[] all = new long[total];
    long[] lag = new long[streams.stream().mapToInt(x -> (int) Math.min(x.sent, x.sendLagMicros.length)).sum()];
    int k = 0;
    int l = 0;
    for (Stream s : streams) {
      if (s.measured) {
        System.arraycopy(s.turnaroundMicros, 0, all, k, s.samples);
        k += s.samples;
      }
      System.arraycopy(s.sendLagMicros, 0, lag, l, (int) Math.min(s.sent, s.sendLagMicros.length));
      l += (int) Math.min(s.sent, s.sendLagMicros.length);
    }
    Arrays.sort(all);
    Arrays.sort(lag);
    for (Stream s : streams) {
      s.ctx.runOnContext(v -> s.ws.close());
    }
    Thread.sleep(1_000);
    wsc.close();
    return new Result(sent, echoed, late, all, lag);
  }

  /** Sends what is due of one stream's frames (each at startNanos + k·20 ms), and "stop" after the last. */
  static void sendDue(Stream s, long frames, Runnable finished) {
    long now = System.nanoTime();
    while (s.frame < frames && s.startNanos + s.frame * FRAME_NANOS <= now) {
      long due = s.startNanos + s.frame * FRAME_NANOS;
      String payload = payloads[(int) (s.frame % payloads.length)];
      long chunk = s.frame + 1;
      s.ws.writeTextMessage("{\"event\":\"media\",\"sequenceNumber\":\"" + (chunk + 1) + "\",\"streamSid\":\"MZ" + s.id
          + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk + "\",\"timestamp\":\"" + (chunk - 1) * 20
          + "\",\"payload\":\"" + payload + "\"}}");
      long sentAt = System.nanoTime();
      s.inFlight.add(sentAt);
      if (s.sent < s.sendLagMicros.length) {
        s.sendLagMicros[(int) s.sent] = (sentAt - due) / 1000;
      }
      s.sent++;
      s.frame++;
    }
    if (s.frame >= frames) {
      s.ws.writeTextMessage("{\"event\":\"stop\",\"streamSid\":\"MZ" + s.id + "\",\"stop\":{}}");
      finished.run();
    }
  }

  static void onMessage(Stream s, String text) {
    if (text.startsWith("{\"event\":\"media\"")) {
      Long sentAt = s.inFlight.poll();
      if (sentAt == null || !s.measured) {
        return;
      }
      long micros = (System.nanoTime() - sentAt) / 1000;
      s.echoed++;
      if (micros > 20_000) {
        s.late++;
      }
      if (s.samples < s.turnaroundMicros.length) {
        s.turnaroundMicros[s.samples++] = micros;
      }
    } else if (text.startsWith("{\"event\":\"mark\"")) {
      s.ws.writeTextMessage(text); // a carrier echoes marks once the audio before them played; here at once
    }
  }
}
