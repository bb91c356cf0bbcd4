package org.telops.runtime.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The drill verdict")
class DrillJudgeTest {
  private final DrillDefinition.Criteria c = DrillDefinition.Criteria.DEFAULT;

  @Test
  @DisplayName("Failover within 3 s, nothing dropped, MOS 4.3 and 100 % connected pass")
  void passes() {
    DrillJudge.Verdict v = DrillJudge.judge(c, new DrillJudge.Measurements("twilio", true, "down", 412L, "telnyx", 2, 0,
        List.of(4.3, 4.31), 20, 20, null));
    assertThat(v.status()).isEqualTo("passed");
    assertThat(v.criteria()).extracting(DrillJudge.CriterionResult::status).containsOnly("passed");
    assertThat(v.summary()).contains("failover passed (412 ms to telnyx; wanted ≤ 3000 ms)");
  }

  @Test
  @DisplayName("A slow failover, a dropped call, a low MOS or too many failures each fail the drill")
  void fails() {
    DrillJudge.Verdict v = DrillJudge.judge(c, new DrillJudge.Measurements("twilio", true, "slow-api:5000", 3_400L, "telnyx",
        2, 1, List.of(3.5), 20, 18, null));
    assertThat(v.status()).isEqualTo("failed");
    assertThat(v.criteria()).extracting(DrillJudge.CriterionResult::status).containsExactly("failed", "failed", "failed", "failed");
    assertThat(v.criteria().get(3).actual()).isEqualTo("90.0 % (18 of 20 connected)");
  }

  @Test
  @DisplayName("Unmeasured MOS does not fail the drill but says so; an abort wins over everything")
  void unmeasuredAndAborted() {
    DrillJudge.Verdict v = DrillJudge.judge(c, new DrillJudge.Measurements("twilio", true, "down", 100L, "telnyx", 2, 0,
        List.of(), 10, 10, null));
    assertThat(v.status()).isEqualTo("passed");
    assertThat(v.summary()).contains("secondaryMos unmeasured");
    DrillJudge.Verdict a = DrillJudge.judge(c, new DrillJudge.Measurements("twilio", true, "down", 100L, "telnyx", 2, 0,
        List.of(), 10, 10, "guard: telnyx circuit OPEN"));
    assertThat(a.status()).isEqualTo("aborted");
    assertThat(a.summary()).startsWith("aborted (guard: telnyx circuit OPEN)");
    DrillJudge.Verdict media = DrillJudge.judge(c, new DrillJudge.Measurements("twilio", false, "one-way-audio:caller-to-agent",
        null, null, 2, 0, List.of(), 10, 10, null));
    assertThat(media.criteria().get(0).status()).isEqualTo("not-applicable");
    assertThat(media.status()).isEqualTo("passed");
  }
}
