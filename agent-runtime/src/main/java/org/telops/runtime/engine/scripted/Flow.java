package org.telops.runtime.engine.scripted;

import java.util.List;
import java.util.Map;

/**
 * A scripted conversation: states that speak prompts and move on after playback ({@code next}), or
 * wait for a digit / keyword, with {@code nomatch} and {@code timeout} branches; a state may end the
 * call by hanging up or transferring. Loaded from YAML by {@link FlowLoader}, validated whole.
 */
public record Flow(String name, String start, Map<String, State> states) {

  /**
   * @param say prompt names played in order on entry
   * @param next state entered after playback (states that do not wait for input)
   * @param dtmf digit → state
   * @param keywords state → words that select it (matched in transcripts, when an STT stage runs)
   * @param nomatch state for a digit or utterance that matched nothing
   * @param timeoutMs wait for input after the prompt, ms
   * @param timeout state entered when the wait runs out
   * @param interruptible whether caller speech/digits cut the prompts short (false for legal notices)
   * @param hangup end the call after playback
   * @param transfer transfer the call after playback (target from configuration)
   */
  public record State(String name, List<String> say, String next, Map<String, String> dtmf,
                      Map<String, List<String>> keywords, String nomatch, int timeoutMs, String timeout,
                      boolean interruptible, boolean hangup, boolean transfer) {

    public boolean waitsForInput() {
      return !dtmf.isEmpty() || !keywords.isEmpty();
    }
  }
}
