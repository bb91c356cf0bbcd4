package org.telops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

class RuntimeConfigTest {

  @Test
  @DisplayName("Defaults: scripted engine, 300 ms end-of-speech silence, 10 s samples, 30 s drain, secrets masked")
  void defaults() {
    RuntimeConfig c = RuntimeConfig.fromEnv(Map.of("TELOPS_TELNYX_STREAM_TOKEN", "supersecret-token-1234"));
    assertThat(c.defaultEngine()).isEqualTo("scripted");
    assertThat(c.session().silenceMs()).isEqualTo(300);
    assertThat(c.qualitySampleSeconds()).isEqualTo(10);
    assertThat(c.drainTimeoutSeconds()).isEqualTo(30);
    assertThat(c.maxFrameBytes()).isEqualTo(65536);
    assertThat(c.describe().get("TELOPS_TELNYX_STREAM_TOKEN")).isEqualTo("****1234");
  }

  @Test
  @DisplayName("Bad values stop start-up naming the variable, the value and what to write")
  void badValues() {
    assertThatThrownBy(() -> RuntimeConfig.fromEnv(Map.of("TELOPS_AGENT_ENGINE_BY_NUMBER", "+1555")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("number=engine");
    assertThatThrownBy(() -> RuntimeConfig.fromEnv(Map.of("TELOPS_VAD_SILENCE_MS", "5")))
        .hasMessageContaining("TELOPS_VAD_SILENCE_MS=5");
    assertThatThrownBy(() -> RuntimeConfig.fromEnv(Map.of("TELOPS_RUNTIME_REGION", "EU West")))
        .hasMessageContaining("TELOPS_RUNTIME_REGION");
    assertThat(RuntimeConfig.fromEnv(Map.of("TELOPS_AGENT_ENGINE_BY_NUMBER", "+15550100=Probe-Responder, +15550101=echo"))
        .engineByNumber()).containsEntry("+15550100", "probe-responder").containsEntry("+15550101", "echo");
  }
}
