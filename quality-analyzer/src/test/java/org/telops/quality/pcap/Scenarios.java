package org.telops.quality.pcap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.telops.quality.pcap.TestCaptureWriter.Format;
import org.telops.quality.pcap.TestCaptureWriter.Framing;

/**
 * The catalogue of generated captures shared by the unit tests and the tshark comparison IT.
 * Every scenario is seeded, so a failure reproduces byte for byte.
 */
public final class Scenarios {

    /** Capture start: 2024-05-01T12:00:00Z, an arbitrary but realistic epoch. */
    public static final long T0 = 1_714_564_800_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A generated capture: how it is written and what goes in. */
    public record Scenario(String name, Format format, Framing framing, List<TestRtpPacket> packets) {
        public Path writeTo(Path dir) {
            Path file = dir.resolve(name + (format.name().startsWith("PCAPNG") ? ".pcapng" : ".pcap"));
            TestCaptureWriter.write(file, format, framing, packets);
            return file;
        }
    }

    private Scenarios() {
    }

    static SyntheticStream pcmu(long ssrc, int count) {
        return SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, ssrc, 0, count, 1000, 160_000L, T0, 20);
    }

    public static Scenario clean() {
        return new Scenario("clean-20ms", Format.PCAP_LE_MICROS, Framing.ETHERNET, pcmu(0x11111111L, 500).packets());
    }

    public static Scenario jitter() {
        return new Scenario("jitter", Format.PCAP_LE_MICROS, Framing.ETHERNET,
                pcmu(0x22222222L, 1000).jitter(new Random(7), 15.0).packets());
    }

    public static Scenario randomLoss() {
        return new Scenario("random-loss", Format.PCAP_LE_MICROS, Framing.ETHERNET,
                pcmu(0x33333333L, 1000).dropRandom(new Random(11), 0.05).packets());
    }

    public static Scenario burstLoss() {
        return new Scenario("burst-loss", Format.PCAP_LE_MICROS, Framing.ETHERNET,
                pcmu(0x44444444L, 600).dropBurst(200, 30).dropBurst(400, 5).packets());
    }

    public static Scenario reordering() {
        SyntheticStream s = pcmu(0x55555555L, 400);
        for (int i = 50; i < 380; i += 37) {
            s.swapWithNext(i);
        }
        return new Scenario("reordering", Format.PCAP_LE_MICROS, Framing.ETHERNET, s.packets());
    }

    public static Scenario duplicates() {
        SyntheticStream s = pcmu(0x66666666L, 400);
        s.duplicate(100, 1.5).duplicate(250, 30.0).duplicate(300, 0.2);
        return new Scenario("duplicates", Format.PCAP_LE_MICROS, Framing.ETHERNET, s.packets());
    }

    public static Scenario sequenceWrap() {
        SyntheticStream s = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 0x77777777L, 8,
                300, 65400, 0xFFFF_0000L, T0, 20); // RTP timestamp wraps too
        return new Scenario("sequence-wrap", Format.PCAP_LE_MICROS, Framing.ETHERNET,
                s.jitter(new Random(3), 4.0).dropBurst(130, 3).packets());
    }

    public static Scenario twoStreams() {
        List<TestRtpPacket> a = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 0xAAAA0001L, 0,
                500, 10, 0, T0, 20).jitter(new Random(21), 6.0).packets();
        List<TestRtpPacket> b = SyntheticStream.clean("10.0.0.2", 50000, "10.0.0.1", 40000, 0xBBBB0002L, 8,
                480, 30000, 99_999L, T0 + 7 * MS, 20).jitter(new Random(22), 3.0).dropRandom(new Random(23), 0.02).packets();
        return new Scenario("two-streams", Format.PCAP_LE_MICROS, Framing.ETHERNET, SyntheticStream.merge(a, b));
    }

    public static Scenario ssrcChange() {
        List<TestRtpPacket> first = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 0xCAFE0001L, 0,
                150, 500, 1234L, T0, 20).packets();
        List<TestRtpPacket> second = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 0xCAFE0002L, 0,
                200, 7000, 3_000_000_000L, T0 + 150 * 20 * MS, 20).jitter(new Random(5), 2.0).packets();
        return new Scenario("ssrc-change", Format.PCAP_LE_MICROS, Framing.ETHERNET, SyntheticStream.merge(first, second));
    }

    public static Scenario ipv6() {
        SyntheticStream s = SyntheticStream.clean("2001:db8::10", 40002, "2001:db8:0:1::20", 50002, 0x60606060L, 0,
                400, 1, 0, T0, 20).jitter(new Random(31), 5.0);
        return new Scenario("ipv6", Format.PCAP_LE_MICROS, Framing.ETHERNET, s.packets());
    }

    public static Scenario vlan() {
        SyntheticStream s = pcmu(0x70707070L, 400).jitter(new Random(41), 3.0);
        return new Scenario("vlan-qinq", Format.PCAP_BE_MICROS, Framing.ETHERNET_QINQ, s.packets());
    }

    public static Scenario linuxCooked() {
        SyntheticStream s = pcmu(0x80808080L, 400).jitter(new Random(51), 8.0).dropRandom(new Random(52), 0.03);
        return new Scenario("linux-sll", Format.PCAP_LE_NANOS, Framing.LINUX_SLL, s.packets());
    }

    public static Scenario linuxCooked2() {
        SyntheticStream s = pcmu(0x90909090L, 400).jitter(new Random(61), 8.0);
        return new Scenario("linux-sll2", Format.PCAP_BE_NANOS, Framing.LINUX_SLL2, s.packets());
    }

    public static Scenario pcapng() {
        List<TestRtpPacket> a = pcmu(0xA0A0A0A0L, 400).jitter(new Random(71), 5.0).packets();
        List<TestRtpPacket> b = SyntheticStream.clean("2001:db8::2", 50004, "2001:db8::1", 40004, 0xB0B0B0B0L, 18,
                400, 60000, 5L, T0 + 3 * MS, 20).jitter(new Random(72), 5.0).dropRandom(new Random(73), 0.04).packets();
        return new Scenario("pcapng", Format.PCAPNG_LE, Framing.ETHERNET_VLAN, SyntheticStream.merge(a, b));
    }

    public static Scenario pcapngBigEndianRaw() {
        SyntheticStream s = pcmu(0xC0C0C0C0L, 300).jitter(new Random(81), 4.0).mark(120).duplicate(50, 2.0);
        return new Scenario("pcapng-be-raw", Format.PCAPNG_BE, Framing.RAW_IP, s.packets());
    }

    /** The very first packet is overtaken, so the stream starts with an "older" timestamp. */
    public static Scenario firstReordered() {
        SyntheticStream s = pcmu(0xD0000001L, 200).swapWithNext(0).swapWithNext(100);
        return new Scenario("edge-first-reordered", Format.PCAP_LE_MICROS, Framing.ETHERNET, s.packets());
    }

    /** Loss exactly at the 65535 → 0 boundary, plus a late packet across the wrap. */
    public static Scenario lossAtWrap() {
        SyntheticStream s = SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000, 0xD0000002L, 0,
                300, 65500, 77L, T0, 20);
        s.swapWithNext(20).dropBurst(34, 4).swapWithNext(120);
        return new Scenario("edge-loss-at-wrap", Format.PCAP_LE_MICROS, Framing.ETHERNET, s.packets());
    }

    /** Talk spurts with marker bits, comfort noise, a payload change and a dynamic payload type. */
    public static Scenario markersAndComfortNoise() {
        List<TestRtpPacket> voice = new ArrayList<>(SyntheticStream.clean("10.0.0.1", 40000, "10.0.0.2", 50000,
                0xD0000003L, 0, 300, 9, 0, T0, 20).jitter(new Random(91), 6.0).mark(0).mark(100).mark(200).packets());
        for (int i = 60; i < 90; i += 5) { // comfort noise every 100 ms during a pause
            TestRtpPacket p = voice.get(i);
            voice.set(i, new TestRtpPacket(p.arrivalNanos(), p.src(), p.srcPort(), p.dst(), p.dstPort(), p.seq(),
                    p.rtpTimestamp(), p.ssrc(), 13, false, 1));
        }
        for (int i = 150; i < 170; i++) { // switch to PCMA mid-call
            TestRtpPacket p = voice.get(i);
            voice.set(i, new TestRtpPacket(p.arrivalNanos(), p.src(), p.srcPort(), p.dst(), p.dstPort(), p.seq(),
                    p.rtpTimestamp(), p.ssrc(), 8, false, p.payloadBytes()));
        }
        List<TestRtpPacket> dynamic = SyntheticStream.clean("10.0.0.3", 40010, "10.0.0.4", 50010, 0xD0000004L, 96,
                200, 100, 0, T0 + 5 * MS, 20).jitter(new Random(92), 4.0).packets();
        return new Scenario("edge-markers-cn-dynamic", Format.PCAP_LE_MICROS, Framing.ETHERNET,
                SyntheticStream.merge(voice, dynamic));
    }

    /** One packet 210 ms late (arrives after ten successors) and a duplicate of the first packet. */
    public static Scenario veryLate() {
        SyntheticStream s = pcmu(0xD0000005L, 300).duplicate(0, 5.0);
        TestRtpPacket late = s.packets().get(100);
        s.packets().set(100, late.withArrival(late.arrivalNanos() + 210 * MS));
        List<TestRtpPacket> sorted = SyntheticStream.merge(s.packets());
        return new Scenario("edge-very-late", Format.PCAP_LE_MICROS, Framing.ETHERNET, sorted);
    }

    /** Every scenario that has RTP, in a stable order. */
    public static Map<String, Scenario> all() {
        List<Scenario> list = new ArrayList<>(List.of(clean(), jitter(), randomLoss(), burstLoss(), reordering(),
                duplicates(), sequenceWrap(), twoStreams(), ssrcChange(), ipv6(), vlan(), linuxCooked(),
                linuxCooked2(), pcapng(), pcapngBigEndianRaw(), firstReordered(), lossAtWrap(),
                markersAndComfortNoise(), veryLate()));
        Map<String, Scenario> byName = new LinkedHashMap<>();
        for (Scenario s : list) {
            byName.put(s.name(), s);
        }
        return byName;
    }
}
