package org.telops.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

class RuntimeRowJsonTest {
  @Test
  @DisplayName("A quality sample, a turn and a call event read back from their spool form equal to what was written, nulls included")
  void roundTrip() {
    QualitySample s = new QualitySample("CA1", Instant.parse("2026-12-05T03:00:10.123Z"), "demo", "twilio", "us-east",
        4.31, 2.5, 0.1, 500, 2, 1, 40.0, null);
    QualitySample s2 = new QualitySample("CA1", Instant.parse("2026-12-05T03:00:20Z"), null, "twilio", "us-east",
        4.0, 0.0, 0.0, 0, 0, 0, 0.0, 120.5);
    TurnRecord t = new TurnRecord("CA1", 2, Instant.parse("2026-12-05T03:00:05Z"), "demo", "twilio", "us-east", "scripted",
        600, null, null, null, 640, true, "speech");
    assertThat(RuntimeRowJson.decode(RuntimeRowJson.encode(s))).isEqualTo(s);
    assertThat(RuntimeRowJson.decode(RuntimeRowJson.encode(s2))).isEqualTo(s2);
    assertThat(RuntimeRowJson.decode(RuntimeRowJson.encode(t))).isEqualTo(t);
    org.telops.runtime.quality.CallEventRecord e = new org.telops.runtime.quality.CallEventRecord("CA1",
        Instant.parse("2026-12-05T03:00:07.250Z"), 3, "barge-in", "caller spoke over \"greeting\" after 800 ms played; clear sent");
    assertThat(RuntimeRowJson.decode(RuntimeRowJson.encode(e))).isEqualTo(e);
  }
}
