package org.telops.carriersim.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.signatures.telnyx.TelnyxSignatures;

class SimConfigTest {
  @Test
  @DisplayName("With nothing set, credentials are generated and the webhooks point at the platform's base URL")
  void defaults() {
    SimConfig c = SimConfig.fromEnv(Map.of(), "http://127.0.0.1:8080");
    assertThat(c.credentials().generated()).containsExactlyInAnyOrder("TELOPS_TWILIO_ACCOUNT_SID",
        "TELOPS_TWILIO_AUTH_TOKEN", "TELOPS_TELNYX_API_KEY", "TELOPS_SIM_TELNYX_PRIVATE_KEY");
    assertThat(c.credentials().twilioAccountSid()).matches("AC[0-9a-f]{32}");
    assertThat(c.twilioVoiceUrl()).isEqualTo("http://127.0.0.1:8080/carriers/twilio/voice");
    assertThat(c.twilioStatusUrl()).isEqualTo("http://127.0.0.1:8080/carriers/twilio/status");
    assertThat(c.telnyxWebhookUrl()).isEqualTo("http://127.0.0.1:8080/carriers/telnyx/webhook");
    assertThat(c.port()).isEqualTo(8089);
    assertThat(c.describe().toString()).doesNotContain(c.credentials().twilioAuthToken());
  }

  @Test
  @DisplayName("A given Telnyx private key signs what the matching public key verifies")
  void telnyxKey() {
    KeyPair pair = SimCredentials.generateEd25519();
    SimConfig c = SimConfig.fromEnv(Map.of("TELOPS_SIM_TELNYX_PRIVATE_KEY", SimCredentials.encodePrivateKey(pair.getPrivate()),
        "TELOPS_TELNYX_PUBLIC_KEY", TelnyxSignatures.rawPublicKeyBase64(pair.getPublic())), "http://h");
    byte[] body = "{\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    String ts = String.valueOf(Instant.now().getEpochSecond());
    String sig = TelnyxSignatures.sign(c.credentials().telnyxPrivateKey(), ts, body);
    assertThat(new TelnyxSignatures(c.credentials().telnyxPublicKey(), 300).verify(ts, sig, body, Instant.now()).valid()).isTrue();
    assertThat(c.credentials().generated()).doesNotContain("TELOPS_SIM_TELNYX_PRIVATE_KEY");
  }

  @Test
  @DisplayName("Bad values stop start-up naming the variable and the fix")
  void badValues() {
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_TELNYX_PRIVATE_KEY", "nope"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_TELNYX_PRIVATE_KEY").hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "150"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_CALLBACK_REORDER_PERCENT").hasMessageContaining("0 to 100");
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_TWILIO_STATUS_EVENTS", "initiated,paid"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_TWILIO_STATUS_EVENTS");
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_FAR_END", "answer=0"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_FAR_END");
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_SEED", "abc"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_SEED=abc");
    assertThatThrownBy(() -> SimConfig.fromEnv(Map.of("TELOPS_SIM_INVOICE_ERRORS", "overcharge=x"), "http://h"))
        .hasMessageContaining("TELOPS_SIM_INVOICE_ERRORS");
  }

  @Test
  @DisplayName("Invoice errors, rates and the seed are read from the environment")
  void parsed() {
    SimConfig c = SimConfig.fromEnv(Map.of("TELOPS_SIM_SEED", "42", "TELOPS_SIM_INVOICE_ERRORS", "overcharge=2,phantom=1",
        "TELOPS_SIM_RATES", "telnyx.outbound=0.0100"), "http://h");
    assertThat(c.seed()).isEqualTo(42);
    assertThat(c.invoiceErrors().overcharge()).isEqualTo(2);
    assertThat(c.invoiceErrors().phantom()).isEqualTo(1);
    assertThat(c.invoiceErrors().seed()).isEqualTo(42);
    assertThat(c.rates().rateMicrosPerMinute("telnyx", false)).isEqualTo(10_000);
    assertThat(c.rates().rateMicrosPerMinute("twilio", false)).isEqualTo(14_000);
  }
}
