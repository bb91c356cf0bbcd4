package org.telops.runtime.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.MuLaw;
import org.telops.audio.Resampler;
import org.telops.runtime.engine.scripted.FlowLoader;
import org.telops.runtime.engine.scripted.PromptLibrary;

/** Needs Debian pocketsphinx, pocketsphinx-en-us, espeak-ng and sox (.ci/run installs them). */
class PocketsphinxSttTest {
  static final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  static short[] telephone16k(String text) throws Exception {
    short[] pcm8 = MuLaw.decode(Speech.ulaw(text));
    Resampler up = Resampler.upsampler();
    short[] out = new short[pcm8.length * 2];
    for (int i = 0; i + 160 <= pcm8.length; i += 160) {   // frame by frame, as the call session does
      short[] f = up.upsample(java.util.Arrays.copyOfRange(pcm8, i, i + 160));
      System.arraycopy(f, 0, out, i * 2, f.length);
    }
    return out;
  }

  @Test
  @DisplayName("Phrases spoken over the telephone path (μ-law 8 kHz, upsampled) decode word for word against the flow's grammar")
  void decodesTelephoneSpeech() throws Exception {
    var flow = FlowLoader.load(null, new PromptLibrary(null));
    String jsgf = PhraseGrammar.jsgf(PhraseGrammar.phrases(flow, PipelineSetup.phrases(null)));
    PocketsphinxStt stt = new PocketsphinxStt(jsgf, pool, 20_000);
    for (String s : List.of("what are your opening hours", "i need to speak to an agent", "goodbye")) {
      assertThat(stt.transcribe(telephone16k(s)).get()).as(s).isEqualTo(s);
    }
  }

  @Test
  @DisplayName("The 4-8 kHz noise fill adds a floor near -50 dBFS, well under speech, as the sox recipe the bench measured")
  void fillLevel() throws Exception {
    short[] pcm = telephone16k("what are your opening hours");
    short[] filled = PocketsphinxStt.fillHighBand(pcm, 1);
    double extra = 0;
    for (int i = 0; i < pcm.length; i++) {
      extra += Math.pow(filled[i] - pcm[i], 2);
    }
    double rmsDbfs = 20 * Math.log10(Math.sqrt(extra / pcm.length) / 32768);
    assertThat(rmsDbfs).as("noise floor added, dBFS").isBetween(-60.0, -45.0);
  }

  @Test
  @DisplayName("An empty grammar is refused with what to configure")
  void emptyGrammar() {
    assertThatThrownBy(() -> PhraseGrammar.jsgf(java.util.Set.of())).hasMessageContaining("TELOPS_STT_PHRASES");
  }
}
