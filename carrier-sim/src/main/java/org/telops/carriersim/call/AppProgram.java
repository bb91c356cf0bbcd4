package org.telops.carriersim.call;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.Wav;
import org.telops.carriersim.media.AppPort;

/**
 * Runs an application's verbs on one leg ({@link AppVerb}), as Twilio runs TwiML without a media stream: plays each
 * {@code <Play>} WAV to the other side, records the other side for {@code <Record>} and posts the recording to the
 * action URL, follows {@code <Redirect>}, and hangs up at the end of the document. New instructions replace the rest
 * of the current document. Runs on the call's context.
 */
final class AppProgram {
  private static final Logger log = LoggerFactory.getLogger(AppProgram.class);

  private final SimCall call;
  private final Leg leg;
  private final CarrierDriver driver;
  private final AppPort port;
  private final boolean callerSide;
  private List<AppVerb> verbs = List.of();
  private int next;
  private String documentUrl;
  private long generation;

  AppProgram(SimCall call, Leg leg, CarrierDriver driver, AppPort port, boolean callerSide) {
    this.call = call;
    this.leg = leg;
    this.driver = driver;
    this.port = port;
    this.callerSide = callerSide;
  }

  /** Runs a document's verbs from the first; {@code url} is where it came from (a Record without action posts there). */
  void run(LegPlan plan, String url) {
    generation++;
    port.cancel();
    verbs = plan.verbs();
    next = 0;
    documentUrl = url;
    step();
  }

  void cancel() {
    generation++;
    port.cancel();
  }

  private void step() {
    if (call.ended()) {
      return;
    }
    if (next >= verbs.size()) {
      call.end(LegStatus.COMPLETED, "normal_clearing", side()); // the document ran out: the call hangs up
      return;
    }
    long gen = generation;
    AppVerb verb = verbs.get(next++);
    if (verb instanceof AppVerb.Play p) {
      call.sim().webhooks().get(leg.carrier, leg.region, p.url()).onComplete(ar -> call.exec(() -> {
        if (gen != generation || call.ended()) {
          return;
        }
        byte[] ulaw;
        try {
          if (ar.failed() || ar.result().statusCode() / 100 != 2) {
            throw new IllegalArgumentException(ar.failed() ? ar.cause().toString() : "HTTP " + ar.result().statusCode());
          }
          ulaw = Wav.toMuLaw(ar.result().body().getBytes());
        } catch (IllegalArgumentException e) {
          // Twilio logs a warning (13227/11200) and goes on with the next verb.
          log.info("{} leg {}: <Play> {} cannot be played: {}", leg.carrier, leg.id, p.url(), e.getMessage());
          step();
          return;
        }
        byte[] all = new byte[ulaw.length * p.loop()];
        for (int i = 0; i < p.loop(); i++) {
          System.arraycopy(ulaw, 0, all, i * ulaw.length, ulaw.length);
        }
        port.play(all, () -> {
          if (gen == generation) {
            step();
          }
        });
      }));
    } else if (verb instanceof AppVerb.Record r) {
      port.record(r.timeoutSeconds(), r.maxLengthSeconds(), rec -> {
        if (gen != generation || call.ended()) {
          return;
        }
        if (rec.empty()) {
          step(); // nothing recorded: no action request, the next verb runs
          return;
        }
        String sid = driver.storeRecording(leg, Wav.pcmFromMuLaw(rec.ulaw()));
        long seconds = Math.max(1, Math.round(rec.ulaw().length / 8000.0));
        fetch(r.action() != null ? r.action() : documentUrl, Map.of("RecordingUrl", driver.recordingUrl(leg, sid),
            "RecordingDuration", String.valueOf(seconds), "RecordingSid", sid, "Digits", ""));
      });
    } else if (verb instanceof AppVerb.Redirect r) {
      fetch(r.url(), Map.of());
    } else if (verb instanceof AppVerb.Pause p) {
      call.timer(Math.max(0, p.seconds()) * 1000L, () -> {
        if (gen == generation) {
          step();
        }
      });
    } else if (verb instanceof AppVerb.Hangup) {
      call.end(LegStatus.COMPLETED, "normal_clearing", side());
    } else if (verb instanceof AppVerb.Dial d) {
      log.info("{} leg {}: <Dial> {}: transfers are not simulated, the leg ends", leg.carrier, leg.id, d.target());
      call.end(LegStatus.COMPLETED, "normal_clearing", side());
    }
  }

  /** Asks {@code url} what next (with the call's parameters and {@code extra}) and follows the answer. */
  void fetch(String url, Map<String, String> extra) {
    long gen = generation;
    driver.fetchInstructions(call, leg, url, extra).onComplete(ar -> call.exec(() -> {
      if (gen != generation || call.ended()) {
        return;
      }
      follow(ar.succeeded() ? ar.result() : LegPlan.failed("11200", String.valueOf(ar.cause().getMessage())), url);
    }));
  }

  /** Follows new instructions for this leg. */
  void follow(LegPlan plan, String url) {
    switch (plan.action()) {
      case VERBS -> run(plan, url);
      case STREAM -> {
        cancel();
        call.media().openStream(leg, driver, plan, callerSide);
      }
      case ANSWER -> cancel(); // answered and silent
      case FAILED -> {
        leg.errorCode = plan.errorCode();
        log.info("{} leg {}: instructions from {} failed: {}", leg.carrier, leg.id, url, plan.detail());
        call.end(LegStatus.COMPLETED, "normal_clearing", side());
      }
      default -> call.end(LegStatus.COMPLETED, "normal_clearing", side());
    }
  }

  private String side() {
    return callerSide ? "caller" : "callee";
  }
}
