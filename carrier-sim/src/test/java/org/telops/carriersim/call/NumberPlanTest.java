package org.telops.carriersim.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumberPlanTest {
  @Test
  @DisplayName("Numbers under the hosted prefix or in the explicit list are ours; others reach the far end")
  void hosted() {
    NumberPlan plan = NumberPlan.parse("+1555", "+442071838750=telnyx|https://agent.example/hook", null, "us-east");
    assertThat(plan.lookup("+15550100")).contains(new NumberPlan.Hosted(null, null));
    assertThat(plan.lookup("+442071838750")).contains(new NumberPlan.Hosted("telnyx", "https://agent.example/hook"));
    assertThat(plan.lookup("+12025550100")).isEmpty();
  }

  @Test
  @DisplayName("A caller's region comes from the longest matching prefix, else the default")
  void regions() {
    NumberPlan plan = NumberPlan.parse("+1555", null, null, "us-east");
    assertThat(plan.regionOf("+15550020001")).isEqualTo("eu-west");
    assertThat(plan.regionOf("+15550030001")).isEqualTo("ap-south");
    assertThat(plan.regionOf("+12025550100")).isEqualTo("us-east");
    assertThat(plan.regionOf("+919812345678")).isEqualTo("ap-south");
    assertThat(plan.regionOf("+61212345678")).isEqualTo("us-east");
  }

  @Test
  @DisplayName("An unknown carrier in TELOPS_SIM_NUMBERS is refused with the entry named")
  void badCarrier() {
    assertThatThrownBy(() -> NumberPlan.parse("+1555", "+15550100=vonage", null, "us-east"))
        .hasMessageContaining("+15550100=vonage").hasMessageContaining("twilio or telnyx");
  }

  @Test
  @DisplayName("The far end's outcomes follow their weights")
  void farEndWeights() {
    FarEnd f = FarEnd.parse("answer=70,busy=20,no-answer=10", "tone", 0, 0, 0);
    SplittableRandom r = new SplittableRandom(4);
    int[] counts = new int[4];
    for (int i = 0; i < 100_000; i++) {
      counts[f.pick(r).ordinal()]++;
    }
    assertThat(counts[0]).isBetween(69_000, 71_000);
    assertThat(counts[1]).isBetween(19_000, 21_000);
    assertThat(counts[2]).isBetween(9_000, 11_000);
    assertThat(counts[3]).isZero();
    assertThat(f.audio()).isEqualTo(FarEnd.Audio.TONE);
    assertThat(FarEnd.Outcome.parse("no_answer")).isEqualTo(FarEnd.Outcome.NO_ANSWER);
  }
}
