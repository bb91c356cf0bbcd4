package org.telops.quality.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.quality.emodel.Codec;
import org.telops.quality.emodel.EModel;

class MediaStreamQualityTest {

    private static final long MS = 1_000_000L;
    private final MediaStreamQuality quality = new MediaStreamQuality();

    private void frame(double arrivalMs, long chunk) {
        quality.onFrame((long) (arrivalMs * MS), chunk * 20, chunk, 160);
    }

    @Test
    @DisplayName("Evenly paced frames give no loss, no jitter, a 20 ms max gap and the best G.711 MOS.")
    void clean() {
        for (int i = 0; i < 500; i++) {
            frame(1000 + i * 20.0, i + 1);
        }
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.framesReceived()).isEqualTo(500);
        assertThat(s.framesExpected()).isEqualTo(500);
        assertThat(s.framesMissing()).isZero();
        assertThat(s.jitterMs()).isZero();
        assertThat(s.maxGapMs()).isEqualTo(20.0);
        assertThat(s.payloadBytes()).isEqualTo(500 * 160);
        assertThat(s.mos()).isEqualTo(EModel.fromNetworkWithJitter(0, 0, 0, 1, Codec.G711_PLC).mos());
    }

    @Test
    @DisplayName("A resumed stream numbering from 1 again after a 5 s gap adds its frames: no loss, no jitter from the gap.")
    void newSegment() {
        for (int i = 0; i < 300; i++) {
            frame(i * 20.0, i + 1);
        }
        quality.newSegment();
        for (int i = 0; i < 200; i++) {
            if (i != 100) {
                frame(11_000 + i * 20.0, i + 1);
            }
        }
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.framesReceived()).isEqualTo(499);
        assertThat(s.framesExpected()).isEqualTo(500);
        assertThat(s.framesMissing()).as("the frame missing in the second stream, not the gap").isEqualTo(1);
        assertThat(s.jitterMs()).as("the 5 s between the streams is not jitter").isLessThan(3.0);
    }

    @Test
    @DisplayName("Missing chunks are loss, counted from the first to the highest chunk.")
    void loss() {
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 5) {
                frame(i * 20.0, 1000 + i);
            }
        }
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.framesExpected()).isEqualTo(100);
        assertThat(s.framesMissing()).isEqualTo(10);
        assertThat(s.lossPercent()).isEqualTo(10.0);
        assertThat(s.maxGapMs()).isEqualTo(40.0);
        assertThat(s.burstRatio()).isEqualTo(1.0);
        assertThat(s.mos()).isLessThan(4.0);
    }

    @Test
    @DisplayName("Losses in runs give a burst ratio above 1 and a lower MOS than the same loss spread out.")
    void burstyLoss() {
        for (int i = 0; i < 200; i++) {
            if (i < 50 || i >= 70) {
                frame(i * 20.0, i);
            }
        }
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.framesMissing()).isEqualTo(20);
        assertThat(s.burstRatio()).isCloseTo(20 * 0.9, within(1e-9));
        assertThat(s.mos()).isLessThan(EModel.fromNetworkWithJitter(0, s.jitterMs(), 10, 1, Codec.G711_PLC).mos());
    }

    @Test
    @DisplayName("A duplicate is counted once as duplicate and never hides a loss.")
    void duplicates() {
        frame(0, 1);
        frame(20, 2);
        frame(21, 2);
        frame(60, 4);
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.framesReceived()).isEqualTo(4);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.framesMissing()).isEqualTo(1);
    }

    @Test
    @DisplayName("A late frame is reordered, not lost.")
    void reordered() {
        frame(0, 1);
        frame(20, 3);
        frame(25, 2);
        frame(60, 4);
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.reordered()).isEqualTo(1);
        assertThat(s.framesMissing()).isZero();
        assertThat(s.duplicates()).isZero();
    }

    @Test
    @DisplayName("Jitter is the RFC 3550 running estimate of arrival versus media-time spacing.")
    void jitter() {
        double[] arrivals = {0, 20, 45, 60, 80, 103};
        double expected = 0;
        for (int i = 0; i < arrivals.length; i++) {
            frame(arrivals[i], i);
            if (i > 0) {
                double d = (arrivals[i] - arrivals[i - 1]) - 20;
                expected += (Math.abs(d) - expected) / 16;
            }
        }
        assertThat(quality.snapshot().jitterMs()).isCloseTo(expected, within(1e-12)).isPositive();
    }

    @Test
    @DisplayName("A window sample covers only the frames since the previous sample.")
    void windows() {
        for (int i = 0; i < 100; i++) {
            frame(i * 20.0, i);
        }
        MediaQualitySnapshot first = quality.sampleWindow();
        assertThat(first.framesReceived()).isEqualTo(100);
        for (int i = 100; i < 200; i++) {
            if (i != 150) {
                frame(i * 20.0, i);
            }
        }
        MediaQualitySnapshot second = quality.sampleWindow();
        assertThat(second.framesReceived()).isEqualTo(99);
        assertThat(second.framesExpected()).isEqualTo(100);
        assertThat(second.framesMissing()).isEqualTo(1);
        assertThat(second.maxGapMs()).isEqualTo(40.0);
        assertThat(quality.snapshot().framesReceived()).isEqualTo(199);
        assertThat(quality.sampleWindow().framesReceived()).isZero();
    }

    @Test
    @DisplayName("A measured round trip is halved into the one-way delay and lowers the MOS.")
    void delay() {
        for (int i = 0; i < 10; i++) {
            frame(i * 20.0, i);
        }
        double before = quality.snapshot().mos();
        quality.onRoundTripMs(500);
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.oneWayDelayMs()).isEqualTo(250.0);
        assertThat(s.mos()).isLessThan(before);
        assertThatThrownBy(() -> quality.setOneWayDelayMs(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delayMs").hasMessageContaining("-1.0");
    }

    @Test
    @DisplayName("Arrival time in milliseconds gives the same figures as in nanoseconds.")
    void millisecondArrivals() {
        MediaStreamQuality ms = new MediaStreamQuality();
        for (int i = 0; i < 50; i++) {
            long arrival = i * 20L + (i % 3) * 4L;
            ms.onFrameMillis(arrival, i * 20L, i, 160);
            quality.onFrame(arrival * MS, i * 20L, i, 160);
        }
        assertThat(ms.snapshot()).isEqualTo(quality.snapshot());
    }

    @Test
    @DisplayName("A chunk older than the duplicate history counts as reordered, keeping memory constant.")
    void beyondHistory() {
        int n = MediaStreamQuality.HISTORY_FRAMES + 10;
        for (int i = 1; i <= n; i++) {
            frame(i * 20.0, i);
        }
        frame(n * 20.0 + 1, 2); // a replay of chunk 2, far outside the window
        MediaQualitySnapshot s = quality.snapshot();
        assertThat(s.reordered()).isEqualTo(1);
        assertThat(s.duplicates()).isZero();
    }

    @Test
    @DisplayName("Negative payload sizes are rejected with the parameter named.")
    void rejectsNegativePayload() {
        assertThatThrownBy(() -> quality.onFrame(0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("payloadBytes").hasMessageContaining("-1");
    }
}
