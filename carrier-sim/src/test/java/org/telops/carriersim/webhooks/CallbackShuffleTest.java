package org.telops.carriersim.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackShuffleTest {
  private static List<Integer> run(CallbackShuffle<Integer> s, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.addAll(s.next(i, i == n - 1));
    }
    out.addAll(s.flush());
    return out;
  }

  @Test
  @DisplayName("With no chaos, callbacks go out once each, in order")
  void inOrder() {
    assertThat(run(new CallbackShuffle<>(0, 0, new SplittableRandom(1)), 4)).containsExactly(0, 1, 2, 3);
  }

  @Test
  @DisplayName("Always reordering swaps each held callback with its successor and never holds the last one")
  void alwaysReorder() {
    assertThat(run(new CallbackShuffle<>(100, 0, new SplittableRandom(1)), 4)).containsExactly(1, 0, 3, 2);
    assertThat(run(new CallbackShuffle<>(100, 0, new SplittableRandom(1)), 3)).containsExactly(1, 0, 2);
  }

  @Test
  @DisplayName("Always duplicating sends every callback twice")
  void alwaysDuplicate() {
    assertThat(run(new CallbackShuffle<>(0, 100, new SplittableRandom(1)), 3)).containsExactly(0, 0, 1, 1, 2, 2);
  }

  @Test
  @DisplayName("At 10 % chaos over many legs every callback still arrives, some late, some twice")
  void someChaos() {
    int reordered = 0;
    int duplicated = 0;
    SplittableRandom r = new SplittableRandom(5);
    for (int leg = 0; leg < 1000; leg++) {
      List<Integer> out = run(new CallbackShuffle<>(10, 10, r), 4);
      assertThat(out).containsAll(List.of(0, 1, 2, 3));
      duplicated += out.size() - 4;
      for (int i = 1; i < out.size(); i++) {
        if (out.get(i) < out.get(i - 1)) {
          reordered++;
          break;
        }
      }
    }
    assertThat(reordered).isBetween(150, 400);
    assertThat(duplicated).isBetween(300, 550);
  }

  @Test
  @DisplayName("A held callback is released by flush when no successor comes")
  void flush() {
    CallbackShuffle<String> s = new CallbackShuffle<>(100, 0, new SplittableRandom(1));
    assertThat(s.next("ringing", false)).isEmpty();
    assertThat(s.holding()).isTrue();
    assertThat(s.flush()).containsExactly("ringing");
    assertThat(s.flush()).isEmpty();
  }
}
