package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.DtmfDetector;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneDetector;
import org.telops.audio.ToneGenerator;
import org.telops.runtime.Fixtures;

/** The prober's side of the probe challenge, over a real media socket (the protocol in the README). */
class ProbeResponderIT {

  @Test
  @DisplayName("A probe call chosen by called number gets its digits back reversed and its 1004 Hz tone echoed")
  void challenge() throws Exception {
    Vertx carrier = Vertx.vertx();
    try (RuntimeHarness rt = RuntimeHarness.start(Map.of("TELOPS_AGENT_ENGINE_BY_NUMBER", "+15550199=probe-responder"))) {
      try (CarrierStream call = CarrierStream.connect(carrier, rt.port, "/media/twilio", DrainIT.signed(rt.port),
          CarrierStream.Dialect.TWILIO, 1)) {
        call.start("CAprobe1", Map.of("to", "+15550199"), null);
        call.openMicrophone();
        call.say(Fixtures.audio("dtmf-159hash"));        // in-band "159#", made by sox
        await("reply played", Duration.ofSeconds(10), () -> call.marksEchoed.stream().anyMatch(m -> m.endsWith(".end")));
        DtmfDetector detector = new DtmfDetector();
        short[] heard = MuLaw.decode(call.heard());
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i + 160 <= heard.length; i += 160) {
          char d = detector.process(heard, i, 160);
          if (d != 0) {
            digits.append(d);
          }
        }
        assertThat(digits.toString()).isEqualTo("951#");

        int before = call.heard().length;
        int arrivalsBefore = call.mediaArrivalNanos.size();
        long sentAt = System.nanoTime();
        call.say(MuLaw.encode(ToneGenerator.tone(1004, 400, 8000)));
        await("tone echoed", Duration.ofSeconds(5), () -> call.heard().length >= before + 160 * 15);
        byte[] echoed = Arrays.copyOfRange(call.heard(), before, before + 160 * 15);
        ToneDetector tone = new ToneDetector(1004, 8000);
        for (int i = 0; i < echoed.length; i += 160) {
          assertThat(tone.isTone(MuLaw.decode(Arrays.copyOfRange(echoed, i, i + 160)))).as("echoed frame %d is the tone", i / 160).isTrue();
        }
        // Informational (includes up to 20 ms until the microphone's next frame is due): not asserted.
        System.out.printf("probe tone round trip through the runtime, loopback: %.1f ms%n",
            (call.mediaArrivalNanos.get(arrivalsBefore) - sentAt) / 1e6);
      }
    } finally {
      carrier.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
