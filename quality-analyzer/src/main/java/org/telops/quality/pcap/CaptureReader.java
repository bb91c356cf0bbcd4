package org.telops.quality.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a classic pcap or pcapng file frame by frame.
 *
 * <p>Memory stays constant in the file size: one read buffer (1 MiB, grown only if a single record
 * is larger) is refilled from a {@link FileChannel}, and every field is read with absolute
 * {@link ByteBuffer} gets on that buffer. No object is created per frame, which is what makes the
 * reader fast enough to out-run tshark by a wide margin.
 */
public final class CaptureReader {

    static final int DEFAULT_BUFFER_BYTES = 1 << 20;
    /** Larger records are treated as corruption rather than allocated (real snaplens are ≤ 256 KiB). */
    static final int MAX_RECORD_BYTES = 64 << 20;

    private static final int PCAP_MAGIC_US = 0xA1B2C3D4;
    private static final int PCAP_MAGIC_NS = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;
    private static final int PCAPNG_IDB = 1;
    private static final int PCAPNG_OPB = 2;
    private static final int PCAPNG_SPB = 3;
    private static final int PCAPNG_EPB = 6;

    private final FileChannel channel;
    private byte[] buf = new byte[DEFAULT_BUFFER_BYTES];
    private ByteBuffer be = ByteBuffer.wrap(buf);
    private ByteBuffer le = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    /** Byte order of the file or current pcapng section (fields, not the packets themselves). */
    private boolean littleEndianFile;
    private int pos;
    private int limit;
    private long consumedBeforeBuffer; // file offset of buf[0]
    private boolean eof;

    private final PcapngInterfaces interfaces = new PcapngInterfaces();

    private CaptureReader(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads the whole file, handing each frame to {@code handler}.
     *
     * @throws NoSuchFileException when the file does not exist
     * @throws CaptureFormatException when the file is not a capture or is corrupt before its end
     */
    public static ReadSummary read(Path file, PacketHandler handler) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new CaptureReader(ch).readAll(handler);
        }
    }

    private ReadSummary readAll(PacketHandler handler) throws IOException {
        if (!fill(4)) {
            if (limit == 0) {
                throw new CaptureFormatException("empty file (0 bytes), not a pcap or pcapng capture");
            }
            throw new CaptureFormatException("file too short (" + limit + " bytes) to be a pcap or pcapng capture");
        }
        int magicBe = be.getInt(0);
        int magicLe = le.getInt(0);
        if (magicBe == PCAPNG_SHB) {
            return readPcapng(handler);
        }
        if (magicLe == PCAP_MAGIC_US || magicLe == PCAP_MAGIC_NS) {
            littleEndianFile = true;
            return readPcap(handler, magicLe == PCAP_MAGIC_NS);
        }
        if (magicBe == PCAP_MAGIC_US || magicBe == PCAP_MAGIC_NS) {
            return readPcap(handler, magicBe == PCAP_MAGIC_NS);
        }
        throw new CaptureFormatException(String.format("not a pcap or pcapng file (magic 0x%08x)", magicBe));
    }

    // ------------------------------------------------------------------ classic pcap

    private ReadSummary readPcap(PacketHandler handler, boolean nanos) throws IOException {
        if (!fill(24)) {
            throw new CaptureFormatException("truncated pcap file header (" + (limit - pos) + " of 24 bytes)");
        }
        int linkType = order().getInt(20) & 0x03FFFFFF; // upper bits carry FCS info, not the link type
        long fracToNanos = nanos ? 1L : 1000L;
        pos = 24;
        long frames = 0;
        String warning = null;
        while (true) {
            if (!fill(16)) {
                if (limit > pos) {
                    warning = truncatedWarning(frames, "record header");
                }
                break;
            }
            ByteBuffer order = order(); // re-read per record: fill() may have replaced the buffer
            long seconds = order.getInt(pos) & 0xFFFFFFFFL;
            long fraction = order.getInt(pos + 4) & 0xFFFFFFFFL;
            int captured = order.getInt(pos + 8);
            int original = order.getInt(pos + 12);
            if (captured < 0 || captured > MAX_RECORD_BYTES) {
                throw new CaptureFormatException(String.format(
                        "corrupt pcap record at byte %d (captured length %d)", fileOffset(pos), captured & 0xFFFFFFFFL));
            }
            if (!fill(16 + captured)) {
                warning = truncatedWarning(frames, "record data");
                break;
            }
            handler.onPacket(be, pos + 16, captured, original, linkType, seconds * 1_000_000_000L + fraction * fracToNanos);
            frames++;
            pos += 16 + captured;
        }
        return new ReadSummary("pcap", frames, warning);
    }

    // ------------------------------------------------------------------ pcapng

    private ReadSummary readPcapng(PacketHandler handler) throws IOException {
        long frames = 0;
        String warning = null;
        while (true) {
            if (!fill(12)) {
                if (limit > pos) {
                    warning = truncatedWarning(frames, "block header");
                }
                break;
            }
            int type = be.getInt(pos);
            if (type == PCAPNG_SHB) {
                int bom = be.getInt(pos + 8);
                if (bom == PCAPNG_BOM) {
                    littleEndianFile = false;
                } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
                    littleEndianFile = true;
                } else {
                    throw new CaptureFormatException(String.format(
                            "corrupt pcapng section header at byte %d (byte-order magic 0x%08x)", fileOffset(pos), bom));
                }
                interfaces.clear();
            } else {
                type = order().getInt(pos);
            }
            long blockLength = order().getInt(pos + 4) & 0xFFFFFFFFL;
            if (blockLength < 12 || (blockLength & 3) != 0 || blockLength > MAX_RECORD_BYTES) {
                throw new CaptureFormatException(String.format(
                        "corrupt pcapng block at byte %d (block length %d)", fileOffset(pos), blockLength));
            }
            int len = (int) blockLength;
            if (!fill(len)) {
                warning = truncatedWarning(frames, "block");
                break;
            }
            ByteBuffer order = order(); // after fill(): the buffer may have been replaced
            switch (type) {
                case PCAPNG_IDB -> readInterface(order, len);
                case PCAPNG_EPB -> {
                    frames += enhancedPacket(handler, order, len);
                }
                case PCAPNG_SPB -> {
                    frames += simplePacket(handler, order, len);
                }
                case PCAPNG_OPB -> {
                    frames += obsoletePacket(handler, order, len);
                }
                default -> {
                    // SHB body, name resolution, statistics, custom blocks: nothing we need
                }
            }
            pos += len;
        }
        return new ReadSummary("pcapng", frames, warning);
    }

    private void readInterface(ByteBuffer order, int len) throws CaptureFormatException {
        if (len < 20) {
            throw new CaptureFormatException("corrupt pcapng interface block at byte " + fileOffset(pos));
        }
        int linkType = order.getShort(pos + 8) & 0xFFFF;
        int snapLength = order.getInt(pos + 12);
        int tsResolution = 6; // default: microseconds
        long tsOffsetSeconds = 0;
        int opt = pos + 16;
        int end = pos + len - 4;
        while (opt + 4 <= end) {
            int code = order.getShort(opt) & 0xFFFF;
            int optLen = order.getShort(opt + 2) & 0xFFFF;
            if (code == 0 || opt + 4 + optLen > end) {
                break;
            }
            if (code == 9 && optLen >= 1) {
                tsResolution = buf[opt + 4] & 0xFF;
            } else if (code == 14 && optLen >= 8) {
                tsOffsetSeconds = order.getLong(opt + 4);
            }
            opt += 4 + ((optLen + 3) & ~3);
        }
        interfaces.add(linkType, snapLength, tsResolution, tsOffsetSeconds);
    }

    private int enhancedPacket(PacketHandler handler, ByteBuffer order, int len) throws CaptureFormatException {
        int iface = order.getInt(pos + 8);
        long ts = ((order.getInt(pos + 12) & 0xFFFFFFFFL) << 32) | (order.getInt(pos + 16) & 0xFFFFFFFFL);
        int captured = order.getInt(pos + 20);
        int original = order.getInt(pos + 24);
        return deliver(handler, iface, ts, pos + 28, captured, original, len - 32);
    }

    private int obsoletePacket(PacketHandler handler, ByteBuffer order, int len) throws CaptureFormatException {
        int iface = order.getShort(pos + 8) & 0xFFFF;
        long ts = ((order.getInt(pos + 12) & 0xFFFFFFFFL) << 32) | (order.getInt(pos + 16) & 0xFFFFFFFFL);
        int captured = order.getInt(pos + 20);
        int original = order.getInt(pos + 24);
        return deliver(handler, iface, ts, pos + 28, captured, original, len - 32);
    }

    private int simplePacket(PacketHandler handler, ByteBuffer order, int len) throws CaptureFormatException {
        if (interfaces.size() == 0) {
            throw new CaptureFormatException("pcapng simple packet block before any interface block at byte " + fileOffset(pos));
        }
        int original = order.getInt(pos + 8);
        int room = len - 16;
        int captured = original < 0 || original > room ? room : original;
        int snap = interfaces.snapLength(0);
        if (snap > 0 && captured > snap) {
            captured = snap;
        }
        // A simple packet block carries no time stamp; like Wireshark, we report time 0.
        handler.onPacket(be, pos + 12, captured, original, interfaces.linkType(0), 0L);
        return 1;
    }

    private int deliver(PacketHandler handler, int iface, long ts, int dataStart, int captured, int original, int room)
            throws CaptureFormatException {
        if (iface < 0 || iface >= interfaces.size()) {
            throw new CaptureFormatException(String.format(
                    "pcapng packet at byte %d names interface %d, but only %d are defined",
                    fileOffset(pos), iface, interfaces.size()));
        }
        if (captured < 0 || captured > room) {
            throw new CaptureFormatException(String.format(
                    "corrupt pcapng packet block at byte %d (captured length %d)", fileOffset(pos), captured));
        }
        handler.onPacket(be, dataStart, captured, original, interfaces.linkType(iface), interfaces.toEpochNanos(iface, ts));
        return 1;
    }

    // ------------------------------------------------------------------ buffering

    /** Ensures {@code needed} bytes from {@code pos} are buffered; false on end of file. */
    private boolean fill(int needed) throws IOException {
        if (limit - pos >= needed) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumedBeforeBuffer += pos;
            limit -= pos;
            pos = 0;
        }
        if (needed > buf.length) {
            byte[] bigger = new byte[Math.max(needed, buf.length * 2)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
            be = ByteBuffer.wrap(buf);
            le = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        }
        while (limit < needed && !eof) {
            ByteBuffer io = ByteBuffer.wrap(buf, limit, buf.length - limit);
            int n = channel.read(io);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
        return limit - pos >= needed;
    }

    private ByteBuffer order() {
        return littleEndianFile ? le : be;
    }

    private long fileOffset(int bufferIndex) {
        return consumedBeforeBuffer + bufferIndex;
    }

    private String truncatedWarning(long frames, String what) {
        return String.format("file is truncated: last %s at byte %d is incomplete (%d bytes left); analysed the %d complete frames before it",
                what, fileOffset(pos), limit - pos, frames);
    }
}
