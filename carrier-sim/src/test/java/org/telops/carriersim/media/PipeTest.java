package org.telops.carriersim.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PipeTest {
  private final List<MediaFrame> frames = new ArrayList<>();
  private final List<String> marks = new ArrayList<>();
  private final Pipe.Sink sink = new Pipe.Sink() {
    @Override
    public void frame(MediaFrame frame) {
      frames.add(frame);
    }

    @Override
    public void markPlayed(String name) {
      marks.add(name);
    }
  };

  private static Pipe clean(boolean ordered) {
    return new Pipe(new Impairment(ImpairmentProfile.CLEAN, new SplittableRandom(1)), ordered, 16_000);
  }

  private static byte[] bytes(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  @DisplayName("Audio in odd-sized chunks comes out as 160-byte frames, padded with μ-law silence when short")
  void reframes() {
    Pipe pipe = clean(true);
    pipe.offerAudio(bytes(100, 1));
    pipe.offerAudio(bytes(100, 2));
    for (int i = 0; i < 3; i++) {
      pipe.produce(i, i * 20L);
    }
    pipe.drainDue(100, sink);
    assertThat(frames).hasSize(3);
    byte[] first = frames.get(0).payload();
    assertThat(first).hasSize(160);
    assertThat(first[0]).isEqualTo((byte) 1);
    assertThat(first[99]).isEqualTo((byte) 1);
    assertThat(first[100]).isEqualTo((byte) 2);
    assertThat(frames.get(1).payload()[39]).isEqualTo((byte) 2);
    assertThat(frames.get(1).payload()[40]).isEqualTo(Pipe.SILENCE);
    assertThat(frames.get(2).payload()).containsOnly(Pipe.SILENCE);
    assertThat(frames).extracting(MediaFrame::index).containsExactly(0L, 1L, 2L);
  }

  @Test
  @DisplayName("A mark comes back only after the audio queued before it has been played")
  void marks() {
    Pipe pipe = clean(true);
    pipe.offerAudio(bytes(320, 5));
    pipe.offerMark("end-of-sentence");
    pipe.produce(0, 0);
    pipe.drainDue(0, sink);
    assertThat(marks).isEmpty();
    pipe.produce(1, 20);
    pipe.drainDue(20, sink);
    assertThat(marks).containsExactly("end-of-sentence");
  }

  @Test
  @DisplayName("Clear drops queued audio and returns the waiting marks at once")
  void clear() {
    Pipe pipe = clean(true);
    pipe.offerAudio(bytes(1600, 5));
    pipe.offerMark("a");
    pipe.offerAudio(bytes(160, 6));
    pipe.offerMark("b");
    assertThat(pipe.clear()).containsExactly("a", "b");
    assertThat(pipe.bufferedBytes()).isZero();
    pipe.produce(0, 0);
    pipe.drainDue(0, sink);
    assertThat(frames.get(0).payload()).containsOnly(Pipe.SILENCE);
  }

  @Test
  @DisplayName("Latency delays delivery; an ordered pipe never delivers a frame before an earlier one")
  void latencyAndOrder() {
    Pipe pipe = new Pipe(new Impairment(new ImpairmentProfile(100, 30, 0, 0, 100), new SplittableRandom(5)), true, 16_000);
    for (int i = 0; i < 500; i++) {
      pipe.produce(i, i * 20L);
      pipe.drainDue(i * 20L, sink);
    }
    pipe.drainDue(1_000_000, sink);
    assertThat(frames).hasSize(500);
    for (int i = 1; i < frames.size(); i++) {
      assertThat(frames.get(i).index()).isGreaterThan(frames.get(i - 1).index());
    }
    Pipe early = new Pipe(new Impairment(new ImpairmentProfile(100, 0, 0, 0, 100), new SplittableRandom(5)), true, 16_000);
    List<MediaFrame> got = new ArrayList<>();
    early.produce(0, 0);
    early.drainDue(99, new Pipe.Sink() {
      public void frame(MediaFrame f) {
        got.add(f);
      }

      public void markPlayed(String n) { }
    });
    assertThat(got).isEmpty();
    assertThat(early.nextDueMs()).isEqualTo(100);
  }

  @Test
  @DisplayName("An unordered pipe with jitter reorders some frames, as Telnyx streams may")
  void unorderedReorders() {
    Pipe pipe = new Pipe(new Impairment(new ImpairmentProfile(50, 20, 0, 0, 100), new SplittableRandom(9)), false, 16_000);
    for (int i = 0; i < 500; i++) {
      pipe.produce(i, i * 20L);
    }
    pipe.drainDue(1_000_000, sink);
    long inversions = 0;
    for (int i = 1; i < frames.size(); i++) {
      if (frames.get(i).index() < frames.get(i - 1).index()) {
        inversions++;
      }
    }
    assertThat(frames).hasSize(500);
    assertThat(inversions).isPositive();
  }

  @Test
  @DisplayName("Muted (one-way audio) frames still flow but carry only silence")
  void muted() {
    Pipe pipe = clean(true);
    pipe.offerAudio(bytes(160, 7));
    pipe.setMuted(true);
    pipe.produce(0, 0);
    pipe.drainDue(0, sink);
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).payload()).containsOnly(Pipe.SILENCE);
  }

  @Test
  @DisplayName("Lost frames are counted and never delivered, leaving gaps in the frame indexes")
  void loss() {
    Pipe pipe = new Pipe(new Impairment(new ImpairmentProfile(0, 0, 50, 0, 100), new SplittableRandom(2)), true, 16_000);
    for (int i = 0; i < 1000; i++) {
      pipe.produce(i, i * 20L);
    }
    pipe.drainDue(Long.MAX_VALUE - 1, sink);
    assertThat(pipe.framesProduced()).isEqualTo(1000);
    assertThat(frames.size() + pipe.framesLost()).isEqualTo(1000);
    assertThat(pipe.framesLost()).isBetween(400L, 600L);
  }

  @Test
  @DisplayName("Audio beyond the buffer limit drops the oldest bytes, so a runaway sender cannot grow memory")
  void overflow() {
    Pipe pipe = new Pipe(new Impairment(ImpairmentProfile.CLEAN, new SplittableRandom(1)), true, 480);
    for (int i = 0; i < 10; i++) {
      pipe.offerAudio(bytes(160, i));
    }
    assertThat(pipe.bufferedBytes()).isLessThanOrEqualTo(480);
    assertThat(pipe.bytesOverflowed()).isEqualTo(1120);
    pipe.produce(0, 0);
    pipe.drainDue(0, sink);
    assertThat(frames.get(0).payload()[0]).isEqualTo((byte) 7);
  }
}
