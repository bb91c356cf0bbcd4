package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallIds;

/**
 * A Telnyx call through carrier-sim whose agent-side media stream the carrier drops mid-call (the sim's media-drop
 * fault): the runtime asks the sim for streaming_start, the sim opens a new stream, and the call goes on under the
 * same call id; one CDR, completed.
 */
class TelnyxStreamResumeIT {
  private static final String KEY = "KEYRESUMEIT0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  @DisplayName("carrier-sim drops a Telnyx call's agent stream; the runtime has it restarted and the call completes as one call")
  void droppedStreamResumes() throws Exception {
    try (TestPlatform p = TestPlatform.start(Map.of("TELOPS_TELNYX_API_KEY", KEY,
        "TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0", "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0",
        "TELOPS_STREAM_RESUME_SECONDS", "5"))) {
      List<JsonObject> moments = new CopyOnWriteArrayList<>();
      p.platform.vertx().eventBus().<JsonObject>consumer(Addresses.CALL_MOMENTS, m -> moments.add(m.body()));
      // The caller's leg streams to a socket that just listens (the sim bridges silence from it).
      io.vertx.core.http.HttpServer caller = p.platform.vertx().createHttpServer().webSocketHandler(ws -> { })
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
      JsonObject dial = new JsonObject().put("connection_id", "1494404757140276705").put("to", "+15550100")
          .put("from", "+12025550101").put("stream_url", "ws://127.0.0.1:" + caller.actualPort() + "/caller")
          .put("stream_bidirectional_mode", "rtp");
      HttpResponse<String> placed = post(p, "/sim/telnyx/v2/calls", dial);
      assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
      String callerLeg = new JsonObject(placed.body()).getJsonObject("data").getString("call_control_id");

      until("the agent's stream started", () -> kinds(moments, null).contains("stream-start"));
      String callId = moments.stream().filter(m -> "stream-start".equals(m.getString("kind"))).findFirst().orElseThrow()
          .getString("callId");
      Thread.sleep(1_000);
      put(p, new JsonObject().put("carrier", "telnyx").put("kind", "media-drop").put("afterSeconds", 0).put("leg", "agent"));
      until("the stream dropped", () -> kinds(moments, callId).contains("stream-drop"));
      assertThat(p.send("DELETE", "/sim/faults", TestPlatform.ADMIN_TOKEN, null, null).statusCode()).isLessThan(300);
      until("the stream resumed", () -> kinds(moments, callId).contains("stream-resumed"));
      Thread.sleep(1_500);
      assertThat(kinds(moments, callId)).as("still going: no stop yet").doesNotContain("stream-stop");
      assertThat(post(p, "/sim/telnyx/v2/calls/" + callerLeg + "/actions/hangup", new JsonObject()).statusCode())
          .isEqualTo(200);
      until("the call ended", () -> kinds(moments, callId).contains("stream-stop"));
      System.out.println("telnyx resume through carrier-sim: " + kinds(moments, callId) + " — "
          + moments.stream().filter(m -> callId.equals(m.getString("callId")) && "stream-resumed".equals(m.getString("kind")))
              .map(m -> m.getString("detail")).toList());
      until("the CDR stored", () -> row(p, callId) != null && row(p, callId)[1] != null);
      String[] cdr = row(p, callId);
      assertThat(cdr[0]).as("outcome").isEqualTo("completed");
      assertThat(count(p, callId)).as("one call, not two").isEqualTo(1);
    }
  }

  private static List<String> kinds(List<JsonObject> moments, String callId) {
    return moments.stream().filter(m -> callId == null || callId.equals(m.getString("callId")))
        .map(m -> m.getString("kind")).toList();
  }

  private static String[] row(TestPlatform p, String callId) {
    try (Connection c = p.platform.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT outcome, ended_at FROM calls WHERE call_id = ?")) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
      }
    } catch (Exception e) {
      return null;
    }
  }

  private static int count(TestPlatform p, String callId) throws Exception {
    try (Connection c = p.platform.dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM calls WHERE call_id = ?")) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static HttpResponse<String> post(TestPlatform p, String path, JsonObject body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(p.base() + path)).header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The fault API is an admin's (the simulator runs inside the platform, behind its access control). */
  private static void put(TestPlatform p, JsonObject fault) throws Exception {
    HttpResponse<String> r = p.send("PUT", "/sim/faults", TestPlatform.ADMIN_TOKEN, "application/json", fault.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 20 s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
