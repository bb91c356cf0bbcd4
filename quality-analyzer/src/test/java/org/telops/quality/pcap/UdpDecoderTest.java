package org.telops.quality.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telops.quality.pcap.TestCaptureWriter.Framing;

class UdpDecoderTest {

    private final UdpDecoder decoder = new UdpDecoder();

    private boolean decode(byte[] frame, int linkType) {
        // Offset 5 inside a larger buffer: the decoder must honour the frame offset.
        byte[] padded = new byte[frame.length + 9];
        System.arraycopy(frame, 0, padded, 5, frame.length);
        return decoder.decode(ByteBuffer.wrap(padded), 5, frame.length, linkType);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Framing.class)
    @DisplayName("Every supported framing of an IPv4 datagram yields its addresses, ports and payload.")
    void ipv4InEveryFraming(Framing framing) {
        byte[] frame = TestCaptureWriter.udpFrame(framing, "192.168.1.10", 16384, "10.20.30.40", 16386, new byte[172]);
        assertThat(decode(frame, framing.linkType)).isTrue();
        assertThat(decoder.ipVersion).isEqualTo(4);
        assertThat(decoder.srcLo).isEqualTo(0xC0A8010AL);
        assertThat(decoder.dstLo).isEqualTo(0x0A141E28L);
        assertThat(decoder.srcPort).isEqualTo(16384);
        assertThat(decoder.dstPort).isEqualTo(16386);
        assertThat(decoder.payloadLength).isEqualTo(172);
        assertThat(decoder.capturedPayloadLength).isEqualTo(172);
        assertThat(decoder.payloadOffset).isEqualTo(5 + frame.length - 172);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Framing.class, names = {"ETHERNET", "ETHERNET_QINQ", "LINUX_SLL2", "RAW_IP"})
    @DisplayName("IPv6 behind a hop-by-hop options header is decoded to its 128-bit addresses.")
    void ipv6WithExtensionHeader(Framing framing) {
        byte[] frame = TestCaptureWriter.udpFrame(framing, "2001:db8::1", 5004, "fe80::aa:2", 5006, new byte[33]);
        assertThat(decode(frame, framing.linkType)).isTrue();
        assertThat(decoder.ipVersion).isEqualTo(6);
        assertThat(decoder.srcHi).isEqualTo(0x20010DB800000000L);
        assertThat(decoder.srcLo).isEqualTo(1L);
        assertThat(decoder.dstHi).isEqualTo(0xFE80000000000000L);
        assertThat(decoder.dstLo).isEqualTo(0xAA0002L);
        assertThat(decoder.payloadLength).isEqualTo(33);
    }

    @Test
    @DisplayName("IPv6 routing and destination-options headers are skipped on the way to UDP.")
    void ipv6RoutingAndDestinationOptions() {
        ByteBuffer b = ByteBuffer.allocate(40 + 24 + 8 + 8 + 4);
        b.putInt(0x60000000).putShort((short) (24 + 8 + 8 + 4)).put((byte) 43).put((byte) 64);
        b.putLong(1).putLong(2).putLong(3).putLong(4);
        b.put((byte) 60).put((byte) 2).put(new byte[22]);           // routing, 24 bytes
        b.put((byte) 17).put((byte) 0).put(new byte[6]);            // destination options, 8 bytes
        b.putShort((short) 1000).putShort((short) 2000).putShort((short) 12).putShort((short) 0).putInt(0xCAFEBABE);
        assertThat(decode(b.array(), UdpDecoder.LINKTYPE_IPV6)).isTrue();
        assertThat(decoder.srcPort).isEqualTo(1000);
        assertThat(decoder.payloadLength).isEqualTo(4);
    }

    @Test
    @DisplayName("IPv4 fragments are ignored: the first has no complete datagram, later ones no UDP header.")
    void ipv4Fragments() {
        byte[] frame = TestCaptureWriter.udpFrame(Framing.RAW_IP, "10.0.0.1", 4000, "10.0.0.2", 4002, new byte[20]);
        frame[6] = 0x20; // More Fragments, offset 0
        frame[7] = 0;
        assertThat(decode(frame, UdpDecoder.LINKTYPE_RAW)).isFalse();
        frame[6] = 0x00; // last fragment at offset 185 × 8
        frame[7] = (byte) 185;
        assertThat(decode(frame, UdpDecoder.LINKTYPE_RAW)).isFalse();
        frame[6] = 0x40; // Don't Fragment only: a whole datagram
        frame[7] = 0;
        assertThat(decode(frame, UdpDecoder.LINKTYPE_RAW)).isTrue();
    }

    @Test
    @DisplayName("A non-first IPv6 fragment is ignored.")
    void ipv6Fragment() {
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + 16);
        b.putInt(0x60000000).putShort((short) 24).put((byte) 44).put((byte) 64).putLong(1).putLong(2).putLong(3).putLong(4);
        b.put((byte) 17).put((byte) 0).putShort((short) (100 << 3)).putInt(7);
        assertThat(decode(b.array(), UdpDecoder.LINKTYPE_IPV6)).isFalse();
    }

    @Test
    @DisplayName("Ethernet padding after a short datagram is not taken as payload.")
    void ethernetPadding() {
        byte[] frame = TestCaptureWriter.udpFrame(Framing.ETHERNET, "10.0.0.1", 4000, "10.0.0.2", 4002, new byte[4]);
        byte[] padded = java.util.Arrays.copyOf(frame, 60);
        assertThat(decode(padded, UdpDecoder.LINKTYPE_ETHERNET)).isTrue();
        assertThat(decoder.capturedPayloadLength).isEqualTo(4);
    }

    @Test
    @DisplayName("TCP, ARP and unknown link types are not UDP.")
    void notUdp() {
        byte[] frame = TestCaptureWriter.udpFrame(Framing.ETHERNET, "10.0.0.1", 4000, "10.0.0.2", 4002, new byte[4]);
        byte[] tcp = frame.clone();
        tcp[14 + 9] = 6;
        assertThat(decode(tcp, UdpDecoder.LINKTYPE_ETHERNET)).isFalse();
        byte[] arp = frame.clone();
        arp[12] = 0x08;
        arp[13] = 0x06;
        assertThat(decode(arp, UdpDecoder.LINKTYPE_ETHERNET)).isFalse();
        assertThat(decode(frame, 147)).isFalse();
        assertThat(decode(java.util.Arrays.copyOf(frame, 30), UdpDecoder.LINKTYPE_ETHERNET)).isFalse();
    }
}
