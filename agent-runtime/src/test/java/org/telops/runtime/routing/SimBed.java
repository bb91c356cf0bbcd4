package org.telops.runtime.routing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.config.SimConfig;

/**
 * The real carrier-sim (both carriers, fault API) on its own Vert.x and port, mounted under /sim as in
 * the embedded platform, so it outlives a router that "crashes". It records when each Twilio create
 * request arrives (the carrier's view of our CPS).
 */
public final class SimBed implements AutoCloseable {
  public static final String SID = "AC0123456789abcdef0123456789abcdef";
  public static final String TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  public static final String TELNYX_KEY = "KEYSIMTEST0123456789";
  public static final String CONNECTION = "1494404757140276705";

  public final Vertx vertx = Vertx.vertx();
  public final List<Long> twilioCreateNanos = new CopyOnWriteArrayList<>();
  public final CarrierSim sim;
  private final HttpServer server;
  public final String base;
  private final HttpClient http = HttpClient.newHttpClient();

  private SimBed(String webhookBase) {
    Router r = Router.router(vertx);
    r.postWithRegex("/sim/twilio/2010-04-01/Accounts/[^/]+/Calls\\.json").handler(ctx -> {
      twilioCreateNanos.add(System.nanoTime());
      ctx.next();
    });
    Map<String, String> env = new HashMap<>(credentials());
    env.put("TELOPS_SIM_SEED", "20261122");
    env.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0");
    env.put("TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0");
    env.put("TELOPS_SIM_RING_MS", "50");
    env.put("TELOPS_SIM_FAR_END", "answer=100");
    env.put("TELOPS_SIM_WEBHOOK_TIMEOUT_MS", "3000");
    sim = new CarrierSim(vertx, SimConfig.fromEnv(env, webhookBase), Clock.systemUTC(), new SimpleMeterRegistry());
    sim.mount(r, "/sim", false);
    server = Beds.await(vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1"));
    base = "http://127.0.0.1:" + server.actualPort();
  }

  public static SimBed start(String webhookBase) {
    return new SimBed(webhookBase);
  }

  static Map<String, String> credentials() {
    return Map.of("TELOPS_TWILIO_ACCOUNT_SID", SID, "TELOPS_TWILIO_AUTH_TOKEN", TOKEN, "TELOPS_TELNYX_API_KEY", TELNYX_KEY,
        "TELOPS_TELNYX_CONNECTION_ID", CONNECTION);
  }

  /** What the router needs to reach this sim. */
  public Map<String, String> routerEnv() {
    Map<String, String> env = new HashMap<>(credentials());
    env.put("TELOPS_TWILIO_API_BASE_URL", base + "/sim/twilio");
    env.put("TELOPS_TELNYX_API_BASE_URL", base + "/sim/telnyx");
    return env;
  }

  public JsonObject putFault(JsonObject fault) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/sim/faults"))
        .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(fault.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("sim refused fault " + fault + ": " + r.body());
    }
    return new JsonObject(r.body());
  }

  public void clearFaults() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(base + "/sim/faults")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  public JsonArray faults() throws Exception {
    return new JsonObject(http.send(HttpRequest.newBuilder(URI.create(base + "/sim/faults")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).getJsonArray("faults");
  }

  /** The Twilio call resource's status ("in-progress", "completed" …) as the sim's REST API reports it. */
  public String twilioStatus(String callSid) throws Exception {
    String auth = java.util.Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/sim/twilio/2010-04-01/Accounts/" + SID
        + "/Calls/" + callSid + ".json")).header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(r.body()).getString("status");
  }

  @Override
  public void close() {
    sim.close();
    Beds.await(server.close());
    Beds.await(vertx.close());
  }
}
