package org.telops.carriersim.call;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.webhooks.CallbackChannel;

/**
 * One simulated call, as the PSTN runs it: the caller's leg (placed through a carrier's REST API) rings
 * either a number a sim carrier hosts — a second, inbound leg that asks the agent's application what to
 * do — or a simulated far end. Once answered, {@link CallMedia} bridges the two legs' audio; when either
 * side hangs up, both legs end, are rated and reported. Everything runs on the Vert.x context the call
 * was placed on; other threads go through {@link #exec(Runnable)}.
 */
public final class SimCall {
  private static final Logger log = LoggerFactory.getLogger(SimCall.class);

  private final CarrierSim sim;
  private final Context context;
  private final RandomGenerator random;
  public final Leg caller;
  private final CarrierDriver callerDriver;
  private Leg callee;
  private CarrierDriver calleeDriver;
  private final CallMedia media;
  private final List<Long> timers = new ArrayList<>();
  private final java.util.Map<Leg, CallbackChannel> channels = new java.util.IdentityHashMap<>();
  private Promise<LegPlan> pendingAnswer;
  private boolean ended;

  public SimCall(CarrierSim sim, Context context, Leg caller, CarrierDriver callerDriver) {
    this.sim = sim;
    this.context = context;
    this.random = sim.newRandom();
    this.caller = caller;
    this.callerDriver = callerDriver;
    this.media = new CallMedia(sim, this, random);
  }

  /** Runs {@code task} on the call's context (at once when already there). */
  public void exec(Runnable task) {
    if (context == io.vertx.core.Vertx.currentContext()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /** Starts the call on the next turn of its context, so the API's response goes out first. */
  public void start() {
    context.runOnContext(v -> begin());
  }

  private void begin() {
    setStatus(caller, LegStatus.INITIATED);
    timer(sim.config().maxCallSeconds() * 1000L, () -> end(LegStatus.COMPLETED, "time_limit", "unknown"));
    Optional<NumberPlan.Hosted> hosted = sim.config().numbers().lookup(caller.to);
    if (hosted.isPresent()) {
      ringHosted(hosted.get());
    } else {
      ringFarEnd();
    }
  }

  private void ringHosted(NumberPlan.Hosted hosted) {
    String carrier = hosted.carrier() != null ? hosted.carrier() : caller.carrier;
    calleeDriver = sim.driver(carrier);
    String id = calleeDriver.newCallId();
    boolean telnyx = carrier.equals("telnyx");
    String session = telnyx ? (caller.carrier.equals("telnyx") ? caller.sessionId : UUID.randomUUID().toString()) : caller.id;
    callee = new Leg(carrier, id, telnyx ? UUID.randomUUID().toString() : id, session, sim.accountOf(carrier), true,
        caller.from, caller.to, caller.region, sim.clock().instant());
    callee.appUrl = hosted.webhookUrl() != null ? hosted.webhookUrl() : sim.defaultInboundUrl(carrier);
    callee.callbackUrl = telnyx ? callee.appUrl : sim.config().twilioStatusUrl();
    callee.callbackEvents = sim.config().twilioStatusEvents();
    sim.calls().add(callee, this);
    setStatus(callee, LegStatus.INITIATED);
    setStatus(caller, LegStatus.RINGING);
    setStatus(callee, LegStatus.RINGING);
    calleeDriver.offerInbound(this, callee).onComplete(ar -> exec(() -> onCalleePlan(ar.succeeded() ? ar.result()
        : LegPlan.failed("11200", String.valueOf(ar.cause().getMessage())))));
  }

  private void ringFarEnd() {
    FarEnd farEnd = sim.config().farEnd();
    FarEnd.Outcome outcome = caller.forcedOutcome != null ? caller.forcedOutcome : farEnd.pick(random);
    setStatus(caller, LegStatus.RINGING);
    switch (outcome) {
      case ANSWER -> timer(farEnd.ringMs(), this::answered);
      case BUSY -> timer(farEnd.ringMs(), () -> end(LegStatus.BUSY, "user_busy", "callee"));
      case FAIL -> timer(farEnd.ringMs(), () -> end(LegStatus.FAILED, "unspecified", "unknown"));
      case NO_ANSWER -> timer(Math.min(farEnd.noAnswerMs(), caller.ringTimeoutSeconds * 1000L),
          () -> end(LegStatus.NO_ANSWER, "timeout", "unknown"));
    }
  }

  private void onCalleePlan(LegPlan plan) {
    if (ended) {
      return;
    }
    switch (plan.action()) {
      case STREAM, ANSWER -> {
        answered();
        if (plan.action() == LegPlan.Action.STREAM) {
          media.openStream(callee, calleeDriver, plan, false);
        }
      }
      case VERBS -> {
        answered();
        media.runProgram(callee, calleeDriver, plan, callee.appUrl, false);
      }
      case HANGUP -> {
        answered();
        end(LegStatus.COMPLETED, "normal_clearing", "callee");
      }
      case REJECT -> end(LegStatus.BUSY, "busy".equals(plan.rejectReason()) ? "user_busy" : "call_rejected", "callee");
      case NO_ANSWER -> end(LegStatus.NO_ANSWER, "timeout", "callee");
      case FAILED -> {
        callee.errorCode = plan.errorCode();
        log.info("{} inbound leg {} failed: {}", callee.carrier, callee.id, plan.detail());
        end(LegStatus.FAILED, "unspecified", "callee");
      }
    }
  }

  /** Both legs answered: bridge them and ask the caller's application what its leg should do. */
  private void answered() {
    if (callee != null) {
      setStatus(callee, LegStatus.IN_PROGRESS);
    }
    setStatus(caller, LegStatus.IN_PROGRESS);
    media.start(callee == null);
    FarEnd farEnd = sim.config().farEnd();
    if (callee == null && farEnd.hangupAfterSeconds() > 0) {
      timer(farEnd.hangupAfterSeconds() * 1000L, () -> end(LegStatus.COMPLETED, "normal_clearing", "callee"));
    }
    callerDriver.outboundAnswered(this, caller).onComplete(ar -> exec(() -> {
      LegPlan plan = ar.succeeded() ? ar.result() : LegPlan.failed("11200", String.valueOf(ar.cause().getMessage()));
      if (ended) {
        return;
      }
      switch (plan.action()) {
        case STREAM -> media.openStream(caller, callerDriver, plan, true);
        case VERBS -> media.runProgram(caller, callerDriver, plan, caller.appUrl, true);
        case ANSWER -> { }
        case FAILED -> {
          caller.errorCode = plan.errorCode();
          end(LegStatus.COMPLETED, "normal_clearing", "caller");
        }
        default -> end(LegStatus.COMPLETED, "normal_clearing", "caller");
      }
    }));
  }

  /** Telnyx: the inbound leg waits for an answer (or reject) action, or times out as no-answer. */
  public Future<LegPlan> awaitAnswer(int timeoutMs) {
    Promise<LegPlan> p = Promise.promise();
    pendingAnswer = p;
    timer(timeoutMs, () -> p.tryComplete(LegPlan.of(LegPlan.Action.NO_ANSWER)));
    return p.future();
  }

  /** An answer/reject action for the waiting inbound leg; false when the leg is not waiting. */
  public boolean decideInbound(LegPlan plan) {
    Promise<LegPlan> p = pendingAnswer;
    pendingAnswer = null;
    return p != null && p.tryComplete(plan);
  }

  /** Telnyx streaming_start on an answered leg. */
  public boolean startStream(Leg leg, LegPlan plan) {
    if (ended || leg.life.answeredAt() == null) {
      return false;
    }
    media.openStream(leg, driverOf(leg), plan, leg == caller);
    return true;
  }

  /** Telnyx streaming_stop: the leg's stream ends, the call goes on. */
  public boolean stopStream(Leg leg) {
    return !ended && media.stopStreamOf(leg == caller);
  }

  /** A REST hang-up of either leg ends the call; before answer it is a cancel. */
  public void hangup(Leg by) {
    end(LegStatus.CANCELED, by.inbound ? "call_rejected" : "originator_cancel", by == caller ? "caller" : "callee");
  }

  /**
   * Ends both legs. A leg that was answered completes; one that was not gets {@code unanswered}.
   *
   * @param cause Telnyx hangup_cause (normal_clearing, user_busy, timeout, originator_cancel, …)
   * @param source caller, callee or unknown
   */
  public void end(LegStatus unanswered, String cause, String source) {
    if (ended) {
      return;
    }
    ended = true;
    timers.forEach(sim.vertx()::cancelTimer);
    timers.clear();
    if (pendingAnswer != null) {
      pendingAnswer.tryComplete(LegPlan.of(LegPlan.Action.NO_ANSWER));
    }
    media.stop();
    Instant now = sim.clock().instant();
    for (Leg leg : callee == null ? List.of(caller) : List.of(callee, caller)) {
      boolean answered = leg.life.answeredAt() != null;
      LegStatus status = answered ? LegStatus.COMPLETED : unanswered;
      leg.hangupCause = leg.hangupCause != null ? leg.hangupCause : (answered && !"time_limit".equals(cause) ? "normal_clearing" : cause);
      leg.hangupSource = source;
      leg.life.advance(status, now);
      leg.priceMicros = sim.config().rates().priceMicros(leg.carrier, leg.inbound, leg.life.durationSeconds());
      leg.mos = media.mosOf(leg == caller);
      driverOf(leg).statusChanged(this, leg, leg.status());
      sim.history().add(billed(leg));
      sim.meters().counter("telops_sim_calls", "carrier", leg.carrier, "direction", leg.inbound ? "inbound" : "outbound",
          "status", leg.status().wire()).increment();
    }
    sim.calls().remove(this, caller, callee);
  }

  private BilledCall billed(Leg leg) {
    long billed = sim.config().rates().billedSeconds(leg.life.durationSeconds());
    return new BilledCall(leg.carrier, leg.accountId, leg.id, leg.legId, leg.sessionId, leg.inbound, leg.from, leg.to,
        leg.status().wire(), leg.life.createdAt(), leg.life.startedAt(), leg.life.answeredAt(), leg.life.endedAt(),
        leg.life.durationSeconds(), billed, sim.config().rates().rateMicrosPerMinute(leg.carrier, leg.inbound),
        leg.priceMicros == null ? 0 : leg.priceMicros, sim.config().rates().currency(), leg.region, leg.hangupCause, leg.mos);
  }

  /** Moves a leg forward and tells its application; a step that is not forward is ignored. */
  public void setStatus(Leg leg, LegStatus status) {
    if (leg.life.advance(status, sim.clock().instant())) {
      driverOf(leg).statusChanged(this, leg, status);
    }
  }

  /** The leg's callback queue (created on first use, seeded from the call's random). */
  public CallbackChannel channel(Leg leg) {
    return channels.computeIfAbsent(leg, l -> new CallbackChannel(sim.vertx(), sim.config().callbackReorderPercent(),
        sim.config().callbackDuplicatePercent(), sim.config().callbackHoldMs(), random));
  }

  CarrierDriver driverOf(Leg leg) {
    return leg == caller ? callerDriver : calleeDriver;
  }

  void timer(long delayMs, Runnable task) {
    long[] id = new long[1];
    id[0] = sim.vertx().setTimer(Math.max(1, delayMs), t -> {
      timers.remove((Long) id[0]);
      if (!ended) {
        task.run();
      }
    });
    timers.add(id[0]);
  }

  public boolean ended() {
    return ended;
  }

  public Leg callee() {
    return callee;
  }

  public Leg leg(String id) {
    return caller.id.equals(id) ? caller : callee != null && callee.id.equals(id) ? callee : null;
  }

  public CallMedia media() {
    return media;
  }

  public CarrierSim sim() {
    return sim;
  }
}
