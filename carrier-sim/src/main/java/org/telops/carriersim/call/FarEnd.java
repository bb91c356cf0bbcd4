package org.telops.carriersim.call;

import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.telops.carriersim.config.Pairs;
import org.telops.contracts.config.ConfigException;

/**
 * The simulated party at a number the sims do not host: how often it answers, is busy, does not answer
 * or the call fails, and what it sends once answered.
 *
 * @param answerWeight relative weights of the four outcomes (they need not sum to 100)
 * @param audio what the far end sends: echo (returns what it hears), tone (a short beep every 2 s), silence
 * @param ringMs how long it rings before answering (or before busy/failure)
 * @param noAnswerMs how long it rings before a no-answer (capped by the call's own Timeout)
 * @param hangupAfterSeconds the far end hangs up after this long in the call; 0 = never (caller hangs up)
 */
public record FarEnd(double answerWeight, double busyWeight, double noAnswerWeight, double failWeight, Audio audio,
                     int ringMs, int noAnswerMs, int hangupAfterSeconds) {

  public enum Audio { ECHO, TONE, SILENCE }

  public enum Outcome { ANSWER, BUSY, NO_ANSWER, FAIL;

    /** Parses the sim-only override parameter (SimOutcome / sim_outcome): answer, busy, no-answer, fail. */
    public static Outcome parse(String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
        case "answer", "answered" -> ANSWER;
        case "busy" -> BUSY;
        case "no-answer" -> NO_ANSWER;
        case "fail", "failed" -> FAIL;
        default -> throw new IllegalArgumentException("outcome '" + s + "' is not one of answer, busy, no-answer, fail");
      };
    }
  }

  public FarEnd {
    if (answerWeight + busyWeight + noAnswerWeight + failWeight <= 0) {
      throw new ConfigException("TELOPS_SIM_FAR_END: the weights add up to 0; give answer a weight, e.g. answer=100");
    }
  }

  public Outcome pick(RandomGenerator random) {
    double total = answerWeight + busyWeight + noAnswerWeight + failWeight;
    double x = random.nextDouble() * total;
    if ((x -= answerWeight) < 0) {
      return Outcome.ANSWER;
    }
    if ((x -= busyWeight) < 0) {
      return Outcome.BUSY;
    }
    if (x - noAnswerWeight < 0) {
      return Outcome.NO_ANSWER;
    }
    return Outcome.FAIL;
  }

  /** {@code TELOPS_SIM_FAR_END}: {@code answer=96,busy=2,no-answer=1,fail=1}. */
  public static FarEnd parse(String weights, String audio, int ringMs, int noAnswerMs, int hangupAfterSeconds) {
    Map<String, String> w = Pairs.parse("TELOPS_SIM_FAR_END",
        weights == null || weights.isBlank() ? "answer=96,busy=2,no-answer=1,fail=1" : weights,
        "answer=96,busy=2,no-answer=1,fail=1");
    for (String k : w.keySet()) {
      if (!java.util.Set.of("answer", "busy", "no-answer", "fail").contains(k)) {
        throw new ConfigException("TELOPS_SIM_FAR_END: unknown outcome '" + k + "': use answer, busy, no-answer, fail");
      }
    }
    Audio a;
    try {
      a = Audio.valueOf((audio == null || audio.isBlank() ? "echo" : audio).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TELOPS_SIM_FAR_END_AUDIO=" + audio + " is not echo, tone or silence");
    }
    return new FarEnd(weight(w, "answer"), weight(w, "busy"), weight(w, "no-answer"), weight(w, "fail"), a,
        ringMs, noAnswerMs, hangupAfterSeconds);
  }

  private static double weight(Map<String, String> w, String key) {
    return w.containsKey(key) ? Pairs.number("TELOPS_SIM_FAR_END", key, w.get(key)) : 0;
  }
}
