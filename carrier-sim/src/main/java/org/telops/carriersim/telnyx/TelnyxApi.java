package org.telops.carriersim.telnyx;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.call.FarEnd;
import org.telops.carriersim.call.Leg;
import org.telops.carriersim.call.LegPlan;
import org.telops.carriersim.call.SimCall;
import org.telops.carriersim.faults.RestFaults;

/**
 * The Telnyx Call Control subset: dial ({@code POST /v2/calls}, optional stream_url), retrieve
 * ({@code GET /v2/calls/{id}}), and the actions answer (with stream_url), reject, hangup,
 * streaming_start and streaming_stop — Bearer auth, Telnyx's JSON and error shapes. Sim-only fields:
 * {@code sim_region}, {@code sim_outcome}.
 */
public final class TelnyxApi {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{3,14}");
  private final CarrierSim sim;

  public TelnyxApi(CarrierSim sim) {
    this.sim = sim;
  }

  public void mount(Router router, String base) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    String calls = Pattern.quote(base) + "/v2/calls";
    router.postWithRegex(calls).handler(body).handler(this::dial);
    router.getWithRegex(calls + "/([^/]+)").handler(this::retrieve);
    router.postWithRegex(calls + "/([^/]+)/actions/([a-z_]+)").handler(body).handler(this::action);
    // TeXML <Record> recordings, at unguessable URLs that need no credentials (as Telnyx's pre-signed ones).
    router.getWithRegex(Pattern.quote(base) + "/recordings/([0-9a-f-]{36})\\.wav").handler(ctx -> {
      org.telops.carriersim.CarrierSim.StoredRecording r = sim.recordings().get(ctx.pathParam("param0"));
      if (r == null) {
        ctx.response().setStatusCode(404).end();
        return;
      }
      ctx.response().putHeader("Content-Type", "audio/wav").end(io.vertx.core.buffer.Buffer.buffer(r.wav()));
    });
  }

  private void dial(RoutingContext ctx) {
    JsonObject req = json(ctx);
    String from = req == null ? null : req.getString("from");
    String region = req != null && req.getString("sim_region") != null ? req.getString("sim_region")
        : sim.config().numbers().regionOf(from);
    RestFaults.guard(sim, ctx, TelnyxDriver.CARRIER, region, TelnyxApi::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      if (req == null) {
        error(ctx, 400, "10015", "Bad Request", "the body is not a JSON object");
        return;
      }
      String to = req.getString("to");
      if (to == null || !E164.matcher(to).matches()) {
        error(ctx, 422, "10016", "Invalid phone number", "to '" + to + "' is not an E.164 number", "/to");
        return;
      }
      if (from == null || !E164.matcher(from).matches()) {
        error(ctx, 422, "10016", "Invalid phone number", "from '" + from + "' is not an E.164 number", "/from");
        return;
      }
      String streamUrl = req.getString("stream_url");
      if (streamUrl != null && !streamUrl.matches("wss?://.+")) {
        error(ctx, 422, "10015", "Invalid value", "stream_url '" + streamUrl + "' is not a ws:// or wss:// URL", "/stream_url");
        return;
      }
      String ccid = sim.driver(TelnyxDriver.CARRIER).newCallId();
      Leg leg = new Leg(TelnyxDriver.CARRIER, ccid, UUID.randomUUID().toString(), UUID.randomUUID().toString(), null, false,
          from, to, region, sim.clock().instant());
      leg.streamUrl = streamUrl;
      leg.streamBidirectional = "rtp".equalsIgnoreCase(req.getString("stream_bidirectional_mode"));
      leg.clientState = req.getString("client_state");
      leg.callbackUrl = req.getString("webhook_url") != null ? req.getString("webhook_url") : sim.config().telnyxWebhookUrl();
      try {
        if (req.getValue("timeout_secs") != null) {
          leg.ringTimeoutSeconds = Math.max(5, Math.min(600, Integer.parseInt(String.valueOf(req.getValue("timeout_secs")))));
        }
        if (req.getString("sim_outcome") != null) {
          leg.forcedOutcome = FarEnd.Outcome.parse(req.getString("sim_outcome"));
        }
      } catch (IllegalArgumentException | ClassCastException e) {
        error(ctx, 422, "10015", "Invalid value", e.getMessage());
        return;
      }
      sim.place(leg, sim.driver(TelnyxDriver.CARRIER));
      ok(ctx, callData(leg, false));
    });
  }

  private void retrieve(RoutingContext ctx) {
    RestFaults.guard(sim, ctx, TelnyxDriver.CARRIER, null, TelnyxApi::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      String id = ctx.pathParam("param0");
      var live = sim.calls().find(id);
      if (live.isPresent()) {
        SimCall call = live.get();
        call.exec(() -> {
          Leg leg = call.leg(id);
          if (leg == null) {
            notFound(ctx, id);
          } else {
            ok(ctx, callData(leg, !call.ended()));
          }
        });
        return;
      }
      sim.history().find(id).filter(c -> c.carrier().equals(TelnyxDriver.CARRIER)).ifPresentOrElse(c -> ok(ctx,
          new JsonObject().put("record_type", "call").put("call_control_id", c.callId()).put("call_leg_id", c.legId())
              .put("call_session_id", c.sessionId()).put("is_alive", false).put("call_duration", c.durationSeconds())
              .put("start_time", TelnyxDriver.iso(c.startedAt())).put("end_time", TelnyxDriver.iso(c.endedAt()))),
          () -> notFound(ctx, id));
    });
  }

  private void action(RoutingContext ctx) {
    String id = ctx.pathParam("param0");
    String action = ctx.pathParam("param1");
    RestFaults.guard(sim, ctx, TelnyxDriver.CARRIER, null, TelnyxApi::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      JsonObject req = ctx.body().length() == 0 ? new JsonObject() : json(ctx);
      if (req == null) {
        error(ctx, 400, "10015", "Bad Request", "the body is not a JSON object");
        return;
      }
      var live = sim.calls().find(id);
      if (live.isEmpty()) {
        error(ctx, 422, "90018", "Call has already ended", "call " + id + " is not active; "
            + "it ended or never existed");
        return;
      }
      SimCall call = live.get();
      call.exec(() -> {
        Leg leg = call.leg(id);
        if (leg == null || call.ended()) {
          error(ctx, 422, "90018", "Call has already ended", "call " + id + " is not active");
          return;
        }
        boolean done = switch (action) {
          case "answer" -> answer(call, leg, req);
          case "reject" -> call.decideInbound(LegPlan.reject(
              "USER_BUSY".equalsIgnoreCase(req.getString("cause")) ? "busy" : "rejected"));
          case "hangup" -> {
            call.hangup(leg);
            yield true;
          }
          case "streaming_start" -> req.getString("stream_url") != null && call.startStream(leg, plan(req));
          case "streaming_stop" -> call.stopStream(leg);
          default -> {
            error(ctx, 404, "10005", "Resource not found", "action '" + action + "' is not simulated: use answer, "
                + "reject, hangup, streaming_start, streaming_stop");
            yield false;
          }
        };
        if (ctx.response().ended()) {
          return;
        }
        if (!done) {
          error(ctx, 422, "90015", "Invalid call state", "cannot " + action + " call " + id + " in state "
              + leg.status().wire());
          return;
        }
        ok(ctx, new JsonObject().put("result", "ok"));
      });
    });
  }

  private boolean answer(SimCall call, Leg leg, JsonObject req) {
    if (!leg.inbound) {
      return false;
    }
    if (req.getString("client_state") != null) {
      leg.clientState = req.getString("client_state");
    }
    if (req.getString("webhook_url") != null) {
      leg.callbackUrl = req.getString("webhook_url");
    }
    return call.decideInbound(req.getString("stream_url") == null ? LegPlan.of(LegPlan.Action.ANSWER) : plan(req));
  }

  private static LegPlan plan(JsonObject req) {
    Map<String, String> params = new LinkedHashMap<>();
    JsonArray custom = req.getJsonArray("custom_parameters");
    if (custom != null) {
      custom.forEach(o -> {
        if (o instanceof JsonObject p && p.getString("name") != null) {
          params.put(p.getString("name"), p.getString("value"));
        }
      });
    }
    return LegPlan.stream(req.getString("stream_url"), null, params,
        "rtp".equalsIgnoreCase(req.getString("stream_bidirectional_mode")), null);
  }

  private JsonObject callData(Leg leg, boolean alive) {
    return new JsonObject().put("record_type", "call").put("call_control_id", leg.id).put("call_leg_id", leg.legId)
        .put("call_session_id", leg.sessionId).put("client_state", leg.clientState).put("is_alive", alive)
        .put("call_duration", leg.life.durationSeconds())
        .put("start_time", TelnyxDriver.iso(leg.life.startedAt())).put("end_time", TelnyxDriver.iso(leg.life.endedAt()));
  }

  private boolean authorized(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    byte[] expected = ("Bearer " + sim.credentials().telnyxApiKey()).getBytes(StandardCharsets.UTF_8);
    if (header == null || !MessageDigest.isEqual(header.trim().getBytes(StandardCharsets.UTF_8), expected)) {
      error(ctx, 401, "10009", "Authentication failed", "The API key in the Authorization header (Bearer) is missing or "
          + "not valid");
      return false;
    }
    return true;
  }

  private static JsonObject json(RoutingContext ctx) {
    try {
      return ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  private static void ok(RoutingContext ctx, JsonObject data) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("data", data).encode());
  }

  private void notFound(RoutingContext ctx, String id) {
    error(ctx, 404, "10005", "Resource not found", "call " + id + " was not found");
  }

  static void faultError(RoutingContext ctx, int status, String message) {
    error(ctx, status, status == 429 ? "10011" : "10007", status == 429 ? "Too many requests" : "Unexpected error", message);
  }

  static void error(RoutingContext ctx, int status, String code, String title, String detail) {
    error(ctx, status, code, title, detail, null);
  }

  /** Telnyx's error body: {"errors":[{"code","title","detail","source":{"pointer"}}]}. */
  static void error(RoutingContext ctx, int status, String code, String title, String detail, String pointer) {
    JsonObject e = new JsonObject().put("code", code).put("title", title).put("detail", detail);
    if (pointer != null) {
      e.put("source", new JsonObject().put("pointer", pointer));
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("errors", new JsonArray().add(e)).encode());
  }
}
