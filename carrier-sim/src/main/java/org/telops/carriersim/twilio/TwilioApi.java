package org.telops.carriersim.twilio;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.call.FarEnd;
import org.telops.carriersim.call.Leg;
import org.telops.carriersim.call.SimCall;
import org.telops.carriersim.faults.RestFaults;

/**
 * The Twilio REST subset: create a call ({@code POST …/Calls.json}, form, Basic auth), fetch it
 * ({@code GET …/Calls/{sid}.json}) and hang it up ({@code POST …/Calls/{sid}.json} with
 * {@code Status=completed|canceled}), with Twilio's JSON shapes and error bodies. Sim-only parameters:
 * {@code SimRegion} (media impairment region, else from the caller number) and {@code SimOutcome}
 * (answer, busy, no-answer, fail: overrides the far end's dice).
 */
public final class TwilioApi {
  private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{3,14}");
  private final CarrierSim sim;

  public TwilioApi(CarrierSim sim) {
    this.sim = sim;
  }

  public void mount(Router router, String base) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(64 * 1024);
    String calls = Pattern.quote(base) + "/2010-04-01/Accounts/([^/]+)/Calls";
    router.postWithRegex(calls + "\\.json").handler(body).handler(this::create);
    router.getWithRegex(calls + "/([^/.]+)\\.json").handler(this::fetch);
    router.postWithRegex(calls + "/([^/.]+)\\.json").handler(body).handler(this::update);
    // A <Record> verb's recording: the resource URL with .wav (or none) is the WAV, Basic auth as for the API.
    router.getWithRegex(Pattern.quote(base) + "/2010-04-01/Accounts/([^/]+)/Recordings/(RE[0-9a-f]+)(\\.wav)?")
        .handler(this::recording);
  }

  private void recording(RoutingContext ctx) {
    if (!authorized(ctx)) {
      return;
    }
    CarrierSim.StoredRecording r = sim.recordings().get(ctx.pathParam("param1"));
    if (r == null || !r.accountSid().equals(ctx.pathParam("param0"))) {
      TwilioJson.error(ctx, 404, 20404, "The requested resource /2010-04-01/Accounts/" + ctx.pathParam("param0")
          + "/Recordings/" + ctx.pathParam("param1") + " was not found");
      return;
    }
    ctx.response().putHeader("Content-Type", "audio/x-wav").end(io.vertx.core.buffer.Buffer.buffer(r.wav()));
  }

  private void create(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String from = trim(form.get("From"));
    String region = form.get("SimRegion") != null ? form.get("SimRegion").trim() : sim.config().numbers().regionOf(from);
    RestFaults.guard(sim, ctx, TwilioDriver.CARRIER, region, TwilioJson::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      String to = trim(form.get("To"));
      if (to == null || !E164.matcher(to).matches()) {
        TwilioJson.error(ctx, 400, 21211, "Invalid 'To' Phone Number: " + (to == null ? "(missing)" : to));
        return;
      }
      if (from == null || !E164.matcher(from).matches()) {
        TwilioJson.error(ctx, 400, 21212, "Invalid 'From' Phone Number: " + (from == null ? "(missing)" : from));
        return;
      }
      String url = trim(form.get("Url"));
      String twiml = trim(form.get("Twiml"));
      if (url == null && twiml == null) {
        TwilioJson.error(ctx, 400, 21205, "A 'Url' or 'Twiml' parameter is required (ApplicationSid is not simulated)");
        return;
      }
      if (url != null && !url.matches("https?://.+")) {
        TwilioJson.error(ctx, 400, 21205, "Url is not a valid URL: " + url);
        return;
      }
      String sid = sim.driver(TwilioDriver.CARRIER).newCallId();
      Leg leg = new Leg(TwilioDriver.CARRIER, sid, sid, null, sim.credentials().twilioAccountSid(), false, from, to, region,
          sim.clock().instant());
      leg.appUrl = url;
      leg.inlineTwiml = twiml;
      String callback = trim(form.get("StatusCallback"));
      if (callback != null) {
        leg.callbackUrl = callback;
        Set<String> events = new LinkedHashSet<>();
        form.getAll("StatusCallbackEvent").forEach(v -> events.addAll(java.util.Arrays.asList(v.trim().split("[\\s,]+"))));
        events.remove("");
        leg.callbackEvents = events.isEmpty() ? Set.of("completed") : Set.copyOf(events);
      } else {
        leg.callbackUrl = sim.config().twilioStatusUrl();
        leg.callbackEvents = sim.config().twilioStatusEvents();
      }
      try {
        if (form.get("Timeout") != null) {
          leg.ringTimeoutSeconds = Math.max(5, Math.min(600, Integer.parseInt(form.get("Timeout").trim())));
        }
        if (form.get("SimOutcome") != null) {
          leg.forcedOutcome = FarEnd.Outcome.parse(form.get("SimOutcome"));
        }
      } catch (IllegalArgumentException e) {
        TwilioJson.error(ctx, 400, 21201, "Invalid parameter: " + e.getMessage());
        return;
      }
      sim.place(leg, sim.driver(TwilioDriver.CARRIER));
      // The resource as created: queued, before the call's own context has moved it on.
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
          .end(TwilioJson.call(leg, sim.config().rates().currency()).put("status", "queued").encode());
    });
  }

  private void fetch(RoutingContext ctx) {
    RestFaults.guard(sim, ctx, TwilioDriver.CARRIER, null, TwilioJson::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      String sid = ctx.pathParam("param1");
      var live = sim.calls().find(sid);
      if (live.isPresent()) {
        SimCall call = live.get();
        call.exec(() -> respond(ctx, call, sid));
        return;
      }
      sim.history().find(sid).filter(c -> c.carrier().equals(TwilioDriver.CARRIER)).ifPresentOrElse(
          c -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(TwilioJson.call(c).encode()),
          () -> notFound(ctx, sid));
    });
  }

  private void update(RoutingContext ctx) {
    RestFaults.guard(sim, ctx, TwilioDriver.CARRIER, null, TwilioJson::faultError, () -> {
      if (!authorized(ctx)) {
        return;
      }
      String sid = ctx.pathParam("param1");
      String status = trim(ctx.request().formAttributes().get("Status"));
      if (status == null || !(status.equals("completed") || status.equals("canceled"))) {
        TwilioJson.error(ctx, 400, 21218, "Invalid 'Status' '" + status + "': the sim supports completed and canceled "
            + "(redirects with Url/Twiml are not simulated)");
        return;
      }
      var live = sim.calls().find(sid);
      if (live.isEmpty()) {
        sim.history().find(sid).filter(c -> c.carrier().equals(TwilioDriver.CARRIER)).ifPresentOrElse(
            c -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(TwilioJson.call(c).encode()),
            () -> notFound(ctx, sid));
        return;
      }
      SimCall call = live.get();
      call.exec(() -> {
        Leg leg = call.leg(sid);
        boolean answered = leg != null && leg.life.answeredAt() != null;
        // canceled only ends a call that is not yet answered; completed ends either.
        if (leg != null && !call.ended() && (status.equals("completed") || !answered)) {
          call.hangup(leg);
        }
        respond(ctx, call, sid);
      });
    });
  }

  private void respond(RoutingContext ctx, SimCall call, String sid) {
    Leg leg = call.leg(sid);
    if (leg == null) {
      notFound(ctx, sid);
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(TwilioJson.call(leg, sim.config().rates().currency()).encode());
  }

  private void notFound(RoutingContext ctx, String sid) {
    TwilioJson.error(ctx, 404, 20404, "The requested resource /2010-04-01/Accounts/" + ctx.pathParam("param0")
        + "/Calls/" + sid + ".json was not found");
  }

  /** Basic auth with the account SID and auth token, and the path's account must be that account. */
  private boolean authorized(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String expected = sim.credentials().twilioAccountSid() + ":" + sim.credentials().twilioAuthToken();
    boolean ok = false;
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        byte[] given = Base64.getDecoder().decode(header.substring(6).trim());
        ok = MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"Twilio API\"");
      TwilioJson.error(ctx, 401, 20003, "Authenticate");
      return false;
    }
    if (!sim.credentials().twilioAccountSid().equals(ctx.pathParam("param0"))) {
      TwilioJson.error(ctx, 404, 20404, "The requested resource /2010-04-01/Accounts/" + ctx.pathParam("param0")
          + " was not found");
      return false;
    }
    return true;
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
