package org.telops.carriersim.call;

import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.carriersim.CarrierSim;
import org.telops.carriersim.faults.Fault;
import org.telops.carriersim.faults.FaultKind;
import org.telops.carriersim.media.AppPort;
import org.telops.carriersim.media.Bridge;
import org.telops.carriersim.media.FarEndPort;
import org.telops.carriersim.media.Impairment;
import org.telops.carriersim.media.ImpairmentProfile;
import org.telops.carriersim.media.MediaPort;
import org.telops.carriersim.media.Pipe;
import org.telops.carriersim.media.StreamEndpoint;
import org.telops.carriersim.media.StreamSession;
import org.telops.quality.emodel.Codec;
import org.telops.quality.emodel.EModel;

/**
 * The media side of a call: the bridge between the legs, the legs' stream WebSockets, the region's
 * impairment on both directions, and the media faults (one-way audio, stream drop) re-read every half
 * second. Runs on the call's context.
 */
public final class CallMedia {
  private static final Logger log = LoggerFactory.getLogger(CallMedia.class);

  private final CarrierSim sim;
  private final SimCall call;
  private final RandomGenerator random;
  private Bridge bridge;
  private StreamEndpoint callerStream;
  private StreamEndpoint calleeStream;
  private LegPlan callerPlan;
  private LegPlan calleePlan;
  private AppProgram callerProgram;
  private AppProgram calleeProgram;

  CallMedia(CarrierSim sim, SimCall call, RandomGenerator random) {
    this.sim = sim;
    this.call = call;
    this.random = random;
  }

  /** Starts the 20 ms clock; a far end (no hosted callee) answers with echo, tone or silence. */
  void start(boolean farEnd) {
    ImpairmentProfile profile = sim.config().impairment(call.caller.region);
    int maxBytes = sim.config().maxBufferedAudioMs() / Pipe.FRAME_MS * Pipe.FRAME_BYTES;
    Leg callee = call.callee();
    // Frame order follows the carrier whose stream receives the frames.
    boolean toCalleeOrdered = callee == null || call.driverOf(callee).codec().ordered();
    boolean toCallerOrdered = call.driverOf(call.caller).codec().ordered();
    bridge = new Bridge(sim.vertx(), new Pipe(new Impairment(profile, random), toCalleeOrdered, maxBytes),
        new Pipe(new Impairment(profile, random), toCallerOrdered, maxBytes), this::checkFaults);
    if (farEnd) {
      bridge.setCallee(new FarEndPort(sim.config().farEnd().audio()));
    }
    bridge.start();
  }

  void openStream(Leg leg, CarrierDriver driver, LegPlan plan, boolean callerSide) {
    StreamSession session = StreamSession.of(driver.newStreamId(), leg.id, leg.accountId, leg.sessionId, leg.from,
        leg.to, leg.clientState, plan.parameters());
    StreamEndpoint ep = new StreamEndpoint(driver.codec(), session, plan.bidirectional());
    ep.onRemoteClose(e -> call.exec(() -> streamGone(leg, driver, plan, e, "closed by the application")));
    ep.connect(sim.webSockets(), plan.streamUrl(), sim.config().webhookTimeoutMs(),
        driver.streamHandshakeHeaders(plan.streamUrl())).onComplete(ar -> call.exec(() -> {
      if (ar.failed()) {
        log.info("{} leg {}: cannot open media stream {}: {}", leg.carrier, leg.id, plan.streamUrl(), ar.cause().toString());
        leg.errorCode = "31920";
        if (!call.ended() && plan.connectAction() != null) {
          program(leg, driver, callerSide).fetch(plan.connectAction(), Map.of()); // <Connect> ended: its action says what next
        } else if (!call.ended() && driver.streamCloseEndsCall()) {
          call.end(LegStatus.COMPLETED, "normal_clearing", callerSide ? "caller" : "callee");
        }
        return;
      }
      if (call.ended() || bridge == null) {
        ep.close();
        return;
      }
      if (callerSide) {
        callerStream = ep;
        callerPlan = plan;
        bridge.setCaller(ep);
      } else {
        calleeStream = ep;
        calleePlan = plan;
        bridge.setCallee(ep);
      }
      driver.streamStarted(call, leg, plan, session.streamId());
    }));
  }

  private void streamGone(Leg leg, CarrierDriver driver, LegPlan plan, StreamEndpoint ep, String why) {
    if (call.ended()) {
      return;
    }
    boolean callerSide = ep == callerStream;
    if (callerSide) {
      callerStream = null;
      bridge.setCaller(MediaPort.SILENT);
    } else if (ep == calleeStream) {
      calleeStream = null;
      bridge.setCallee(MediaPort.SILENT);
    }
    log.debug("{} leg {}: stream {} {}", leg.carrier, leg.id, ep.session().streamId(), why);
    driver.streamStopped(call, leg, plan, ep.session().streamId());
    if (plan.connectAction() != null) {
      // Twilio: the <Connect> verb ended with the call still up, so it requests the verb's action URL.
      program(leg, driver, callerSide).fetch(plan.connectAction(), Map.of());
    } else if (driver.streamCloseEndsCall()) {
      call.end(LegStatus.COMPLETED, "normal_clearing", callerSide ? "caller" : "callee");
    }
  }

  /** Runs an application's verbs on a leg: its side of the bridge plays and records instead of streaming. */
  void runProgram(Leg leg, CarrierDriver driver, LegPlan plan, String url, boolean callerSide) {
    program(leg, driver, callerSide).run(plan, url);
  }

  /** The leg's program (made on first use), its port now that leg's side of the bridge. */
  private AppProgram program(Leg leg, CarrierDriver driver, boolean callerSide) {
    AppProgram p = callerSide ? callerProgram : calleeProgram;
    if (p == null) {
      AppPort port = new AppPort();
      p = new AppProgram(call, leg, driver, port, callerSide);
      if (callerSide) {
        callerProgram = p;
        bridge.setCaller(port);
      } else {
        calleeProgram = p;
        bridge.setCallee(port);
      }
      appPorts.put(p, port);
    } else {
      if (callerSide) {
        bridge.setCaller(appPorts.get(p));
      } else {
        bridge.setCallee(appPorts.get(p));
      }
    }
    return p;
  }

  private final java.util.Map<AppProgram, AppPort> appPorts = new java.util.IdentityHashMap<>();

  /** Every 25 frames: one-way audio follows the fault book; a due media drop cuts the streams. */
  private void checkFaults() {
    Optional<Fault> oneWay = fault(FaultKind.ONE_WAY_AUDIO);
    bridge.toCallee().setMuted(oneWay.map(f -> f.direction().equals("caller-to-agent")).orElse(false));
    bridge.toCaller().setMuted(oneWay.map(f -> f.direction().equals("agent-to-caller")).orElse(false));
    Optional<Fault> drop = fault(FaultKind.MEDIA_DROP);
    if (drop.isPresent() && call.caller.life.answeredAt() != null && !sim.clock().instant()
        .isBefore(call.caller.life.answeredAt().plusSeconds(drop.get().afterSeconds()))) {
      String which = drop.get().leg();
      if (!which.equals("caller") && calleeStream != null) {
        dropStream(call.callee(), calleeStream, calleePlan);
      }
      if (!which.equals("agent") && callerStream != null && !call.ended()) {
        dropStream(call.caller, callerStream, callerPlan);
      }
    }
  }

  private void dropStream(Leg leg, StreamEndpoint ep, LegPlan plan) {
    sim.meters().counter("telops_sim_media_drops", "carrier", leg.carrier).increment();
    ep.drop();
    streamGone(leg, call.driverOf(leg), plan, ep, "dropped by a media-drop fault");
  }

  /** A media fault on either leg's carrier, for the call's region. */
  private Optional<Fault> fault(FaultKind kind) {
    Optional<Fault> f = sim.faults().active(call.caller.carrier, kind, call.caller.region);
    Leg callee = call.callee();
    if (f.isEmpty() && callee != null && !callee.carrier.equals(call.caller.carrier)) {
      f = sim.faults().active(callee.carrier, kind, callee.region);
    }
    return f;
  }

  /** Ends one leg's stream (stop event, close) and leaves that side silent; false when it has none. */
  boolean stopStreamOf(boolean callerSide) {
    StreamEndpoint ep = callerSide ? callerStream : calleeStream;
    if (ep == null) {
      return false;
    }
    Leg leg = callerSide ? call.caller : call.callee();
    stopStream(leg, ep, callerSide ? callerPlan : calleePlan);
    if (callerSide) {
      callerStream = null;
      bridge.setCaller(MediaPort.SILENT);
    } else {
      calleeStream = null;
      bridge.setCallee(MediaPort.SILENT);
    }
    return true;
  }

  void stop() {
    if (callerProgram != null) {
      callerProgram.cancel();
    }
    if (calleeProgram != null) {
      calleeProgram.cancel();
    }
    if (bridge == null) {
      return;
    }
    bridge.stop();
    stopStream(call.caller, callerStream, callerPlan);
    stopStream(call.callee(), calleeStream, calleePlan);
    callerStream = null;
    calleeStream = null;
    long lost = bridge.toCallee().framesLost() + bridge.toCaller().framesLost();
    sim.meters().counter("telops_sim_media_frames", "outcome", "lost").increment(lost);
    sim.meters().counter("telops_sim_media_frames", "outcome", "sent")
        .increment(bridge.toCallee().framesProduced() + bridge.toCaller().framesProduced() - lost);
  }

  private void stopStream(Leg leg, StreamEndpoint ep, LegPlan plan) {
    if (ep != null && ep.open()) {
      ep.close();
      call.driverOf(leg).streamStopped(call, leg, plan, ep.session().streamId());
    }
  }

  /**
   * E-model MOS of the audio a leg received (G.711 with PLC, the region's latency and jitter, the loss
   * measured on the pipe towards it); null when no media flowed.
   */
  Double mosOf(boolean callerLeg) {
    Pipe pipe = pipeTowards(callerLeg);
    if (pipe == null || pipe.framesProduced() == 0) {
      return null;
    }
    ImpairmentProfile p = pipe.impairment().profile();
    double lossPercent = 100.0 * pipe.framesLost() / pipe.framesProduced();
    // G.107 BurstR of a two-state channel: 1 / (p + q), with p, q the per-frame transition chances.
    double burstRatio = p.burstEnterPercent() > 0
        ? Math.max(1.0, 100.0 / (p.burstEnterPercent() + p.burstExitPercent())) : 1.0;
    return EModel.fromNetworkWithJitter(p.latencyMs(), p.jitterMs(), lossPercent, burstRatio, Codec.G711_PLC).mos();
  }

  /** The pipe carrying audio to the caller (callerLeg) or to the callee; null before the bridge started. */
  public Pipe pipeTowards(boolean callerLeg) {
    return bridge == null ? null : callerLeg ? bridge.toCaller() : bridge.toCallee();
  }

  public long framesProduced() {
    return bridge == null ? 0 : bridge.framesProduced();
  }
}
