package org.telops.carriersim.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.audio.MuLaw;
import org.telops.audio.ToneGenerator;

class AppPortTest {
  private static final byte[] SILENCE = filled((byte) 0xFF);

  @Test
  @DisplayName("<Record>: from the first voiced frame to 1 s of silence, trimmed; silence alone records nothing")
  void recordsOneTurn() {
    AppPort port = new AppPort();
    List<AppPort.Recording> done = new ArrayList<>();
    port.record(1, 30, done::add);
    feed(port, SILENCE, 25); // 0.5 s before the caller speaks
    byte[] voiced = MuLaw.encode(ToneGenerator.tone(440, 20, 8000));
    feed(port, voiced, 50); // 1 s of "speech"
    feed(port, SILENCE, 49);
    assertThat(done).as("not yet: 0.98 s of silence").isEmpty();
    feed(port, SILENCE, 1);
    assertThat(done).hasSize(1);
    AppPort.Recording r = done.get(0);
    assertThat(r.speechMs()).isEqualTo(1000);
    // 200 ms kept before the first voiced frame, the speech, 300 ms after it
    assertThat(r.ulaw().length).isEqualTo(8 * (200 + 1000 + 300));

    List<AppPort.Recording> none = new ArrayList<>();
    port.record(1, 30, none::add);
    feed(port, SILENCE, 50);
    assertThat(none).hasSize(1);
    assertThat(none.get(0).empty()).as("nobody spoke: Twilio skips the action").isTrue();
  }

  @Test
  @DisplayName("<Play>: one 20 ms frame per tick into the pipe, then the next verb")
  void playsFramePerTick() {
    AppPort port = new AppPort();
    Pipe pipe = new Pipe(new Impairment(ImpairmentProfile.CLEAN, new java.util.SplittableRandom(1)), true, 1 << 20);
    boolean[] finished = {false};
    port.play(new byte[400], () -> finished[0] = true);
    port.beforeProduce(0, pipe);
    port.beforeProduce(1, pipe);
    assertThat(pipe.bufferedBytes()).isEqualTo(320);
    assertThat(finished[0]).isFalse();
    port.beforeProduce(2, pipe);
    assertThat(finished[0]).isTrue();
  }

  private static void feed(AppPort port, byte[] frame, int n) {
    for (int i = 0; i < n; i++) {
      port.frame(new MediaFrame(i, frame));
    }
  }

  private static byte[] filled(byte b) {
    byte[] f = new byte[160];
    Arrays.fill(f, b);
    return f;
  }
}
