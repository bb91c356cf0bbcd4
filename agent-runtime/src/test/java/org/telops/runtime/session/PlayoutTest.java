package org.telops.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.runtime.engine.Interruption;

class PlayoutTest {
  final List<String> sent = new ArrayList<>();
  long now;
  final CarrierLink link = new CarrierLink() {
    public void sendAudio(byte[] ulaw) { sent.add("audio:" + ulaw.length); }
    public void sendMark(String name) { sent.add("mark:" + name); }
    public void sendClear() { sent.add("clear"); }
    public void endCall(CallEnd end) { }
    public void closeStream(String reason) { }
  };

  @Test
  @DisplayName("Audio goes out in 160-byte frames with a mark every interval and one at the end")
  void framesAndMarks() {
    Playout p = new Playout(link, 100, () -> now, t -> { });
    Playout.Active u = p.begin("hello");
    u.append(new byte[700]);   // 4 frames + 60 bytes pending
    u.append(new byte[100]);   // completes the 5th frame
    u.finish();                // nothing pending → only the final mark
    assertThat(sent).containsExactly("audio:160", "audio:160", "audio:160", "audio:160", "audio:160",
        "mark:u1.100", "mark:u1.end");
    assertThat(p.busy()).isTrue();
    assertThat(p.onMark("u1.100", 0).kind()).isEqualTo(Playout.MarkResult.Kind.PROGRESS);
    assertThat(p.onMark("u1.end", 0).kind()).isEqualTo(Playout.MarkResult.Kind.FINISHED);
    assertThat(p.busy()).isFalse();
  }

  @Test
  @DisplayName("Clear reports how much of the utterance was heard, and later marks of it are ignored")
  void clearReportsPlayed() {
    Playout p = new Playout(link, 100, () -> now, t -> { });
    Playout.Active u = p.begin("menu");
    u.append(new byte[160 * 25]); // 500 ms, marks at 100..500
    u.finish();
    now = 1_000_000_000L;
    p.onMark("u1.100", now);
    p.onMark("u1.200", now);
    List<Interruption> cut = p.clear("speech", now + 50_000_000L);
    assertThat(cut).hasSize(1);
    assertThat(cut.get(0).confirmedMs()).isEqualTo(200);
    assertThat(cut.get(0).playedMs()).isEqualTo(250);
    assertThat(cut.get(0).sentMs()).isEqualTo(500);
    assertThat(u.cancelled()).isTrue();
    assertThat(p.busy()).isFalse();
    assertThat(p.onMark("u1.300", now).kind()).isEqualTo(Playout.MarkResult.Kind.UNKNOWN);
    assertThat(sent).contains("clear");
  }

  @Test
  @DisplayName("An idle mark measures round trip; none is sent while audio is queued")
  void roundTrip() {
    Playout p = new Playout(link, 100, () -> now, t -> { });
    p.probeRoundTrip(0);
    assertThat(sent).containsExactly("mark:rtt.1");
    Playout.MarkResult r = p.onMark("rtt.1", 42_000_000L);
    assertThat(r.kind()).isEqualTo(Playout.MarkResult.Kind.RTT);
    assertThat(r.rttMs()).isEqualTo(42.0);
    p.begin("x").append(new byte[160]);
    p.probeRoundTrip(0);
    assertThat(sent).doesNotContain("mark:rtt.2");
  }
}
