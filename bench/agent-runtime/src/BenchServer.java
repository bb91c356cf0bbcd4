import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.runtime.AgentRuntimeModule;

/**
 * The server side of the load bench, in its own JVM: the agent runtime (media at /media/twilio, engine "echo"
 * by default, "scripted" when a stream asks for it) and a bare Vert.x WebSocket echo, each as the platform
 * runs its HTTP server (one instance per event loop, SERVER_LOOPS, default 2, on one port). Prints
 * "READY runtime=P echo=P" and serves GET /bench/turns on the runtime port: the runtime-added turn latencies
 * (end-of-speech decision → first agent frame, ms) of scripted turns since the last call, and the server's
 * GC pause count and total since the last call.
 */
public final class BenchServer {
  static final String TOKEN = "bench-twilio-token-0123456789";

  public static void main(String[] args) throws Exception {
    int loops = Integer.getInteger("SERVER_LOOPS", 2);
    // The platform's transport for the same settings: epoll with coalesced wake-ups
    // (TELOPS_EVENT_LOOP_COALESCE_MICROS, default 200; 0 = Netty's own loop), NIO with TELOPS_NATIVE_TRANSPORT=false.
    Map<String, String> transportEnv = new HashMap<>(System.getenv());
    if (System.getProperty("native") != null) {
      transportEnv.put("TELOPS_NATIVE_TRANSPORT", System.getProperty("native"));
    }
    boolean nativeTransport = !"false".equals(transportEnv.get("TELOPS_NATIVE_TRANSPORT"));
    VertxOptions options = new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(nativeTransport);
    io.vertx.core.transport.Transport transport = org.telops.platform.CoalescingEpoll.fromEnv(transportEnv);
    Vertx vertx = transport == null ? Vertx.vertx(options) : Vertx.builder().with(options).withTransport(transport).build();
    System.out.println("transport: " + (transport != null ? transport.name() : vertx.isNativeTransportEnabled() ? "native epoll" : "NIO"));
    Router router = Router.router(vertx);
    int runtimePort = listen(vertx, loops, new HttpServerOptions().setHost("127.0.0.1")
        .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20), router);
    int echoPort = listen(vertx, loops, new HttpServerOptions().setHost("127.0.0.1"), null);
    Path flow = Files.createTempFile("bench-flow", ".yaml");
    // Listen, answer each utterance with the short no-match prompt, listen again.
    Files.writeString(flow, "start: listen\nstates:\n  listen: {dtmf: {\"9\": listen}, nomatch: answer, timeout_ms: 600000, timeout: listen}\n"
        + "  answer: {say: [nomatch], next: listen}\n");
    Map<String, String> env = new HashMap<>();
    // TELOPS_* settings from the environment reach the runtime (e.g. TELOPS_INBAND_DTMF=false); the bench's own win.
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("TELOPS_")) {
        env.put(k, v);
      }
    });
    env.put("TELOPS_HTTP_PORT", String.valueOf(runtimePort));
    env.put("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:" + runtimePort);
    env.put("TELOPS_TWILIO_AUTH_TOKEN", TOKEN);
    env.put("TELOPS_AGENT_ENGINE", "echo");
    env.put("TELOPS_AGENT_FLOW", flow.toString());
    vertx.eventBus().consumer(Addresses.CDR_INGEST, m -> m.reply("queued"));
    List<Integer> turns = new ArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.CALL_TURNS, m -> {
      JsonObject t = m.body();
      if ("scripted".equals(t.getString("engine")) && t.getInteger("firstAudioMs") != null && "speech".equals(t.getString("trigger"))) {
        synchronized (turns) {
          turns.add(t.getInteger("firstAudioMs") - t.getInteger("eosDetectMs"));
        }
      }
    });
    long[] gcSeen = gc();
    router.get("/bench/turns").handler(rc -> {
      JsonArray out = new JsonArray();
      synchronized (turns) {
        turns.forEach(out::add);
        turns.clear();
      }
      long[] now = gc();
      JsonObject body = new JsonObject().put("turnsMs", out).put("gcPauses", now[0] - gcSeen[0]).put("gcMs", now[1] - gcSeen[1]);
      gcSeen[0] = now[0];
      gcSeen[1] = now[1];
      rc.json(body);
    });
    new AgentRuntimeModule().start(new ModuleContext(vertx, router, null, new SimpleMeterRegistry(), HealthChecks.create(vertx),
        PlatformConfig.fromEnv(env))).toCompletionStage().toCompletableFuture().get();
    if (Boolean.getBoolean("loopLag")) {
      // Event-loop lag probe: a 5 ms timer on each loop; prints when it fires more than 15 ms late.
      vertx.deployVerticle(() -> new VerticleBase() {
        long last = System.nanoTime();

        @Override
        public Future<?> start() {
          vertx.setPeriodic(5, id -> {
            long now = System.nanoTime();
            long lagMs = (now - last) / 1_000_000 - 5;
            if (lagMs > Integer.getInteger("loopLagMs", 15)) {
              System.out.println(java.time.Instant.now() + " " + Thread.currentThread().getName() + " late by " + lagMs + " ms");
            }
            last = now;
          });
          return Future.succeededFuture();
        }
      }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get();
    }
    System.out.println("READY runtime=" + runtimePort + " echo=" + echoPort + " pid=" + ProcessHandle.current().pid());
    System.out.flush();
    // Runs until the bench script stops it (stdin closed or killed).
    while (System.in.read() >= 0) {
      Thread.onSpinWait();
    }
    System.exit(0);
  }

  /** GC collections and milliseconds so far, over all collectors. */
  static long[] gc() {
    long n = 0;
    long ms = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, b.getCollectionCount());
      ms += Math.max(0, b.getCollectionTime());
    }
    return new long[] {n, ms};
  }

  /** Instances of one HTTP server (one per event loop) on one free port, as the platform's HttpServers does. */
  static int listen(Vertx vertx, int loops, HttpServerOptions options, Router router) throws Exception {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      options.setPort(probe.getLocalPort());
    }
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        HttpServer s = vertx.createHttpServer(options);
        if (router != null) {
          s.requestHandler(router);
        } else {
          s.webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage));
        }
        return s.listen();
      }
    }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture().get();
    return options.getPort();
  }
}
