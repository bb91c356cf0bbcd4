package org.telops.quality.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.quality.pcap.TestCaptureWriter.Format;
import org.telops.quality.pcap.TestCaptureWriter.Frame;
import org.telops.quality.pcap.TestCaptureWriter.Framing;

class AnalyzePcapCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AnalyzePcapCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void assertOneLineErrorNamingFile(String file) {
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith(file + ": ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out()).isEmpty();
    }

    @Test
    @DisplayName("The table lists each stream with tshark's columns plus a MOS column.")
    void table() {
        Path file = Scenarios.twoStreams().writeTo(dir);
        assertThat(run("analyze-pcap", file.toString())).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(1)).contains("Src IP addr", "SSRC", "Lost", "Max Delta(ms)", "Mean Jitter(ms)", "MOS", "Problems?");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(2)).contains("10.0.0.1", "40000", "0xAAAA0001", "g711U", "500", "0 (0.0%)", "20.002", " 4.40 ");
        assertThat(lines.get(3)).contains("0xBBBB0002", "g711A").endsWith("X");
        assertThat(err()).isEmpty();
    }

    @Test
    @DisplayName("--json prints an array with one object per stream and every figure.")
    void json() throws IOException {
        Path file = Scenarios.clean().writeTo(dir);
        assertThat(run(file.toString(), "--json")).isZero();
        JsonNode array = new ObjectMapper().readTree(out());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        JsonNode s = array.get(0);
        assertThat(s.get("ssrc").asText()).isEqualTo("0x11111111");
        assertThat(s.get("srcAddr").asText()).isEqualTo("10.0.0.1");
        assertThat(s.get("packets").asLong()).isEqualTo(500);
        assertThat(s.get("lost").asInt()).isZero();
        assertThat(s.get("maxDeltaMs").asDouble()).isEqualTo(20.0);
        assertThat(s.get("payload").asText()).isEqualTo("g711U");
        assertThat(s.get("mos").asDouble()).isBetween(4.39, 4.41);
    }

    @Test
    @DisplayName("--delay-ms feeds the E-model and lowers the MOS.")
    void delayOption() throws IOException {
        Path file = Scenarios.clean().writeTo(dir);
        assertThat(run(file.toString(), "--json", "--delay-ms", "300")).isZero();
        double mos = new ObjectMapper().readTree(out()).get(0).get("mos").asDouble();
        assertThat(mos).isLessThan(4.0);
    }

    @Test
    @DisplayName("Usage errors exit with 2 and explain the usage.")
    void usage() {
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("missing FILE").contains("usage: analyze-pcap");
        assertThat(run("a.pcap", "b.pcap")).isEqualTo(2);
        assertThat(run("--bogus", "a.pcap")).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");
        assertThat(run("a.pcap", "--delay-ms", "-5")).isEqualTo(2);
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: analyze-pcap");
    }

    @Test
    @DisplayName("A missing file exits with 1 and one line naming it.")
    void missingFile() {
        String file = dir.resolve("nope.pcap").toString();
        assertThat(run(file)).isEqualTo(1);
        assertOneLineErrorNamingFile(file);
        assertThat(err()).contains("no such file");
    }

    @Test
    @DisplayName("A file with the wrong magic number is named with the magic in hex.")
    void wrongMagic() throws IOException {
        Path file = dir.resolve("capture.pcap");
        Files.write(file, new byte[] {0x12, 0x34, 0x56, 0x78, 1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(run(file.toString())).isEqualTo(1);
        assertOneLineErrorNamingFile(file.toString());
        assertThat(err().trim()).isEqualTo(file + ": not a pcap or pcapng file (magic 0x12345678)");
    }

    @Test
    @DisplayName("An empty file exits with 1 and says it is empty.")
    void emptyFile() throws IOException {
        Path file = dir.resolve("empty.pcap");
        Files.write(file, new byte[0]);
        assertThat(run(file.toString())).isEqualTo(1);
        assertOneLineErrorNamingFile(file.toString());
        assertThat(err()).contains("empty file");
    }

    @Test
    @DisplayName("A directory is refused as not a capture file.")
    void directory() {
        assertThat(run(dir.toString())).isEqualTo(1);
        assertOneLineErrorNamingFile(dir.toString());
    }

    @Test
    @DisplayName("A truncated last record warns on stderr and still analyses what was read.")
    void truncated() throws IOException {
        Path file = Scenarios.clean().writeTo(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 50));
        assertThat(run(file.toString())).isZero();
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).startsWith(file + ": warning: file is truncated");
        assertThat(out()).contains("0x11111111").contains("  499 ");
    }

    @Test
    @DisplayName("UDP that is not RTP exits with 1 and says no RTP was found in non-RTP UDP.")
    void nonRtpUdp() {
        Random random = new Random(99);
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] payload = new byte[12 + random.nextInt(200)];
            random.nextBytes(payload); // a quarter of these even carry RTP's version bits
            frames.add(new Frame(Scenarios.T0 + i * 1_000_000L,
                    TestCaptureWriter.udpFrame(Framing.ETHERNET, "10.1.1.1", 53000 + (i % 3), "10.1.1.2", 53, payload)));
        }
        Path file = dir.resolve("dns.pcap");
        TestCaptureWriter.write(file, Format.PCAP_LE_MICROS, 1, frames);
        assertThat(run(file.toString())).isEqualTo(1);
        assertOneLineErrorNamingFile(file.toString());
        assertThat(err()).contains("no RTP found").contains("300 UDP datagrams").contains("non-RTP UDP");
    }

    @Test
    @DisplayName("A capture without any UDP exits with 1 and says so.")
    void noUdp() {
        byte[] frame = TestCaptureWriter.udpFrame(Framing.ETHERNET, "10.1.1.1", 1, "10.1.1.2", 2, new byte[20]);
        frame[14 + 9] = 6; // TCP
        Path file = dir.resolve("tcp.pcapng");
        TestCaptureWriter.write(file, Format.PCAPNG_LE, 1, List.of(new Frame(Scenarios.T0, frame)));
        assertThat(run(file.toString())).isEqualTo(1);
        assertOneLineErrorNamingFile(file.toString());
        assertThat(err()).contains("no RTP found").contains("UDP");
    }
}
