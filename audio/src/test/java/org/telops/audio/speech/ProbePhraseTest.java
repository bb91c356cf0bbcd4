package org.telops.audio.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProbePhraseTest {

  @Test
  @DisplayName("Phrases vary per probe and always have the grammar's shape")
  void randomPhrases() {
    SplittableRandom rnd = new SplittableRandom(7);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      ProbePhrase p = ProbePhrase.random(rnd);
      assertThat(p.words()).hasSize(4);
      assertThat(ProbePhrase.COLOURS).contains(p.words().get(0));
      assertThat(ProbePhrase.ANIMALS).contains(p.words().get(1));
      assertThat(ProbePhrase.NUMBERS).contains(p.words().get(2), p.words().get(3));
      seen.add(p.text());
    }
    assertThat(seen.size()).as("200 probes, 10,000 possible phrases").isGreaterThan(180);
    assertThat(ProbePhrase.jsgf()).contains("public <probe> = <colour> <animal> <number> <number>;").contains("golden");
  }

  @Test
  @DisplayName("A transcript goes back as two DTMF digits a word and decodes to the same words")
  void codes() {
    assertThat(ProbePhrase.encode("red tiger ten four")).isEqualTo("00102523#");
    assertThat(ProbePhrase.decode("00102523#")).containsExactly("red", "tiger", "ten", "four");
    assertThat(ProbePhrase.encode("")).isEqualTo("#");
    assertThat(ProbePhrase.decode("#")).isEmpty();
    assertThat(ProbePhrase.encode("Red hello")).isEqualTo("0099#");
    assertThat(ProbePhrase.decode("0099#")).containsExactly("red", "unknown");
    assertThat(ProbePhrase.decode("00102")).as("a reply cut off: the half word is dropped").containsExactly("red", "tiger");
    assertThat(ProbePhrase.decode(ProbePhrase.NO_TRANSCRIPT)).isNull();
  }

  @Test
  @DisplayName("Only vocabulary words make a phrase")
  void vocabularyOnly() {
    assertThatThrownBy(() -> new ProbePhrase(List.of("red", "unicorn"))).hasMessageContaining("unicorn");
    assertThatThrownBy(() -> new ProbePhrase(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
