package org.telops.quality.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side capture writer: frames synthetic RTP (or any UDP payload) in Ethernet, VLAN-tagged
 * Ethernet, Linux cooked SLL/SLL2 or raw IP, and writes classic pcap (either byte order, µs or ns)
 * or pcapng. Deliberately independent of the production reader so a shared bug cannot hide.
 */
public final class TestCaptureWriter {

    /** File flavours the reader must handle. */
    public enum Format { PCAP_LE_MICROS, PCAP_BE_MICROS, PCAP_LE_NANOS, PCAP_BE_NANOS, PCAPNG_LE, PCAPNG_BE }

    /** Link-layer framings. */
    public enum Framing {
        ETHERNET(1), ETHERNET_VLAN(1), ETHERNET_QINQ(1), LINUX_SLL(113), LINUX_SLL2(276), RAW_IP(101);

        final int linkType;

        Framing(int linkType) {
            this.linkType = linkType;
        }
    }

    /** A frame ready to be written. */
    public record Frame(long epochNanos, byte[] bytes) {
    }

    private TestCaptureWriter() {
    }

    public static List<Frame> frames(List<TestRtpPacket> packets, Framing framing) {
        List<Frame> frames = new ArrayList<>(packets.size());
        for (TestRtpPacket p : packets) {
            frames.add(new Frame(p.arrivalNanos(), udpFrame(framing, p.src(), p.srcPort(), p.dst(), p.dstPort(), p.rtpBytes())));
        }
        return frames;
    }

    public static void write(Path file, Format format, Framing framing, List<TestRtpPacket> packets) {
        write(file, format, framing.linkType, frames(packets, framing));
    }

    public static void write(Path file, Format format, int linkType, List<Frame> frames) {
        try (OutputStream out = Files.newOutputStream(file)) {
            switch (format) {
                case PCAPNG_LE, PCAPNG_BE -> writePcapng(out, format == Format.PCAPNG_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, linkType, frames);
                default -> writePcap(out, format, linkType, frames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePcap(OutputStream out, Format format, int linkType, List<Frame> frames) throws IOException {
        ByteOrder order = format == Format.PCAP_LE_MICROS || format == Format.PCAP_LE_NANOS ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        boolean nanos = format == Format.PCAP_LE_NANOS || format == Format.PCAP_BE_NANOS;
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
        out.write(h.array());
        for (Frame f : frames) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long seconds = Math.floorDiv(f.epochNanos(), 1_000_000_000L);
            long fraction = Math.floorMod(f.epochNanos(), 1_000_000_000L);
            r.putInt((int) seconds).putInt((int) (nanos ? fraction : fraction / 1000)).putInt(f.bytes().length).putInt(f.bytes().length);
            out.write(r.array());
            out.write(f.bytes());
        }
    }

    private static void writePcapng(OutputStream out, ByteOrder order, int linkType, List<Frame> frames) throws IOException {
        // Section header
        ByteBuffer shb = ByteBuffer.allocate(28).order(order);
        shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L).putInt(28);
        out.write(shb.array());
        // Interface 0: a decoy Ethernet interface in microseconds (unused), interface 1: the real
        // one with nanosecond resolution, so per-interface link type and if_tsresol are exercised.
        out.write(idb(order, 1, -1));
        out.write(idb(order, linkType, 9));
        for (Frame f : frames) {
            int padded = (f.bytes().length + 3) & ~3;
            int length = 32 + padded;
            ByteBuffer epb = ByteBuffer.allocate(length).order(order);
            long ts = f.epochNanos();
            epb.putInt(6).putInt(length).putInt(1).putInt((int) (ts >>> 32)).putInt((int) ts)
                    .putInt(f.bytes().length).putInt(f.bytes().length).put(f.bytes());
            epb.position(length - 4);
            epb.putInt(length);
            out.write(epb.array());
        }
    }

    private static byte[] idb(ByteOrder order, int linkType, int tsResolution) {
        int length = tsResolution < 0 ? 20 : 32;
        ByteBuffer b = ByteBuffer.allocate(length).order(order);
        b.putInt(1).putInt(length).putShort((short) linkType).putShort((short) 0).putInt(0);
        if (tsResolution >= 0) {
            b.putShort((short) 9).putShort((short) 1).put((byte) tsResolution).put(new byte[3]);
            b.putShort((short) 0).putShort((short) 0); // opt_endofopt
        }
        b.putInt(length);
        return b.array();
    }

    /** Builds one link-layer frame carrying a UDP datagram. */
    public static byte[] udpFrame(Framing framing, String src, int srcPort, String dst, int dstPort, byte[] payload) {
        byte[] srcAddr = address(src);
        byte[] dstAddr = address(dst);
        byte[] ip = srcAddr.length == 4 ? ipv4(srcAddr, dstAddr, udp(srcPort, dstPort, payload))
                : ipv6(srcAddr, dstAddr, udp(srcPort, dstPort, payload));
        int etherType = srcAddr.length == 4 ? 0x0800 : 0x86DD;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (framing) {
            case ETHERNET, ETHERNET_VLAN, ETHERNET_QINQ -> {
                out.writeBytes(new byte[] {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01});
                if (framing == Framing.ETHERNET_QINQ) {
                    out.writeBytes(new byte[] {(byte) 0x88, (byte) 0xA8, 0x00, 0x64}); // S-tag VLAN 100
                }
                if (framing != Framing.ETHERNET) {
                    out.writeBytes(new byte[] {(byte) 0x81, 0x00, 0x00, 0x0A}); // C-tag VLAN 10
                }
                out.writeBytes(new byte[] {(byte) (etherType >>> 8), (byte) etherType});
            }
            case LINUX_SLL -> out.writeBytes(new byte[] {0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0,
                (byte) (etherType >>> 8), (byte) etherType});
            case LINUX_SLL2 -> out.writeBytes(new byte[] {(byte) (etherType >>> 8), (byte) etherType, 0, 0,
                0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0});
            case RAW_IP -> {
            }
        }
        out.writeBytes(ip);
        return out.toByteArray();
    }

    static byte[] udp(int srcPort, int dstPort, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        return b.array();
    }

    static byte[] ipv4(byte[] src, byte[] dst, byte[] udp) {
        ByteBuffer b = ByteBuffer.allocate(20 + udp.length);
        b.put((byte) 0x45).put((byte) 0xB8).putShort((short) (20 + udp.length)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
        short checksum = ipChecksum(b.array());
        b.putShort(10, checksum);
        b.position(20);
        b.put(udp);
        return b.array();
    }

    static byte[] ipv6(byte[] src, byte[] dst, byte[] udp) {
        // A hop-by-hop options header (8 bytes of PadN) precedes UDP, to exercise extension skipping.
        ByteBuffer b = ByteBuffer.allocate(40 + 8 + udp.length);
        b.putInt(0x60000000).putShort((short) (8 + udp.length)).put((byte) 0).put((byte) 64).put(src).put(dst);
        b.put((byte) 17).put((byte) 0).put((byte) 1).put((byte) 4).putInt(0);
        b.put(udp);
        return b.array();
    }

    private static short ipChecksum(byte[] header) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((header[i] & 0xFF) << 8) | (header[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // literals only: no DNS lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
