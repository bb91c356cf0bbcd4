package org.telops.prober.probe;

import java.util.random.RandomGenerator;

/**
 * What a probe sends the agent and what it must hear back (the probe-responder protocol of the agent
 * runtime): DTMF digits ending with '#', answered in-band with the same digits reversed then '#'.
 * The reply proves both directions: the agent decoded what we sent, we decoded what it sent.
 *
 * @param digits the random digits, without the terminating '#'
 */
public record Challenge(String digits) {
  /** Each DTMF digit's tone and the silence after it, ms (what the responder uses too). */
  public static final int DIGIT_TONE_MS = 160;
  public static final int DIGIT_GAP_MS = 100;
  /** The 1004 Hz test tone, ms; the responder echoes it frame by frame. */
  public static final int TONE_MS = 200;
  /** Peak of each DTMF tone (about −14 dBFS; the pair about −11 dBFS): well inside what carriers pass unclipped. */
  public static final int DTMF_AMPLITUDE = 6500;
  /** Peak of the 1004 Hz test tone (about −10 dBFS). */
  public static final int TEST_TONE_AMPLITUDE = 10000;
  /** Pause after the first audio before the challenge, ms, so the agent's session is listening. */
  public static final int SETTLE_MS = 200;

  public Challenge {
    if (digits == null || !digits.matches("[0-9]{1,16}")) {
      throw new IllegalArgumentException("challenge digits must be 1 to 16 of 0-9, got " + digits);
    }
  }

  public static Challenge random(int count, RandomGenerator random) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return new Challenge(sb.toString());
  }

  /** What goes out, '#' included. */
  public String sent() {
    return digits + "#";
  }

  /** The only right answer. */
  public String expectedReply() {
    return new StringBuilder(digits).reverse().append('#').toString();
  }

  /** Audio length of the digits we send, ms. */
  public int sentAudioMs() {
    return sent().length() * (DIGIT_TONE_MS + DIGIT_GAP_MS);
  }

  /** True once the reply is over: its '#' arrived, or it is as long as the right answer. */
  public boolean replyComplete(String heard) {
    return heard.indexOf('#') >= 0 || heard.length() >= expectedReply().length();
  }

  public boolean replyCorrect(String heard) {
    return expectedReply().equals(heard);
  }
}
