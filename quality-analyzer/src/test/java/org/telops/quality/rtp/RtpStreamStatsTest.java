package org.telops.quality.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RtpStreamStatsTest {

    private static final long MS = 1_000_000L;
    private final RtpStreamStats stats = new RtpStreamStats();

    private void packet(double arrivalMs, int seq, long ts) {
        packet(arrivalMs, seq, ts, 0, false);
    }

    private void packet(double arrivalMs, int seq, long ts, int pt, boolean marker) {
        stats.onPacket((long) (arrivalMs * MS), seq, ts & 0xFFFF_FFFFL, pt, marker);
    }

    @Test
    @DisplayName("A clean 20 ms stream has 20 ms deltas, zero jitter and nothing lost.")
    void clean() {
        for (int i = 0; i < 50; i++) {
            packet(i * 20.0, 100 + i, 8000 + i * 160L);
        }
        assertThat(stats.packetCount()).isEqualTo(50);
        assertThat(stats.expected()).isEqualTo(50);
        assertThat(stats.lost()).isZero();
        assertThat(stats.minDeltaMs()).isEqualTo(20.0);
        assertThat(stats.maxDeltaMs()).isEqualTo(20.0);
        assertThat(stats.meanDeltaMs()).isCloseTo(20.0, within(1e-9));
        assertThat(stats.maxJitterMs()).isZero();
        assertThat(stats.problem()).isFalse();
        assertThat(stats.confirmed()).isTrue();
    }

    @Test
    @DisplayName("Jitter follows J += (|D| - J)/16 from the second packet, and means divide by the packet count.")
    void jitterByHand() {
        packet(0, 1, 0);
        packet(20, 2, 160);   // on time: D = 0
        packet(45, 3, 320);   // 5 ms late: D = 5, J = 5/16
        packet(60, 4, 480);   // expected 65 after the late one: D = 5, J = (15·0.3125 + 5)/16
        double j3 = 5.0 / 16;
        double j4 = (15 * j3 + 5) / 16;
        assertThat(stats.maxJitterMs()).isCloseTo(j4, within(1e-12));
        assertThat(stats.minJitterMs()).isZero();
        assertThat(stats.meanJitterMs()).isCloseTo((0 + j3 + j4) / 3, within(1e-12));
        assertThat(stats.minDeltaMs()).isEqualTo(15.0);
        assertThat(stats.maxDeltaMs()).isEqualTo(25.0);
        assertThat(stats.meanDeltaMs()).isCloseTo(20.0, within(1e-12));
    }

    @Test
    @DisplayName("A missing sequence number counts as lost and flags a problem.")
    void loss() {
        packet(0, 1, 0);
        packet(20, 2, 160);
        packet(60, 4, 480);
        packet(80, 5, 640);
        assertThat(stats.expected()).isEqualTo(5);
        assertThat(stats.lost()).isEqualTo(1);
        assertThat(stats.lostPercent()).isEqualTo(20.0);
        assertThat(stats.problem()).isTrue();
        assertThat(stats.maxDeltaMs()).isEqualTo(40.0);
    }

    @Test
    @DisplayName("A duplicate makes the lost count negative, as Wireshark reports it.")
    void duplicate() {
        packet(0, 1, 0);
        packet(20, 2, 160);
        packet(21, 2, 160);
        packet(40, 3, 320);
        assertThat(stats.packetCount()).isEqualTo(4);
        assertThat(stats.expected()).isEqualTo(3);
        assertThat(stats.lost()).isEqualTo(-1);
        assertThat(stats.lostPercent()).isCloseTo(-33.333, within(0.001));
        assertThat(stats.problem()).isTrue();
    }

    @Test
    @DisplayName("Sequence numbers wrapping from 65535 to 0 add a cycle instead of losses.")
    void wrap() {
        int[] seqs = {65533, 65534, 65535, 0, 1, 2};
        for (int i = 0; i < seqs.length; i++) {
            packet(i * 20.0, seqs[i], 0xFFFF_FF00L + i * 160L); // RTP timestamp wraps as well
        }
        assertThat(stats.expected()).isEqualTo(6);
        assertThat(stats.lost()).isZero();
        assertThat(stats.problem()).isFalse();
        assertThat(stats.maxJitterMs()).isZero();
    }

    @Test
    @DisplayName("Marked packets and comfort noise are left out of the delta and jitter extremes.")
    void irregularPacketsExcluded() {
        packet(0, 1, 0);
        packet(20, 2, 160);
        packet(200, 3, 1600, 0, true);    // new talk spurt after silence, marked
        packet(220, 4, 1760);
        packet(400, 5, 3200, 13, false);  // comfort noise
        packet(420, 6, 3360);             // first packet after comfort noise
        packet(440, 7, 3520);
        assertThat(stats.maxDeltaMs()).isEqualTo(20.0);
        assertThat(stats.minDeltaMs()).isEqualTo(20.0);
    }

    @Test
    @DisplayName("A dynamic payload type has no known clock, so jitter stays unavailable (-1).")
    void dynamicPayloadHasNoJitter() {
        for (int i = 0; i < 10; i++) {
            packet(i * 21.0, i, i * 160L, 96, false);
        }
        assertThat(stats.minJitterMs()).isEqualTo(-1.0);
        assertThat(stats.maxJitterMs()).isZero();
        assertThat(stats.maxDeltaMs()).isEqualTo(21.0);
    }

    @Test
    @DisplayName("A single packet, or packets without one consecutive step, do not confirm a stream.")
    void confirmation() {
        packet(0, 10, 0);
        assertThat(stats.confirmed()).isFalse();
        packet(20, 500, 160);
        assertThat(stats.confirmed()).isFalse();
        packet(40, 501, 320);
        assertThat(stats.confirmed()).isTrue();
    }
}
