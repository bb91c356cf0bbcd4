import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.config.SimConfig;
import org.telops.contracts.config.HttpConfig;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;
import org.telops.runtime.routing.CarrierRouterModule;

/**
 * Failover time of new calls: per run, both carriers healthy (one call proves twilio is primary), then
 * a fault is switched on for twilio in the carrier-sim, and calls are placed one after the other until
 * one is connected on telnyx. Failover time = fault switched on (the sim's answer) → that call's 201.
 * The router uses its production defaults (3 s timeout, open after 3 failures, 10 s half-open) unless
 * TELOPS_CARRIER_* variables are set in the environment.
 */
public final class FailoverBench {
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    String[] faults = args[1].split(",");
    Path dir = Files.createTempDirectory("telops-failover-bench");
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), freePort())) {
      Migrate.run(db.dataSource(), Migrate.TimescaleMode.OFF);
      HikariDataSource pool = Databases.pool(db.jdbcUrl(), db.user(), null, 6, "bench");
      Vertx vertx = Vertx.vertx();
      Router web = Router.router(vertx);
      // What the agent runtime answers on the same server: a voice webhook that keeps the call up.
      web.post("/carriers/twilio/voice").handler(BodyHandler.create(false)).handler(ctx -> ctx.response()
          .putHeader("Content-Type", "text/xml").end("<Response><Pause length=\"600\"/></Response>"));
      web.post("/carriers/:carrier/:hook").handler(BodyHandler.create(false)).handler(ctx -> ctx.response().setStatusCode(204).end());
      HttpServer server = await(vertx.createHttpServer().requestHandler(web).listen(0, "127.0.0.1"));
      String base = "http://127.0.0.1:" + server.actualPort();
      Map<String, String> env = new HashMap<>();
      env.put("TELOPS_TWILIO_ACCOUNT_SID", SID);
      env.put("TELOPS_TWILIO_AUTH_TOKEN", TOKEN);
      env.put("TELOPS_TELNYX_API_KEY", "KEYBENCH0123456789");
      env.put("TELOPS_TELNYX_CONNECTION_ID", "1494404757140276705");
      env.put("TELOPS_SIM_FAR_END", "answer=100");
      env.put("TELOPS_SIM_RING_MS", "50");
      env.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0");
      env.put("TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0");
      CarrierSim sim = new CarrierSim(vertx, SimConfig.fromEnv(env, base), Clock.systemUTC(), new SimpleMeterRegistry());
      sim.mount(web, "/sim", false);
      env.put("TELOPS_TWILIO_API_BASE_URL", base + "/sim/twilio");
      env.put("TELOPS_TELNYX_API_BASE_URL", base + "/sim/telnyx");
      env.put("TELOPS_DRILL_SCHEDULER", "false");
      env.put("TELOPS_PUBLIC_BASE_URL", base);
      // Router settings from the caller's environment (e.g. TELOPS_CARRIER_TIMEOUT_MS=2500) override the defaults.
      System.getenv().forEach((k, v) -> {
        if (k.startsWith("TELOPS_CARRIER_")) {
          env.put(k, v);
        }
      });
      CarrierRouterModule module = new CarrierRouterModule();
      PlatformConfig cfg = PlatformConfig.fromEnv(env).withHttp(new HttpConfig("127.0.0.1", server.actualPort(), base));
      await(module.start(new ModuleContext(vertx, web, pool, new SimpleMeterRegistry(), HealthChecks.create(vertx), cfg)));
      System.out.printf("telops failover bench: %d runs per fault; router timeout %s ms, open after %s failures; %d cores%n",
          runs, env.getOrDefault("TELOPS_CARRIER_TIMEOUT_MS", "3000"), env.getOrDefault("TELOPS_CARRIER_MAX_FAILURES", "3"),
          Runtime.getRuntime().availableProcessors());
      for (int i = 0; i < 5; i++) {
        call(base); // warm-up: connections, JIT
      }
      for (String fault : faults) {
        List<Long> ms = new ArrayList<>();
        List<Integer> callsNeeded = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          healthy(base);
          JsonObject primary = call(base);
          if (!"twilio".equals(primary.getString("carrier"))) {
            throw new IllegalStateException("run " + r + ": twilio is not primary after restore: " + primary);
          }
          long t0 = putFault(base, fault);
          int n = 0;
          while (true) {
            n++;
            JsonObject c = call(base);
            if ("telnyx".equals(c.getString("carrier"))) {
              ms.add((System.nanoTime() - t0) / 1_000_000);
              callsNeeded.add(n);
              break;
            }
          }
        }
        List<Long> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
        System.out.printf("fault %-16s failover time over %d runs: median %.0f ms, max %d ms, min %d ms "
            + "(new calls until one connected on telnyx: max %d)%n", fault, runs, median, sorted.get(sorted.size() - 1),
            sorted.get(0), Collections.max(callsNeeded));
      }
      healthy(base);
      await(module.stop());
      sim.close();
      await(vertx.close());
      pool.close();
    }
  }

  /** Faults off, both carriers restored (fresh circuits) through the operator API. */
  private static void healthy(String base) throws Exception {
    send(HttpRequest.newBuilder(URI.create(base + "/sim/faults")).DELETE().build());
    for (String c : new String[] {"twilio", "telnyx"}) {
      HttpResponse<String> r = send(json(base + "/api/v1/carriers/" + c + "/restore",
          new JsonObject().put("by", "bench").put("reason", "between runs")));
      if (r.statusCode() != 200) {
        throw new IllegalStateException("restore " + c + ": " + r.body());
      }
    }
  }

  private static long putFault(String base, String spec) throws Exception {
    String[] p = spec.split(":", 2);
    JsonObject f = new JsonObject().put("carrier", "twilio").put("kind", p[0]);
    if (p[0].equals("http-error")) {
      f.put("httpStatus", Integer.parseInt(p[1]));
    } else if (p[0].equals("slow-api")) {
      f.put("delayMs", Integer.parseInt(p[1]));
    }
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/sim/faults"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(f.encode())).build());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("fault refused: " + r.body());
    }
    return System.nanoTime();
  }

  private static JsonObject call(String base) throws Exception {
    HttpResponse<String> r = send(json(base + "/api/v1/calls", new JsonObject().put("to", "+14155550100")
        .put("from", "+15550100199").put("tenant", "bench")));
    if (r.statusCode() != 201) {
      throw new IllegalStateException("call not placed: " + r.statusCode() + " " + r.body());
    }
    return new JsonObject(r.body());
  }

  private static HttpRequest json(String url, JsonObject body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
  }

  private static HttpResponse<String> send(HttpRequest r) throws Exception {
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
