package org.telops.platform.access;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.ActorHeaders;
import org.telops.contracts.auth.OperatorAddresses;

/**
 * The modules' operator actions on the event bus (carrier overrides, outbound calls, drills, incidents): each
 * request is handed to the module's own REST handler over loopback with the process's internal token and the
 * actor in headers, so the role check (auth handler), the action and its audit row are the one implementation
 * the REST API uses. The reply is the handler's JSON; a non-2xx answer fails the request with its status.
 */
final class ModuleOperations {
  /** Headers the auth handler honours only together with the internal token. */
  static final String ACTOR = "X-Telops-Actor";
  static final String ACTOR_ROLE = "X-Telops-Actor-Role";
  static final String ACTOR_KIND = "X-Telops-Actor-Kind";
  static final String ACTOR_SOURCE = "X-Telops-Actor-Source";

  private final WebClient client;
  private final int port;
  private final String host;
  private final String internalToken;
  private io.vertx.ext.web.Router router;

  ModuleOperations(Vertx vertx, String host, int port, boolean tls, String internalToken) {
    this.host = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    this.client = WebClient.create(vertx, new WebClientOptions().setSsl(tls).setTrustAll(tls).setVerifyHost(false));
    this.port = port;
    this.internalToken = internalToken;
  }

  /**
   * Registers, on the (possibly clustered) bus, each operation whose route this process serves: a process
   * running only some roles answers only for those, and the UI in another process reaches whichever does.
   */
  void register(Vertx vertx, io.vertx.ext.web.Router router) {
    this.router = router;
    serve(vertx, OperatorAddresses.CARRIER_OVERRIDE, b -> "/api/v1/carriers/" + enc(b.getString("carrier")) + "/" + enc(b.getString("action")));
    serve(vertx, OperatorAddresses.CALL_PLACE, b -> "/api/v1/calls");
    serve(vertx, OperatorAddresses.DRILL_DEFINE, b -> "/api/v1/drills");
    serve(vertx, OperatorAddresses.DRILL_RUN, b -> "/api/v1/drills/" + enc(String.valueOf(b.getValue("id"))) + "/run");
    serve(vertx, OperatorAddresses.DRILL_ABORT, b -> "/api/v1/drills/" + enc(String.valueOf(b.getValue("id"))) + "/abort");
    serve(vertx, OperatorAddresses.INCIDENT_ACKNOWLEDGE, b -> "/api/v1/incidents/" + enc(String.valueOf(b.getValue("id"))) + "/acknowledge");
    serve(vertx, OperatorAddresses.INCIDENT_RESOLVE, b -> "/api/v1/incidents/" + enc(String.valueOf(b.getValue("id"))) + "/resolve");
  }

  private void serve(Vertx vertx, String address, Function<JsonObject, String> path) {
    String probe = path.apply(new JsonObject().put("carrier", "x1").put("action", "x1").put("id", "x1"));
    if (org.telops.contracts.auth.AccessRules.of(router).match(HttpMethod.POST, probe).isPresent()) {
      vertx.eventBus().<JsonObject>consumer(address, msg -> forward(msg, path));
    }
  }

  private void forward(Message<JsonObject> msg, Function<JsonObject, String> path) {
    Actor actor = ActorHeaders.from(msg);
    if (actor == null) {
      msg.fail(401, "no authenticated actor on this request (" + ActorHeaders.NAME + " and " + ActorHeaders.ROLE + " headers)");
      return;
    }
    JsonObject body = msg.body() == null ? new JsonObject() : msg.body();
    HttpRequest<Buffer> req = client.request(HttpMethod.POST, port, host, path.apply(body)).timeout(120_000)
        .putHeader("Authorization", "Bearer " + internalToken).putHeader(ACTOR, actor.name())
        .putHeader(ACTOR_ROLE, actor.role().wireName()).putHeader(ACTOR_KIND, actor.kind().wireName())
        .putHeader(ACTOR_SOURCE, actor.sourceAddress());
    Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent = req.sendJsonObject(body);
    sent.onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(503, "the operation could not reach this process's HTTP listener: " + ar.cause().getMessage());
        return;
      }
      int status = ar.result().statusCode();
      JsonObject reply;
      try {
        reply = ar.result().body() == null ? new JsonObject() : ar.result().bodyAsJsonObject();
      } catch (RuntimeException e) {
        reply = new JsonObject().put("body", ar.result().bodyAsString());
      }
      if (status >= 200 && status < 300) {
        msg.reply(reply);
      } else {
        msg.fail(status, reply.getString("error", "HTTP " + status));
      }
    });
  }

  private static String enc(String s) {
    return URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8).replace("+", "%20");
  }
}
