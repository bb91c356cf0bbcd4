package org.telops.runtime.engine.scripted;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Interruption;
import org.telops.runtime.engine.Scheduler;

/**
 * The offline default engine: walks a {@link Flow} with pre-rendered prompts. Digits choose menu
 * branches (typed ahead during a prompt that cannot be interrupted, they apply when the menu starts);
 * keywords choose branches when an STT stage delivers transcripts. Without STT
 * ({@code transcriptsExpected} false) an utterance in a menu is a no-match, which re-prompts.
 */
public final class ScriptedEngine implements ConversationEngine {
  public static final String NAME = "scripted";

  private final Flow flow;
  private final PromptLibrary prompts;
  private final String transferTarget;
  private final boolean transcriptsExpected;

  /** @param transferTarget number or SIP URI for "transfer" states; null = say the transfer prompt, then hang up */
  public ScriptedEngine(Flow flow, PromptLibrary prompts, String transferTarget, boolean transcriptsExpected) {
    this.flow = flow;
    this.prompts = prompts;
    this.transferTarget = transferTarget;
    this.transcriptsExpected = transcriptsExpected;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new Session(output);
  }

  private final class Session implements EngineSession {
    private final EngineOutput output;
    private Flow.State state;
    private String utteranceId;
    private Scheduler.Cancellable timer;
    private Character typedAhead;
    private boolean done;

    Session(EngineOutput output) {
      this.output = output;
    }

    @Override
    public boolean interruptible() {
      return state != null && state.interruptible();
    }

    @Override
    public void onStart() {
      enter(flow.start());
    }

    private void enter(String name) {
      cancelTimer();
      state = flow.states().get(name);
      utteranceId = null;
      if (state.waitsForInput() && typedAhead != null) {
        char d = typedAhead;
        typedAhead = null;
        onDtmf(d);
        return;
      }
      if (state.say().isEmpty()) {
        afterPlayback();
        return;
      }
      ByteArrayOutputStream audio = new ByteArrayOutputStream();
      for (String p : state.say()) {
        audio.writeBytes(prompts.get(p));
      }
      utteranceId = output.play(state.name(), audio.toByteArray());
    }

    private void afterPlayback() {
      utteranceId = null;
      if (state.hangup()) {
        done = true;
        output.hangup("flow " + flow.name() + " state " + state.name());
      } else if (state.transfer()) {
        done = true;
        if (transferTarget != null) {
          output.transfer(transferTarget, "flow " + flow.name() + " state " + state.name());
        } else {
          output.hangup("transfer requested in state " + state.name() + " but TELOPS_AGENT_TRANSFER_TO is not set");
        }
      } else if (state.waitsForInput()) {
        if (state.timeout() != null) {
          String target = state.timeout();
          timer = output.scheduler().schedule(state.timeoutMs(), () -> enter(target));
        }
      } else {
        enter(state.next());
      }
    }

    @Override
    public void onPlaybackFinished(String id) {
      if (!done && id.equals(utteranceId)) {
        afterPlayback();
      }
    }

    @Override
    public void onInterrupted(Interruption i) {
      if (!done && i.utteranceId().equals(utteranceId) && "stream-drop".equals(i.cause())) {
        enter(state.name()); // the stream dropped under it: say it again (on the restarted stream or the record path)
        return;
      }
      if (!done && i.utteranceId().equals(utteranceId)) {
        // The caller cut in: a menu now waits for their choice; anything else moves on as if heard.
        afterPlayback();
      }
    }

    @Override
    public void onDtmf(char digit) {
      if (done) {
        return;
      }
      if (!state.waitsForInput()) {
        typedAhead = digit;
        return;
      }
      String target = state.dtmf().get(String.valueOf(digit));
      if (target != null) {
        enter(target);
      } else if (state.nomatch() != null) {
        enter(state.nomatch());
      }
    }

    @Override
    public void onSpeechEnded(long speechMs) {
      if (!done && !transcriptsExpected && state.waitsForInput() && state.nomatch() != null) {
        enter(state.nomatch());
      }
    }

    @Override
    public void onTranscript(String text, boolean isFinal) {
      if (done || !isFinal || !state.waitsForInput() || text == null) {
        return;
      }
      String said = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
      for (Map.Entry<String, List<String>> e : state.keywords().entrySet()) {
        for (String word : e.getValue()) {
          if (said.contains(" " + word + " ")) {
            enter(e.getKey());
            return;
          }
        }
      }
      if (state.nomatch() != null) {
        enter(state.nomatch());
      }
    }

    @Override
    public void onStop() {
      done = true;
      cancelTimer();
    }

    private void cancelTimer() {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }
  }
}
