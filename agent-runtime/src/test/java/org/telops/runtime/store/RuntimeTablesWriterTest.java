package org.telops.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RuntimeTablesWriterTest {
  @Test
  @DisplayName("Rows beyond a full queue are dropped, counted in telops_runtime_rows_dropped, and reported with their count")
  void dropsAreCountedAndReported() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RuntimeTablesWriter w = new RuntimeTablesWriter(null, 2, meters); // not started: nothing leaves the queue
    for (int i = 0; i < 5; i++) {
      w.offer("row-" + i);
    }
    assertThat(meters.counter("telops_runtime_rows_dropped").count()).isEqualTo(3.0);
    assertThat(w.droppedUnreported()).isEqualTo(3);
    w.reportDrops(); // the first report is due at once
    assertThat(w.droppedUnreported()).isZero();
    w.offer("row-5");
    w.reportDrops(); // within the minute: kept for the next report
    assertThat(w.droppedUnreported()).isEqualTo(1);
  }
}
