package org.telops.carriersim.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImpairmentTest {
  private static final int FRAMES = 200_000;

  @Test
  @DisplayName("Random loss over 200,000 frames lands within 0.2 points of the configured 2 %")
  void randomLoss() {
    Impairment i = new Impairment(new ImpairmentProfile(0, 0, 2.0, 0, 100), new SplittableRandom(1));
    for (int n = 0; n < FRAMES; n++) {
      i.nextLost();
    }
    assertThat(100.0 * i.framesLost() / i.framesSeen()).isCloseTo(2.0, within(0.2));
  }

  @Test
  @DisplayName("Gilbert–Elliott loss matches p/(p+r) and comes in bursts of mean length 100/r frames")
  void burstLoss() {
    ImpairmentProfile p = new ImpairmentProfile(0, 0, 0, 1.0, 25.0); // stationary bad share 1/26 = 3.85 %
    Impairment i = new Impairment(p, new SplittableRandom(7));
    int bursts = 0;
    boolean previous = false;
    for (int n = 0; n < FRAMES; n++) {
      boolean lost = i.nextLost();
      if (lost && !previous) {
        bursts++;
      }
      previous = lost;
    }
    double lossPercent = 100.0 * i.framesLost() / FRAMES;
    assertThat(p.expectedLossPercent()).isCloseTo(100.0 / 26, within(1e-9));
    assertThat(lossPercent).isCloseTo(p.expectedLossPercent(), within(0.5));
    assertThat((double) i.framesLost() / bursts).isCloseTo(4.0, within(0.4));
  }

  @Test
  @DisplayName("A clean profile loses nothing and adds no delay")
  void clean() {
    Impairment i = new Impairment(ImpairmentProfile.CLEAN, new SplittableRandom(3));
    for (int n = 0; n < 10_000; n++) {
      assertThat(i.nextLost()).isFalse();
      assertThat(i.nextDelayMs()).isZero();
    }
  }

  @Test
  @DisplayName("Delays stay within latency … latency + 3·jitter and their consecutive differences average the jitter")
  void jitter() {
    Impairment i = new Impairment(new ImpairmentProfile(100, 10, 0, 0, 100), new SplittableRandom(11));
    long previous = i.nextDelayMs();
    double sumAbsDiff = 0;
    for (int n = 1; n < FRAMES; n++) {
      long d = i.nextDelayMs();
      assertThat(d).isBetween(100L, 130L);
      sumAbsDiff += Math.abs(d - previous);
      previous = d;
    }
    assertThat(sumAbsDiff / (FRAMES - 1)).isCloseTo(10.0, within(0.3));
  }

  @Test
  @DisplayName("A bad state that can never be left is refused with the field named")
  void invalidProfile() {
    assertThatThrownBy(() -> new ImpairmentProfile(0, 0, 0, 5, 0)).hasMessageContaining("burstExitPercent");
    assertThatThrownBy(() -> new ImpairmentProfile(-1, 0, 0, 0, 100)).hasMessageContaining("latencyMs");
  }

  @Test
  @DisplayName("TELOPS_SIM_IMPAIRMENTS replaces the listed regions and keeps the other defaults")
  void parse() {
    var m = ImpairmentProfile.parse("TELOPS_SIM_IMPAIRMENTS", "eu-west=90/6/0.3,lab=0/0/10/2/50");
    assertThat(m.get("eu-west")).isEqualTo(new ImpairmentProfile(90, 6, 0.3, 0, 100));
    assertThat(m.get("lab")).isEqualTo(new ImpairmentProfile(0, 0, 10, 2, 50));
    assertThat(m.get("us-east")).isEqualTo(ImpairmentProfile.CLEAN);
    assertThat(m.get("ap-south").latencyMs()).isGreaterThan(m.get("eu-west").latencyMs() - 1);
    assertThatThrownBy(() -> ImpairmentProfile.parse("TELOPS_SIM_IMPAIRMENTS", "x=1/2"))
        .hasMessageContaining("x=1/2").hasMessageContaining("latencyMs/jitterMs/lossPercent");
  }
}
