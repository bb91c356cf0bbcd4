package org.telops.carriersim.call;

/**
 * One step of an application's instructions for a leg that has no media stream (TwiML / TeXML verbs the sim runs):
 * play a URL, record the caller, fetch new instructions, wait, hang up or dial.
 */
public sealed interface AppVerb {

  /** {@code <Play>url</Play>}: a WAV file (PCM 16-bit or μ-law, 8 kHz mono), {@code loop} times. */
  record Play(String url, int loop) implements AppVerb {}

  /**
   * {@code <Record>}: records what the caller says until {@code timeoutSeconds} of silence, {@code maxLengthSeconds},
   * or a key in {@code finishOnKey}; then requests {@code action} with RecordingUrl, RecordingDuration, RecordingSid
   * and Digits. With nothing recorded the action is not requested and the next verb runs (as Twilio does).
   */
  record Record(String action, int timeoutSeconds, int maxLengthSeconds, String finishOnKey, boolean playBeep)
      implements AppVerb {}

  /** {@code <Redirect>url</Redirect>}: new instructions from {@code url}. */
  record Redirect(String url) implements AppVerb {}

  /** {@code <Pause length>}, and {@code <Say>} (the sim has no text-to-speech: a second of silence per 15 characters). */
  record Pause(int seconds) implements AppVerb {}

  record Hangup() implements AppVerb {}

  /** {@code <Dial>}: the sim does not bridge a transfer; the leg ends, completed. */
  record Dial(String target) implements AppVerb {}
}
