package org.telops.prober.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Probes that speak: the prober speaks a random phrase with espeak-ng through carrier-sim to the real agent runtime,
 * whose probe responder transcribes it with pocketsphinx and sends the transcript back as DTMF; the probe stores the
 * WER. Two regions: us-east on a clean path, "lossy" with 12 % random packet loss each way. (The wer-high rule, which
 * compares a region's WER with its own baseline, is tested on seeded probes in quality-analyzer's TriageAndApiIT.)
 * Needs Debian's espeak-ng, sox, pocketsphinx and pocketsphinx-en-us (.ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProbeWerIT {
  ProberBed bed;

  @BeforeAll
  void start() throws Exception {
    bed = new ProberBed(Map.of(
        "TELOPS_PROBE_REGIONS", "us-east:twilio:+15550010001:+15550100;lossy:twilio:+15550020001:+15550100:lossy",
        "TELOPS_SIM_IMPAIRMENTS", "us-east=0/0/0,lossy=20/2/12",
        "TELOPS_PROBE_INTERVAL_SECONDS", "12",
        "TELOPS_PROBE_DIGITS", "2",
        "TELOPS_PROBE_FAILURES_TO_REMOVE", "100"));
  }

  @AfterAll
  void stop() throws Exception {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  @DisplayName("Every successful probe scores the agent's transcript of its spoken phrase, on a clean and on a lossy path")
  void werPerProbe() throws Exception {
    ProberBed.until("three scored probes in each region", Duration.ofSeconds(120), ProberBed.check(() -> bed.rows(
        "SELECT region FROM probe_results WHERE wer IS NOT NULL GROUP BY region HAVING count(*) >= 3").size() == 2));
    List<Map<String, Object>> probes = bed.rows("SELECT region, outcome, phrase_sent, phrase_heard, wer, loss_percent, "
        + "digits_received FROM probe_results ORDER BY probed_at");
    probes.forEach(p -> System.out.println("probe WER: " + p));
    for (Map<String, Object> p : probes) {
      if ("success".equals(p.get("outcome")) && p.get("wer") != null) {
        assertThat((String) p.get("phrase_sent")).matches("[a-z]+ [a-z]+ [a-z]+ [a-z]+");
        assertThat(p.get("phrase_heard")).as("the transcript came back").isNotNull();
        assertThat((Double) p.get("wer")).isBetween(0.0, 2.0);
      }
    }
    Map<String, Object> means = bed.rows("SELECT avg(wer) FILTER (WHERE region = 'us-east') AS clean, "
        + "avg(wer) FILTER (WHERE region = 'lossy') AS lossy, count(*) FILTER (WHERE wer IS NOT NULL) AS scored, "
        + "count(*) FILTER (WHERE outcome = 'success' AND wer IS NULL AND region = 'us-east') AS unscored FROM probe_results").get(0);
    System.out.println("probe WER: mean per path " + means);
    double clean = (Double) means.get("clean");
    // At most one word in four wrong over the clean path's probes (the mean of 3–4 four-word phrases moves in steps of
    // a word: CI has seen 0.25 with one probe misheard, 0.167 with "purple" heard as "blue" twice). A recogniser that
    // does not work scores near 1.0 on every probe and fails this.
    List<Double> cleanWers = probes.stream().filter(p -> "us-east".equals(p.get("region")) && p.get("wer") != null)
        .map(p -> (Double) p.get("wer")).toList();
    assertThat(clean).as("the offline recogniser on a clean telephone path, probe grammar: WER per probe " + cleanWers)
        .isLessThanOrEqualTo(0.25);

    JsonObject api = bed.getJson(bed.proberBase, "/api/v1/probes?region=us-east");
    JsonObject scored = api.getJsonArray("probes").stream().map(JsonObject.class::cast)
        .filter(p -> p.getValue("wer") != null).findFirst().orElseThrow();
    assertThat(scored.getString("phrase")).isNotBlank();
    assertThat(scored.getString("transcript")).isNotNull();

    // The lossy path is a measurement, not a pass/fail: with the closed grammar pocketsphinx still decodes most speech
    // that lost 12 % of its frames (0–8 % WER in the runs so far), while at 25 % the probes' DTMF steps fail first.
    System.out.printf("probe WER: clean path %.1f %%, 12 %% loss each way %.1f %%%n", 100 * clean,
        100 * ((Number) means.get("lossy")).doubleValue());
    assertThat(((Number) means.get("unscored")).longValue()).as("every successful clean-path probe came back with a transcript")
        .isZero();
  }
}
