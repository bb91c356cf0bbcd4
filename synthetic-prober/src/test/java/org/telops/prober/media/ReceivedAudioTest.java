package org.telops.prober.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.prober.probe.Challenge;

class ReceivedAudioTest {
  private static final long MS = 1_000_000;

  @Test
  @DisplayName("Telnyx frames arriving swapped are put back in order, so the reply's keys are still heard right")
  void reorderedFrames() {
    List<byte[]> frames = AudioFrames.frames(AudioFrames.concat(AudioFrames.silence(100), ToneGenerator.dtmfSequence("321#", 100, 100, Challenge.DTMF_AMPLITUDE)));
    ReceivedAudio audio = new ReceivedAudio(3);
    audio.listenFrom(0);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      order.add(i);
    }
    for (int i = 5; i + 1 < order.size(); i += 4) { // swap every fourth pair, as jitter does
      order.set(i, i + 1);
      order.set(i + 1, i);
    }
    long t = 1_000 * MS;
    for (int i : order) {
      t += 20 * MS;
      audio.onFrame(t, i * 20L, i + 1, frames.get(i));
    }
    assertThat(audio.keys()).isEqualTo("321#");
    assertThat(audio.quality(null).framesMissing()).isZero();
    assertThat(audio.quality(null).reordered()).isPositive();
  }

  @Test
  @DisplayName("Swapped frames read in arrival order garble the keys, which is why Telnyx audio is reordered first")
  void withoutReorderingTheKeysSuffer() {
    List<byte[]> frames = AudioFrames.frames(ToneGenerator.dtmfSequence("88", 60, 60, Challenge.DTMF_AMPLITUDE));
    ReceivedAudio audio = new ReceivedAudio(0);
    audio.listenFrom(0);
    int[] order = {0, 3, 1, 4, 2, 5};
    long t = 0;
    for (int i : order) {
      audio.onFrame(t += 20 * MS, i * 20L, i + 1, frames.get(i));
    }
    assertThat(audio.keys()).isNotEqualTo("88");
  }

  @Test
  @DisplayName("Loss and jitter come from the chunk numbers and arrival times, and the tone echo is timed from when it was armed")
  void qualityAndEcho() {
    List<byte[]> frames = AudioFrames.frames(AudioFrames.concat(AudioFrames.silence(1000), ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, 200, Challenge.TEST_TONE_AMPLITUDE)));
    ReceivedAudio audio = new ReceivedAudio(0);
    audio.armToneEcho(900 * MS);
    for (int i = 0; i < frames.size(); i++) {
      if (i == 10 || i == 11) {
        continue; // two frames lost
      }
      long jitter = (i % 2 == 0 ? 0 : 8) * MS; // every other frame 8 ms late
      audio.onFrame(i * 20 * MS + jitter, i * 20L, i + 1, frames.get(i));
    }
    assertThat(audio.firstFrameNanos()).isZero();
    assertThat(audio.toneEchoNanos()).isEqualTo(50 * 20 * MS); // frame 50 (1000 ms) is the first tone frame
    var q = audio.quality(100.0);
    assertThat(q.framesMissing()).isEqualTo(2);
    assertThat(q.lossPercent()).isCloseTo(100.0 * 2 / 60, org.assertj.core.data.Offset.offset(0.01));
    assertThat(q.jitterMs()).isBetween(4.0, 8.0);
    assertThat(q.oneWayDelayMs()).isEqualTo(50.0);
    assertThat(q.mos()).isBetween(3.0, 4.4);
  }

  @Test
  @DisplayName("Audio before the challenge is not an answer: keys and sound count only from listenFrom")
  void listensOnlyAfterTheChallenge() {
    List<byte[]> frames = AudioFrames.frames(AudioFrames.concat(ToneGenerator.dtmfSequence("1", 100, 100, Challenge.DTMF_AMPLITUDE), AudioFrames.silence(400)));
    ReceivedAudio audio = new ReceivedAudio(0);
    audio.listenFrom(300 * MS);
    for (int i = 0; i < frames.size(); i++) {
      audio.onFrame(i * 20 * MS, i * 20L, i + 1, frames.get(i));
    }
    assertThat(audio.keys()).isEmpty();
    assertThat(audio.audibleBlocks()).isZero();
    assertThat(audio.frames()).isEqualTo(frames.size());
  }

  @Test
  @DisplayName("Sound counts in 20 ms blocks: 100 ms of test tone between stretches of μ-law silence is five audible blocks")
  void audibleBlocks() {
    List<byte[]> frames = AudioFrames.frames(AudioFrames.concat(AudioFrames.silence(200),
        ToneGenerator.tone(ToneDetector.TEST_TONE_HZ, 100, Challenge.TEST_TONE_AMPLITUDE), AudioFrames.silence(200)));
    ReceivedAudio audio = new ReceivedAudio(0);
    audio.listenFrom(0);
    for (int i = 0; i < frames.size(); i++) {
      audio.onFrame(i * 20 * MS, i * 20L, i + 1, frames.get(i));
    }
    assertThat(audio.audibleBlocks()).isEqualTo(5);
    assertThat(audio.keys()).isEmpty();
  }
}
