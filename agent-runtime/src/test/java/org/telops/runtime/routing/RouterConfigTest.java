package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.ConfigException;

@DisplayName("Router configuration from the environment")
class RouterConfigTest {

  @Test
  @DisplayName("Defaults: twilio then telnyx, 3 s timeout, open after 3 failures, 30 calls/s, the carriers' real APIs")
  void defaults() {
    RouterConfig c = RouterConfig.fromEnv(Map.of());
    assertThat(c.carriers()).containsExactly("twilio", "telnyx");
    assertThat(c.timeoutMs()).isEqualTo(3_000);
    assertThat(c.maxFailures()).isEqualTo(3);
    assertThat(c.callsPerSecond()).isEqualTo(30);
    assertThat(c.twilioApiBaseUrl()).isEqualTo("https://api.twilio.com");
    assertThat(c.telnyxApiBaseUrl()).isEqualTo("https://api.telnyx.com");
  }

  @Test
  @DisplayName("Carrier order follows TELOPS_CARRIERS; unknown or repeated carriers stop start-up with the fix")
  void carriers() {
    assertThat(RouterConfig.fromEnv(Map.of("TELOPS_CARRIERS", " Telnyx , twilio ")).carriers()).containsExactly("telnyx", "twilio");
    assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("TELOPS_CARRIERS", "twilio,vonage"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown carrier 'vonage'");
    assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("TELOPS_CARRIERS", "twilio,twilio"))).hasMessageContaining("twice");
    assertThatThrownBy(() -> RouterConfig.fromEnv(Map.of("TELOPS_TWILIO_API_BASE_URL", "api.twilio.com")))
        .hasMessageContaining("TELOPS_TWILIO_API_BASE_URL=api.twilio.com is not an http(s) URL");
    assertThat(RouterConfig.fromEnv(Map.of("TELOPS_TWILIO_API_BASE_URL", "http://127.0.0.1:9/sim/twilio/")).twilioApiBaseUrl())
        .isEqualTo("http://127.0.0.1:9/sim/twilio");
  }
}
