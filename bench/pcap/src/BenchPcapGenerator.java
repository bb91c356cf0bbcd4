import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes the benchmark capture: exactly {@code totalPackets} RTP packets (Ethernet/IPv4 or IPv6,
 * UDP, 20 ms G.711/G.729 frames) from 40 concurrent streams with jitter, random and burst loss,
 * a few reorderings and duplicates, one stream crossing the sequence-number wrap. Seeded, so
 * every run produces the same file.
 */
public final class BenchPcapGenerator {
    static final int STREAMS = 40;
    static final long T0_MICROS = 1_714_564_800_000_000L;

    public static void main(String[] args) throws IOException {
        generate(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
    }

    static void generate(Path file, int totalPackets) throws IOException {
        int perStream = totalPackets / STREAMS;
        long[] arrival = new long[totalPackets];
        int[] stream = new int[totalPackets];
        int[] seq = new int[totalPackets];
        long[] ts = new long[totalPackets];
        int n = 0;
        Random random = new Random(20240501);
        for (int s = 0; s < STREAMS; s++) {
            int quota = s == STREAMS - 1 ? totalPackets - n : perStream;
            long start = s * 137_000L; // staggered call starts, µs
            int firstSeq = s == 7 ? 60_000 : random.nextInt(30_000);
            long firstTs = random.nextInt() & 0xFFFF_FFFFL;
            double jitterMaxMicros = 1000 + random.nextInt(9000);
            int kept = 0;
            for (int i = 0; kept < quota; i++) {
                boolean burst = i % 5000 >= 4990;          // a 10-packet burst every 100 s
                if (i > 0 && (burst || random.nextDouble() < 0.01)) {
                    continue;                              // lost
                }
                arrival[n] = start + i * 20_000L + (i == 0 ? 0 : (long) (random.nextDouble() * jitterMaxMicros));
                stream[n] = s;
                seq[n] = (firstSeq + i) & 0xFFFF;
                ts[n] = (firstTs + i * 160L) & 0xFFFF_FFFFL;
                n++;
                kept++;
                if (kept < quota && i % 997 == 500) {      // duplicate, 3 ms later
                    arrival[n] = arrival[n - 1] + 3_000;
                    stream[n] = s;
                    seq[n] = seq[n - 1];
                    ts[n] = ts[n - 1];
                    n++;
                    kept++;
                }
                if (i % 1499 == 700 && n >= 2 && stream[n - 2] == s) { // reorder: swap with predecessor
                    long a = arrival[n - 1];
                    arrival[n - 1] = arrival[n - 2] + 1;
                    arrival[n - 2] = a;
                }
            }
        }
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = (arrival[i] << 21) | i;
        }
        Arrays.sort(order);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(header.array());
            ByteBuffer rec = ByteBuffer.allocate(16 + 14 + 40 + 8 + 12 + 160).order(ByteOrder.LITTLE_ENDIAN);
            for (long key : order) {
                int i = (int) (key & ((1 << 21) - 1));
                writePacket(out, rec, T0_MICROS + arrival[i], stream[i], seq[i], ts[i]);
            }
        }
    }

    private static void writePacket(OutputStream out, ByteBuffer rec, long micros, int s, int seq, long ts) throws IOException {
        boolean v6 = s % 10 == 9;
        int pt = s % 3 == 0 ? 8 : s % 7 == 0 ? 18 : 0;
        int payload = pt == 18 ? 20 : 160;
        int udpLen = 8 + 12 + payload;
        int ipLen = (v6 ? 40 : 20) + udpLen;
        int frameLen = 14 + ipLen;
        rec.clear();
        rec.order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(frameLen).putInt(frameLen);
        rec.order(ByteOrder.BIG_ENDIAN);
        rec.putInt(0x02000000).putShort((short) s).putInt(0x02000000).putShort((short) 0xFFFF).putShort((short) (v6 ? 0x86DD : 0x0800));
        boolean forward = s % 2 == 0;
        int hostA = 1 + s;
        int hostB = 101 + s;
        int src = forward ? hostA : hostB;
        int dst = forward ? hostB : hostA;
        if (v6) {
            rec.putInt(0x60000000).putShort((short) udpLen).put((byte) 17).put((byte) 64);
            rec.putLong(0x20010DB800000000L).putLong(src).putLong(0x20010DB800000000L).putLong(dst);
        } else {
            rec.putInt(0x45000000 | ipLen).putInt(0x40000000).putInt(0x40110000).putInt(0x0A000000 | src).putInt(0x0A000000 | dst);
        }
        rec.putShort((short) (20000 + 2 * s)).putShort((short) (30000 + 2 * s)).putShort((short) udpLen).putShort((short) 0);
        rec.put((byte) 0x80).put((byte) pt).putShort((short) seq).putInt((int) ts).putInt(0x5EED0000 | s);
        for (int k = 0; k < payload; k++) {
            rec.put((byte) 0xD5);
        }
        out.write(rec.array(), 0, rec.position());
    }
}
