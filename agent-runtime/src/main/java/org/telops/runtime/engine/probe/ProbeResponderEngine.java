package org.telops.runtime.engine.probe;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.audio.MuLaw;
import org.telops.audio.Resampler;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.audio.speech.ProbePhrase;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Scheduler;
import org.telops.runtime.engine.Utterance;
import org.telops.runtime.engine.pipeline.SpeechToText;

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
 *   <li>Phrase: '*', a spoken {@link ProbePhrase}, '#'. The audio between the two keys (less
 *       {@value #PHRASE_TRIM_MS} ms at each end, where the keys' tones are) is transcribed by the offline recogniser
 *       against the probe grammar, and the transcript goes back in-band as {@link ProbePhrase#encode} digits; "*#" when
 *       it cannot be transcribed. The prober scores the word error rate.</li>
 * </ul>
 */
public final class ProbeResponderEngine implements ConversationEngine {
  private static final Logger log = LoggerFactory.getLogger(ProbeResponderEngine.class);
  public static final String NAME = "probe-responder";
  public static final int TONE_MS = 160;
  public static final int GAP_MS = 100;
  public static final int DIGIT_TIMEOUT_MS = 2000;
  public static final double TEST_TONE_HZ = 1004;
  /** Each of the two tones at about −12 dBFS, well inside what carriers pass unclipped. */
  static final int DTMF_AMPLITUDE = 6000;
  /** Cut from each end of the captured phrase: the rest of the '*' tone after it was detected, the '#' tone before. */
  static final int PHRASE_TRIM_MS = 200;
  /** A phrase longer than this is cut: the transcript of what came is sent. */
  static final int PHRASE_MAX_MS = 8_000;

  private final SpeechToText stt;

  /** Without a recogniser: phrases are answered "*#" (not transcribed). */
  public ProbeResponderEngine() {
    this(null);
  }

  /** @param stt the recogniser for probe phrases (16 kHz input), e.g. pocketsphinx with {@link ProbePhrase#jsgf()} */
  public ProbeResponderEngine(SpeechToText stt) {
    this.stt = stt;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new Session(call, output, stt);
  }

  private static final class Session implements EngineSession {
    private final CallInfo call;
    private final EngineOutput output;
    private final SpeechToText stt;
    private final ToneDetector tone = new ToneDetector(TEST_TONE_HZ, 8000);
    private final StringBuilder digits = new StringBuilder();
    private Utterance echo;
    private Scheduler.Cancellable timeout;
    /** The phrase being captured (8 kHz), null when none. */
    private short[] phrase;
    private int phraseLength;
    private Scheduler.Cancellable phraseTimeout;
    private boolean stopped;

    Session(CallInfo call, EngineOutput output, SpeechToText stt) {
      this.call = call;
      this.output = output;
      this.stt = stt;
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
      if (phrase != null) {
        int n = Math.min(pcm.length, phrase.length - phraseLength);
        System.arraycopy(pcm, 0, phrase, phraseLength, n);
        phraseLength += n;
        return;
      }
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
    public void onStop() {
      stopped = true;
    }

    @Override
    public void onDtmf(char digit) {
      if (phrase != null) {
        if (digit == '#') {
          endPhrase();
        }
        return;
      }
      if (digit == '*') {
        phrase = new short[8 * PHRASE_MAX_MS];
        phraseLength = 0;
        phraseTimeout = output.scheduler().schedule(PHRASE_MAX_MS + 1_000, this::endPhrase);
        return;
      }
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
      output.play("digits-" + answer, dtmf(answer));
    }

    private void endPhrase() {
      if (phrase == null) {
        return;
      }
      if (phraseTimeout != null) {
        phraseTimeout.cancel();
        phraseTimeout = null;
      }
      int trim = 8 * PHRASE_TRIM_MS;
      short[] pcm = phraseLength > 2 * trim ? Arrays.copyOfRange(phrase, trim, phraseLength - trim) : new short[0];
      phrase = null;
      if (stt == null || pcm.length == 0) {
        log.info("{}: probe phrase not transcribed ({})", call.callId(), stt == null ? "no recogniser" : "no audio");
        output.play("phrase-untranscribed", dtmf(ProbePhrase.NO_TRANSCRIPT));
        return;
      }
      CompletableFuture<String> text;
      try {
        text = stt.transcribe(Resampler.upsampler().upsample(pcm));
      } catch (RuntimeException e) {
        text = CompletableFuture.failedFuture(e);
      }
      long t0 = System.nanoTime();
      await(text, t0);
    }

    private void await(CompletableFuture<String> text, long t0) {
      Scheduler onCall = output.scheduler();
      text.whenComplete((v, e) -> onCall.execute(() -> answer(text, t0)));
    }

    private void answer(CompletableFuture<String> text, long t0) {
      if (stopped) {
        return;
      }
      String reply;
      try {
        String heard = text.join();
        reply = ProbePhrase.encode(heard);
        log.info("{}: probe phrase heard \"{}\" by {} in {} ms", call.callId(), heard, stt.name(),
            (System.nanoTime() - t0) / 1_000_000);
      } catch (RuntimeException e) {
        reply = ProbePhrase.NO_TRANSCRIPT;
        log.warn("{}: probe phrase not transcribed: {} failed ({})", call.callId(), stt.name(),
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
      output.play("phrase-" + reply, dtmf(reply));
    }

    private static byte[] dtmf(String keys) {
      return MuLaw.encode(ToneGenerator.dtmfSequence(keys, TONE_MS, GAP_MS, DTMF_AMPLITUDE));
    }
  }
}
