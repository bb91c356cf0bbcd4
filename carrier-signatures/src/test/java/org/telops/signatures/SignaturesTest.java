package org.telops.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.signatures.telnyx.TelnyxSignatures;
import org.telops.signatures.twilio.TwilioSignatures;

class SignaturesTest {
  private static final String TOKEN = "12345678901234567890123456789012";

  @Test
  @DisplayName("Twilio's documented example signature is accepted by the SDK validator and reproduced by our signer")
  void twilioDocumentedExample() {
    // The published vector of Twilio's request-validation docs and SDK tests (auth token "12345").
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
        "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    String expected = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
    assertThat(TwilioSignatures.sign("12345", url, params)).isEqualTo(expected);
    assertThat(new TwilioSignatures("12345").verifyForm(url, params, expected).valid()).isTrue();
  }

  @Test
  @DisplayName("A Twilio callback with a changed parameter, no signature or no configured token is refused with its reason")
  void twilioRefusals() {
    String url = "https://telops.example/carriers/twilio/status";
    Map<String, String> params = Map.of("CallSid", "CA1", "CallStatus", "completed");
    String sig = TwilioSignatures.sign(TOKEN, url, params);
    TwilioSignatures v = new TwilioSignatures(TOKEN);
    assertThat(v.verifyForm(url, Map.of("CallSid", "CA1", "CallStatus", "busy"), sig).reason()).isEqualTo("mismatch");
    assertThat(v.verifyForm(url, params, null).reason()).isEqualTo("unsigned");
    assertThat(new TwilioSignatures(null).verifyForm(url, params, sig).reason()).isEqualTo("not-configured");
    assertThat(new TwilioSignatures("another-token-000000000000000000").verifyForm(url, params, sig).valid()).isFalse();
  }

  @Test
  @DisplayName("A Telnyx webhook signed with Ed25519 verifies; a changed body, an old timestamp or a foreign key do not")
  void telnyx() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
    KeyPair pair = gen.generateKeyPair();
    KeyPair other = gen.generateKeyPair();
    byte[] body = "{\"data\":{\"event_type\":\"call.hangup\"}}".getBytes(StandardCharsets.UTF_8);
    Instant now = Instant.ofEpochSecond(1_800_000_000L);
    String ts = String.valueOf(now.getEpochSecond());
    String sig = TelnyxSignatures.sign(pair.getPrivate(), ts, body);

    TelnyxSignatures v = new TelnyxSignatures(TelnyxSignatures.rawPublicKeyBase64(pair.getPublic()), 300);
    assertThat(v.verify(ts, sig, body, now).valid()).isTrue();
    assertThat(v.verify(ts, sig, "{}".getBytes(StandardCharsets.UTF_8), now).reason()).isEqualTo("mismatch");
    assertThat(v.verify(ts, sig, body, now.plusSeconds(301)).reason()).isEqualTo("stale");
    assertThat(v.verify(ts, "AAAA", body, now).reason()).isEqualTo("malformed");
    assertThat(v.verify(null, sig, body, now).reason()).isEqualTo("unsigned");
    TelnyxSignatures foreign = new TelnyxSignatures(TelnyxSignatures.rawPublicKeyBase64(other.getPublic()), 300);
    assertThat(foreign.verify(ts, sig, body, now).reason()).isEqualTo("mismatch");
  }

  @Test
  @DisplayName("A Telnyx public key that is not 32 bytes of Ed25519 is rejected at start with the variable's name")
  void telnyxBadKey() {
    assertThatThrownBy(() -> new TelnyxSignatures("bm90LWEta2V5", 300))
        .hasMessageContaining("TELOPS_TELNYX_PUBLIC_KEY");
  }
}
