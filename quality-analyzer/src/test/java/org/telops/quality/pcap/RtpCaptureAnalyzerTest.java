package org.telops.quality.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telops.quality.pcap.Scenarios.Scenario;
import org.telops.quality.pcap.TestCaptureWriter.Format;
import org.telops.quality.pcap.TestCaptureWriter.Framing;
import org.telops.quality.rtp.RtpStreamReport;

class RtpCaptureAnalyzerTest {

    @TempDir
    Path dir;

    private List<RtpStreamReport> analyze(Scenario scenario) throws IOException {
        return RtpCaptureAnalyzer.analyze(scenario.writeTo(dir)).reports(0);
    }

    @Test
    @DisplayName("A clean 20 ms G.711 stream shows no loss, 20 ms deltas, no jitter and MOS 4.40.")
    void clean() throws IOException {
        List<RtpStreamReport> reports = analyze(Scenarios.clean());
        assertThat(reports).hasSize(1);
        RtpStreamReport r = reports.get(0);
        assertThat(r.packets()).isEqualTo(500);
        assertThat(r.lost()).isZero();
        assertThat(r.minDeltaMs()).isEqualTo(20.0);
        assertThat(r.maxDeltaMs()).isEqualTo(20.0);
        assertThat(r.maxJitterMs()).isZero();
        assertThat(r.payloadNames()).isEqualTo("g711U");
        assertThat(r.ssrcHex()).isEqualTo("0x11111111");
        assertThat(r.endSeconds()).isCloseTo(9.98, within(1e-9));
        assertThat(r.mos()).isCloseTo(4.40, within(0.005)); // only the 10 ms fold-in constant as delay
        assertThat(r.problems()).isFalse();
    }

    @Test
    @DisplayName("Jitter raises the jitter figures and lowers the MOS of an otherwise clean stream.")
    void jitter() throws IOException {
        RtpStreamReport r = analyze(Scenarios.jitter()).get(0);
        assertThat(r.meanJitterMs()).isBetween(2.0, 6.0);
        assertThat(r.maxJitterMs()).isGreaterThan(r.meanJitterMs());
        assertThat(r.lost()).isZero();
        assertThat(r.mos()).isLessThan(analyze(Scenarios.clean()).get(0).mos());
    }

    @Test
    @DisplayName("Random loss is counted exactly: lost equals generated minus delivered packets.")
    void randomLoss() throws IOException {
        Scenario s = Scenarios.randomLoss();
        RtpStreamReport r = analyze(s).get(0);
        assertThat(r.expected()).isEqualTo(1000);
        assertThat(r.lost()).isEqualTo(1000 - s.packets().size()).isPositive();
        assertThat(r.lostPercent()).isCloseTo(100.0 * r.lost() / 1000, within(1e-9));
        assertThat(r.problems()).isTrue();
    }

    @Test
    @DisplayName("Burst loss of 30 and 5 packets is 35 lost, with a 620 ms maximum delta.")
    void burstLoss() throws IOException {
        RtpStreamReport r = analyze(Scenarios.burstLoss()).get(0);
        assertThat(r.lost()).isEqualTo(35);
        assertThat(r.maxDeltaMs()).isCloseTo(620.0, within(1e-6));
    }

    @Test
    @DisplayName("Reordering loses nothing but is flagged as a problem and raises jitter.")
    void reordering() throws IOException {
        RtpStreamReport r = analyze(Scenarios.reordering()).get(0);
        assertThat(r.lost()).isZero();
        assertThat(r.problems()).isTrue();
        assertThat(r.maxJitterMs()).isGreaterThan(1.0);
    }

    @Test
    @DisplayName("Three duplicates give lost = -3.")
    void duplicates() throws IOException {
        RtpStreamReport r = analyze(Scenarios.duplicates()).get(0);
        assertThat(r.packets()).isEqualTo(403);
        assertThat(r.lost()).isEqualTo(-3);
    }

    @Test
    @DisplayName("A stream crossing sequence number 65535 keeps an exact expected count.")
    void sequenceWrap() throws IOException {
        RtpStreamReport r = analyze(Scenarios.sequenceWrap()).get(0);
        assertThat(r.expected()).isEqualTo(300);
        assertThat(r.lost()).isEqualTo(3);
    }

    @Test
    @DisplayName("Two concurrent directions of a call are two streams with their own figures.")
    void twoStreams() throws IOException {
        List<RtpStreamReport> reports = analyze(Scenarios.twoStreams());
        assertThat(reports).extracting(RtpStreamReport::ssrcHex).containsExactly("0xAAAA0001", "0xBBBB0002");
        assertThat(reports).extracting(RtpStreamReport::payloadNames).containsExactly("g711U", "g711A");
        assertThat(reports.get(0).sourceAddress()).isEqualTo(reports.get(1).destinationAddress());
        assertThat(reports.get(0).lost()).isZero();
        assertThat(reports.get(1).lost()).isPositive();
    }

    @Test
    @DisplayName("An SSRC change on the same ports starts a second stream.")
    void ssrcChange() throws IOException {
        List<RtpStreamReport> reports = analyze(Scenarios.ssrcChange());
        assertThat(reports).extracting(RtpStreamReport::packets).containsExactly(150L, 200L);
        assertThat(reports).extracting(RtpStreamReport::lost).containsExactly(0, 0);
        assertThat(reports.get(1).startSeconds()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    @DisplayName("IPv6 streams are found and their addresses printed in RFC 5952 form.")
    void ipv6() throws IOException {
        RtpStreamReport r = analyze(Scenarios.ipv6()).get(0);
        assertThat(r.ipVersion()).isEqualTo(6);
        assertThat(r.sourceAddress()).isEqualTo("2001:db8::10");
        assertThat(r.destinationAddress()).isEqualTo("2001:db8:0:1::20");
        assertThat(r.packets()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framing.class)
    @DisplayName("Framing and file format do not change a single figure.")
    void framingInvariance(Framing framing) throws IOException {
        List<TestRtpPacket> packets = Scenarios.twoStreams().packets();
        // Microsecond formats round the nanosecond arrival times, so each precision has its reference.
        RtpStreamReport micros = RtpCaptureAnalyzer.analyze(
                new Scenario("ref-us", Format.PCAP_LE_MICROS, Framing.ETHERNET, packets).writeTo(dir)).reports(0).get(1);
        RtpStreamReport nanos = RtpCaptureAnalyzer.analyze(
                new Scenario("ref-ns", Format.PCAP_LE_NANOS, Framing.ETHERNET, packets).writeTo(dir)).reports(0).get(1);
        assertThat(nanos.maxJitterMs()).isNotEqualTo(micros.maxJitterMs());
        for (Format format : Format.values()) {
            List<RtpStreamReport> reports = RtpCaptureAnalyzer.analyze(
                    new Scenario("x-" + framing + format, format, framing, packets).writeTo(dir)).reports(0);
            assertThat(reports).hasSize(2);
            boolean microsecondFile = format == Format.PCAP_LE_MICROS || format == Format.PCAP_BE_MICROS;
            assertThat(reports.get(1)).as("%s %s", framing, format).isEqualTo(microsecondFile ? micros : nanos);
        }
    }

    @Test
    @DisplayName("Memory follows streams, not packets: a long capture of one stream holds one stream entry.")
    void memoryIsPerStream() throws IOException {
        List<TestRtpPacket> packets = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 1L, 0,
                70_000, 0, 0, Scenarios.T0, 20).packets();
        RtpCaptureAnalyzer.Result result = RtpCaptureAnalyzer.analyze(
                new Scenario("long", Format.PCAP_LE_MICROS, Framing.RAW_IP, packets).writeTo(dir));
        assertThat(result.streams()).hasSize(1);
        assertThat(result.rtpPackets()).isEqualTo(70_000);
        assertThat(result.reports(0).get(0).expected()).isEqualTo(70_000);
    }
}
