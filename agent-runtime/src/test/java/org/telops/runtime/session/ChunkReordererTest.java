package org.telops.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChunkReordererTest {
  static InboundFrame.Media f(long chunk) {
    return new InboundFrame.Media(true, chunk, chunk * 20, new byte[0]);
  }

  @Test
  @DisplayName("Swapped frames come out in chunk order")
  void reorders() {
    ChunkReorderer r = new ChunkReorderer(5);
    List<Long> out = new ArrayList<>();
    for (long c : new long[] {1, 3, 2, 5, 4, 6}) {
      r.offer(f(c), m -> out.add(m.chunk()));
    }
    assertThat(out).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(r.late()).isZero();
    assertThat(r.skipped()).isZero();
  }

  @Test
  @DisplayName("A frame that never comes is given up once the window overflows, and a latecomer after that is dropped")
  void givesUp() {
    ChunkReorderer r = new ChunkReorderer(2);
    List<Long> out = new ArrayList<>();
    for (long c : new long[] {1, 3, 4, 5, 2, 6}) {
      r.offer(f(c), m -> out.add(m.chunk()));
    }
    assertThat(out).containsExactly(1L, 3L, 4L, 5L, 6L);
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.late()).isEqualTo(1);
  }

  @Test
  @DisplayName("Duplicates are dropped")
  void duplicates() {
    ChunkReorderer r = new ChunkReorderer(3);
    List<Long> out = new ArrayList<>();
    for (long c : new long[] {1, 2, 2, 4, 4, 3}) {
      r.offer(f(c), m -> out.add(m.chunk()));
    }
    assertThat(out).containsExactly(1L, 2L, 3L, 4L);
    assertThat(r.late()).isEqualTo(2);
  }
}
