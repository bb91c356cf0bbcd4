package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.signatures.telnyx.TelnyxSignatures;

class LocalCarrierTest {

  private static TelopsModule module(String role) {
    return new TelopsModule() {
      @Override
      public String role() {
        return role;
      }

      @Override
      public Future<Void> start(ModuleContext context) {
        return Future.succeededFuture();
      }
    };
  }

  private static PlatformConfig config(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("TELOPS_HTTP_PORT", "8123"));
    env.putAll(extra);
    return PlatformConfig.fromEnv(env);
  }

  @Test
  @DisplayName("With the simulator in the process and nothing configured, every carrier setting is filled in, and the Telnyx key pair signs and verifies.")
  void fillsInDevelopmentCredentials() throws Exception {
    PlatformConfig c = LocalCarrier.configure(config(Map.of()), List.of(module("carrier-sim"), module("agent-runtime")));

    Map<String, String> env = c.environment();
    assertThat(env.get("TELOPS_TWILIO_ACCOUNT_SID")).matches("AC[0-9a-f]{32}");
    assertThat(c.carriers().twilioAuthToken()).matches("[0-9a-f]{32}");
    assertThat(env.get("TELOPS_TWILIO_API_BASE_URL")).isEqualTo("http://127.0.0.1:8123/sim/twilio");
    assertThat(env.get("TELOPS_TELNYX_API_BASE_URL")).isEqualTo("http://127.0.0.1:8123/sim/telnyx");
    assertThat(c.carriers().telnyxApiKey()).startsWith("KEY");
    assertThat(env.get("TELOPS_TELNYX_CONNECTION_ID")).isEqualTo(LocalCarrier.SIM_CONNECTION_ID);
    PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(env.get("TELOPS_SIM_TELNYX_PRIVATE_KEY"))));
    byte[] body = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    String ts = String.valueOf(Instant.now().getEpochSecond());
    TelnyxSignatures verifier = new TelnyxSignatures(c.carriers().telnyxPublicKey(), 300);
    assertThat(verifier.verify(ts, TelnyxSignatures.sign(key, ts, body), body, Instant.now()).valid()).isTrue();
  }

  @Test
  @DisplayName("What the operator configured is kept, and without the simulator nothing is added at all.")
  void keepsOperatorSettings() {
    Map<String, String> given = Map.of("TELOPS_TWILIO_AUTH_TOKEN", "operator-token",
        "TELOPS_TWILIO_API_BASE_URL", "https://api.twilio.com");
    PlatformConfig c = LocalCarrier.configure(config(given), List.of(module("carrier-sim")));
    assertThat(c.carriers().twilioAuthToken()).isEqualTo("operator-token");
    assertThat(c.environment().get("TELOPS_TWILIO_API_BASE_URL")).isEqualTo("https://api.twilio.com");
    assertThat(c.environment()).containsKey("TELOPS_TELNYX_PUBLIC_KEY");

    PlatformConfig none = config(Map.of());
    assertThat(LocalCarrier.configure(none, List.of(module("cdr-collector")))).isSameAs(none);
  }

  @Test
  @DisplayName("Every role of the build is listed once, though agent-runtime is served by two module classes")
  void rolesAreListedOnce() {
    assertThat(Platform.availableRoles()).containsExactlyInAnyOrder("cdr-collector", "quality-analyzer", "carrier-sim",
        "agent-runtime", "synthetic-prober", "admin-ui");
  }
}
