package org.telops.runtime.engine.probe;

import org.telops.audio.MuLaw;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.engine.Utterance;

/**
 * Answers a synthetic prober's challenge so it can prove both audio directions and time the round
 * trip (protocol in the module README, "Probe challenge"):
 * <ul>
 *   <li>Digits: the prober sends DTMF (in-band or as carrier events) ending with '#'. The responder
 *       replies in-band with the same digits reversed, then '#': each digit {@value #TONE_MS} ms of tone
 *       and {@value #GAP_MS} ms of silence. Without '#', it replies {@value #DIGIT_TIMEOUT_MS} ms after
 *       the last digit.</li>
 *   <li>Tone: every inbound 20 ms frame that is a 1004 Hz tone is sent straight back, unchanged, so the
 *       echoed tone starts one runtime pass after the prober's tone arrives.</li>
 * </ul>
 */
public final class ProbeResponderEngine implements ConversationEngine {
  public static final String NAME = "probe-responder";
  public static final int TONE_MS = 160;
  public static final int GAP_MS = 100;
  public static final int DIGIT_TIMEOUT_MS = 2000;
  public static final double TEST_TONE_HZ = 1004;
  /** Each of the two tones at about −12 dBFS, well inside what carriers pass unclipped. */
  static final int DTMF_AMPLITUDE = 6000;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new Session(output);
  }

  private static final class Session implements EngineSession {
    private final EngineOutput output;
    private final ToneDetector tone = new ToneDetector(TEST_TONE_HZ, 8000);
    private final StringBuilder digits = new StringBuilder();
    private Utterance echo;
    private Scheduler.Cancellable timeout;

    Session(EngineOutput output) {
      this.output = output;
    }

    @Override
    public boolean interruptible() {
      return false;
    }

    @Override
    public void onStart() {
    }

    @Override
    public void onAudio(short[] pcm, int sampleRateHz) {
      if (tone.isTone(pcm)) {
        if (echo == null) {
          echo = output.say("tone-echo");
        }
        echo.append(MuLaw.encode(pcm));
      } else if (echo != null) {
        echo.finish();
        echo = null;
      }
    }

    @Override
    public void onDtmf(char digit) {
      if (timeout != null) {
        timeout.cancel();
        timeout = null;
      }
      if (digit == '#') {
        reply();
        return;
      }
      digits.append(digit);
      timeout = output.scheduler().schedule(DIGIT_TIMEOUT_MS, this::reply);
    }

    private void reply() {
      timeout = null;
      if (digits.length() == 0) {
        return;
      }
      String answer = new StringBuilder(digits).reverse().append('#').toString();
      digits.setLength(0);
      output.play("digits-" + answer, MuLaw.encode(ToneGenerator.dtmfSequence(answer, TONE_MS, GAP_MS, DTMF_AMPLITUDE)));
    }
  }
}
