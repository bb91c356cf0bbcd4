package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.signatures.twilio.TwilioSignatures;

/** Requests signed with the real HMAC-SHA1 algorithm but the wrong key, or for another URL, are refused and counted. */
class ForgedSignaturesIT {
  static RuntimeHarness rt;
  static Vertx carrierVertx;

  @BeforeAll
  static void start() throws Exception {
    rt = RuntimeHarness.start(Map.of());
    carrierVertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    carrierVertx.close().toCompletionStage().toCompletableFuture().get();
    rt.close();
  }

  @Test
  @DisplayName("Twilio webhooks signed with another account's token get 403 and count as mismatches")
  void forgedWebhooks() throws Exception {
    Map<String, String> form = Map.of("CallSid", "CAforged", "From", "+1", "To", "+2");
    for (String path : new String[] {"/carriers/twilio/voice", "/carriers/twilio/stream-status", "/carriers/twilio/stream-ended",
        "/carriers/twilio/record-path", "/carriers/twilio/voice?path=record"}) {
      assertThat(TwilioCallIT.twilioPost(rt, path, form, "some-other-account-token-000000").statusCode()).as(path).isEqualTo(403);
    }
    assertThat(rt.counter("telops_webhook_rejected", "carrier", "twilio", "reason", "mismatch")).isEqualTo(5);
    assertThat(rt.events).as("no call started from a forged webhook").isEmpty();
  }

  @Test
  @DisplayName("A media socket upgrade without a signature, or signed for another URL, is refused with 403")
  void forgedUpgrade() {
    Throwable unsigned = catchThrowable(() -> CarrierStream.connect(carrierVertx, rt.port, "/media/twilio", Map.of(),
        CarrierStream.Dialect.TWILIO, 1));
    assertThat(unsigned).hasMessageContaining("403");
    String otherUrl = "wss://evil.example.com/media/twilio";
    Throwable wrongUrl = catchThrowable(() -> CarrierStream.connect(carrierVertx, rt.port, "/media/twilio",
        Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, otherUrl, Map.of())),
        CarrierStream.Dialect.TWILIO, 1));
    assertThat(wrongUrl).hasMessageContaining("403");
    assertThat(rt.counter("telops_webhook_rejected", "carrier", "twilio", "reason", "unsigned")).isEqualTo(1);
    assertThat(rt.module.callsInFlight()).isZero();
  }
}
