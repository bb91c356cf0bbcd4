package org.telops.quality.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.telops.quality.pcap.TestCaptureWriter.Format;
import org.telops.quality.pcap.TestCaptureWriter.Frame;

class CaptureReaderTest {

    @TempDir
    Path dir;

    /** What the reader delivered, copied out of its reused buffer. */
    record Seen(byte[] bytes, int linkType, long epochNanos, int originalLength) {
    }

    static List<Seen> readAll(Path file) throws IOException {
        List<Seen> seen = new ArrayList<>();
        CaptureReader.read(file, (ByteBuffer b, int off, int cap, int orig, int link, long ts) -> {
            byte[] copy = new byte[cap];
            b.get(off, copy);
            seen.add(new Seen(copy, link, ts, orig));
        });
        return seen;
    }

    private static List<Frame> sampleFrames() {
        return List.of(
                new Frame(Scenarios.T0 + 123_456_789L, new byte[] {1, 2, 3, 4, 5}),
                new Frame(Scenarios.T0 + 1_000_000_001L, new byte[60]),
                new Frame(Scenarios.T0 + 2_500_000_000L, new byte[] {9}));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Format.class)
    @DisplayName("Every pcap and pcapng flavour yields the same frames, link type and time stamps.")
    void readsAllFormats(Format format) throws IOException {
        Path file = dir.resolve("f");
        TestCaptureWriter.write(file, format, 101, sampleFrames());
        List<Seen> seen = readAll(file);
        assertThat(seen).hasSize(3);
        boolean micros = format == Format.PCAP_LE_MICROS || format == Format.PCAP_BE_MICROS;
        for (int i = 0; i < 3; i++) {
            Frame expected = sampleFrames().get(i);
            long ts = micros ? expected.epochNanos() / 1000 * 1000 : expected.epochNanos();
            assertThat(seen.get(i).epochNanos()).isEqualTo(ts);
            assertThat(seen.get(i).bytes()).isEqualTo(expected.bytes());
            assertThat(seen.get(i).linkType()).isEqualTo(101); // pcapng: interface 1, not decoy interface 0
            assertThat(seen.get(i).originalLength()).isEqualTo(expected.bytes().length);
        }
    }

    @Test
    @DisplayName("pcapng uses each interface's own link type, resolution and offset, and restarts them per section.")
    void pcapngPerInterfaceAndSections() throws IOException {
        ByteArrayBuilder f = new ByteArrayBuilder(ByteOrder.LITTLE_ENDIAN);
        f.shb();
        f.idb(1, -1, 0);                 // iface 0: Ethernet, default microseconds
        f.idb(113, 0x80 | 10, 100);      // iface 1: Linux SLL, 2^-10 s units, +100 s offset
        f.epb(0, 1_500_000L, new byte[] {7, 7});
        f.epb(1, 2048L + 512L, new byte[] {8});
        f.spb(new byte[] {1, 2, 3, 4, 5, 6}); // simple packet: interface 0, no time stamp
        f.block(0x00000BAD, new byte[8]); // unknown block type: skipped
        ByteArrayBuilder be = new ByteArrayBuilder(ByteOrder.BIG_ENDIAN);
        be.shb();
        be.idb(101, 3, 0);               // new section: iface 0 is raw IP in milliseconds
        be.epb(0, 4_000L, new byte[] {4, 5, 6});
        Path file = dir.resolve("multi.pcapng");
        Files.write(file, concat(f.bytes(), be.bytes()));

        List<Seen> seen = readAll(file);
        assertThat(seen).extracting(Seen::linkType).containsExactly(1, 113, 1, 101);
        assertThat(seen).extracting(Seen::epochNanos)
                .containsExactly(1_500_000_000L, 102_500_000_000L, 0L, 4_000_000_000L);
        assertThat(seen.get(2).bytes()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    @DisplayName("Records larger than the read buffer and records straddling buffer refills arrive intact.")
    void bufferBoundaries() throws IOException {
        Random random = new Random(1);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[1 + random.nextInt(1500)];
            random.nextBytes(b);
            frames.add(new Frame(Scenarios.T0 + i, b));
        }
        byte[] huge = new byte[3 * CaptureReader.DEFAULT_BUFFER_BYTES + 17];
        random.nextBytes(huge);
        frames.add(1500, new Frame(Scenarios.T0, huge));
        Path file = dir.resolve("big.pcap");
        TestCaptureWriter.write(file, Format.PCAP_BE_NANOS, 1, frames);
        List<Seen> seen = readAll(file);
        assertThat(seen).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertThat(Arrays.equals(seen.get(i).bytes(), frames.get(i).bytes())).as("frame %d", i).isTrue();
        }
    }

    @Test
    @DisplayName("A wrong magic number is reported with its hex value.")
    void wrongMagic() throws IOException {
        Path file = dir.resolve("capture.pcap");
        Files.write(file, new byte[] {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0});
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessage("not a pcap or pcapng file (magic 0x12345678)");
    }

    @Test
    @DisplayName("An empty file is rejected as empty rather than as a bad magic number.")
    void emptyFile() throws IOException {
        Path file = dir.resolve("empty.pcap");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(CaptureFormatException.class).hasMessageContaining("empty file");
    }

    @Test
    @DisplayName("A pcap file cut inside its global header is rejected.")
    void truncatedGlobalHeader() throws IOException {
        Path file = dir.resolve("short.pcap");
        Files.write(file, new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0, 0, 0});
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("truncated pcap file header");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Format.class, names = {"PCAP_LE_MICROS", "PCAPNG_BE"})
    @DisplayName("A truncated last record yields a warning and every complete frame before it.")
    void truncatedLastRecord(Format format) throws IOException {
        Path full = dir.resolve("full");
        TestCaptureWriter.write(full, format, 1, sampleFrames());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 3));
        List<Seen> seen = new ArrayList<>();
        ReadSummary summary = CaptureReader.read(cut, (b, off, cap, orig, link, ts) -> seen.add(null));
        assertThat(seen).hasSize(2);
        assertThat(summary.frames()).isEqualTo(2);
        assertThat(summary.warning()).contains("truncated").contains("2 complete frames");
    }

    @Test
    @DisplayName("An impossible record length is reported as corruption with its byte offset.")
    void corruptRecordLength() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(24 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        b.putInt(0).putInt(0).putInt(0x7FFF_FFF0).putInt(60);
        Path file = dir.resolve("corrupt.pcap");
        Files.write(file, b.array());
        assertThatThrownBy(() -> readAll(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("corrupt pcap record at byte 24");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Hand-rolled pcapng blocks for layouts TestCaptureWriter does not produce. */
    static final class ByteArrayBuilder {
        private final ByteOrder order;
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        ByteArrayBuilder(ByteOrder order) {
            this.order = order;
        }

        void shb() {
            ByteBuffer body = ByteBuffer.allocate(16).order(order);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            block(0x0A0D0D0A, body.array());
        }

        void idb(int linkType, int tsResol, long tsOffsetSeconds) {
            ByteBuffer body = ByteBuffer.allocate(32).order(order);
            body.putShort((short) linkType).putShort((short) 0).putInt(0);
            if (tsResol >= 0) {
                body.putShort((short) 9).putShort((short) 1).put((byte) tsResol).put(new byte[3]);
            }
            if (tsOffsetSeconds != 0) {
                body.putShort((short) 14).putShort((short) 8).putLong(tsOffsetSeconds);
            }
            body.putInt(0);
            block(1, Arrays.copyOf(body.array(), body.position()));
        }

        void epb(int iface, long ts, byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(20 + ((data.length + 3) & ~3)).order(order);
            body.putInt(iface).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length).put(data);
            block(6, body.array());
        }

        void spb(byte[] data) {
            ByteBuffer body = ByteBuffer.allocate(4 + ((data.length + 3) & ~3)).order(order);
            body.putInt(data.length).put(data);
            block(3, body.array());
        }

        void block(int type, byte[] body) {
            ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(order);
            b.putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
            out.writeBytes(b.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
