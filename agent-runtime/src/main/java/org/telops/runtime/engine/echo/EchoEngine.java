package org.telops.runtime.engine.echo;

import org.telops.audio.MuLaw;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.Utterance;

/**
 * Sends every inbound frame straight back: an echo test line for operators ("do I hear myself?") and
 * the load bench's engine, since each echoed frame times the whole runtime path (decode, VAD, DTMF,
 * statistics, engine, encode, send). Never interrupted, never hangs up.
 */
public final class EchoEngine implements ConversationEngine {
  public static final String NAME = "echo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EngineSession open(CallInfo call, EngineOutput output) {
    return new EngineSession() {
      private Utterance loop;
      private byte[] ulaw = new byte[160];

      @Override
      public boolean interruptible() {
        return false;
      }

      @Override
      public void onStart() {
        loop = output.say("echo");
      }

      @Override
      public void onAudio(short[] pcm, int sampleRateHz) {
        if (ulaw.length != pcm.length) {
          ulaw = new byte[pcm.length];
        }
        for (int i = 0; i < pcm.length; i++) {
          ulaw[i] = MuLaw.encode(pcm[i]);
        }
        loop.append(ulaw); // append copies

      }
    };
  }
}
