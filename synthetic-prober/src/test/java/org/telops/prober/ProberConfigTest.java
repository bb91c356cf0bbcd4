package org.telops.prober;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

class ProberConfigTest {
  @Test
  @DisplayName("With no configuration the prober probes three regions every 30 s, streaming media to the public URL over ws")
  void defaults() {
    ProberConfig c = ProberConfig.fromEnv(Map.of(), "http://127.0.0.1:8080");
    assertThat(c.enabled()).isTrue();
    assertThat(c.regions()).hasSize(3);
    assertThat(c.intervalSeconds()).isEqualTo(30);
    assertThat(c.health().failuresToRemove()).isEqualTo(3);
    assertThat(c.mediaBaseUrl()).isEqualTo("ws://127.0.0.1:8080");
    assertThat(c.twilioApiBaseUrl()).isEqualTo("https://api.twilio.com");
    assertThat(c.rateMicrosPerMinute("twilio")).isEqualTo(14_000);
    assertThat(c.rateMicrosPerMinute("telnyx")).isEqualTo(7_000);
    assertThat(c.currency()).isEqualTo("USD");
    assertThat(c.timeouts().totalMs(c.digits(), false)).as("every pass/fail step at its limit").isLessThan(45_000);
    assertThat(c.wer()).as("probes speak a phrase and score WER by default").isTrue();
    assertThat(c.timeouts().totalMs(c.digits(), true)).as("the phrase step, after a success, adds at most 11 s")
        .isLessThanOrEqualTo(c.timeouts().totalMs(c.digits(), false) + 11_000);
    assertThat(c.describe()).containsEntry("TELOPS_PROBE_INTERVAL_SECONDS", "30");
  }

  @Test
  @DisplayName("An https public URL gives a wss media URL; rates and currency can be set")
  void overrides() {
    ProberConfig c = ProberConfig.fromEnv(Map.of("TELOPS_PROBE_RATES", "telnyx=0.0105", "TELOPS_PROBE_CURRENCY", "eur",
        "TELOPS_TWILIO_API_BASE_URL", "http://127.0.0.1:8080/sim/twilio/"), "https://ops.example.com");
    assertThat(c.mediaBaseUrl()).isEqualTo("wss://ops.example.com");
    assertThat(c.rateMicrosPerMinute("telnyx")).isEqualTo(10_500);
    assertThat(c.rateMicrosPerMinute("twilio")).isEqualTo(14_000);
    assertThat(c.currency()).isEqualTo("EUR");
    assertThat(c.twilioApiBaseUrl()).isEqualTo("http://127.0.0.1:8080/sim/twilio");
  }

  @Test
  @DisplayName("Bad values stop start-up naming the variable, the value and what to use")
  void badValues() {
    assertThatThrownBy(() -> ProberConfig.fromEnv(Map.of("TELOPS_PROBE_INTERVAL_SECONDS", "0"), "http://h"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TELOPS_PROBE_INTERVAL_SECONDS=0 is out of range");
    assertThatThrownBy(() -> ProberConfig.fromEnv(Map.of("TELOPS_PROBE_RATES", "twilio=cheap"), "http://h"))
        .hasMessageContaining("TELOPS_PROBE_RATES has twilio=cheap: use a price per minute like 0.0140");
    assertThatThrownBy(() -> ProberConfig.fromEnv(Map.of("TELOPS_PROBE_MEDIA_BASE_URL", "http://h"), "http://h"))
        .hasMessageContaining("is not a ws:// or wss:// URL");
    assertThatThrownBy(() -> ProberConfig.fromEnv(Map.of("TELOPS_PROBE_CURRENCY", "dollars"), "http://h"))
        .hasMessageContaining("not an ISO 4217 code");
  }
}
