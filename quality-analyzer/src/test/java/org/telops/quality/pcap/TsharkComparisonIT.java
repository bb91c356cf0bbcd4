package org.telops.quality.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.telops.quality.rtp.RtpStreamReport;

/**
 * Runs {@code tshark -q -n -r FILE -o rtp.heuristic_rtp:TRUE -z rtp,streams} on every generated
 * scenario and requires every printed figure of every stream to equal ours, compared as the
 * strings tshark prints (so "within tshark's rounding" is exact equality of the rounded text).
 * The heuristic option makes tshark decode UDP to even destination ports as RTP without SIP/SDP.
 */
class TsharkComparisonIT {

    private static final Pattern ROW = Pattern.compile(
            "^\\s*([\\d.]+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(0x[0-9A-F]{8})\\s+(.+?)\\s+(\\d+)\\s+(-?\\d+)\\s+\\((-?[\\d.]+)%\\)"
                    + "\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s*(X?)\\s*$");
    private static final List<String> COLUMNS = List.of("start", "end", "src addr", "src port", "dst addr", "dst port",
            "SSRC", "payload", "packets", "lost", "lost %", "min delta", "mean delta", "max delta", "min jitter",
            "mean jitter", "max jitter", "problems");

    private static String tshark;

    @TempDir
    static Path dir;

    @BeforeAll
    static void findTshark() {
        tshark = onPath("tshark");
        if (tshark == null) {
            String missing = "tshark is not installed (apt-get install -y tshark); it is needed to compare figures";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + " and CI=true, where it must be present");
            }
            Assumptions.abort(missing);
        }
    }

    static Stream<String> scenarios() {
        return Scenarios.all().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("Every figure of every stream equals what tshark -z rtp,streams prints.")
    void matchesTshark(String name) throws Exception {
        Path file = Scenarios.all().get(name).writeTo(dir);
        Map<String, List<String>> theirs = runTshark(file);
        List<RtpStreamReport> ours = RtpCaptureAnalyzer.analyze(file).reports(0);

        assertThat(theirs).as("tshark found streams in %s", name).isNotEmpty();
        assertThat(ours).as("stream count of %s", name).hasSize(theirs.size());
        for (RtpStreamReport r : ours) {
            String key = key(r.sourceAddress(), "" + r.sourcePort(), r.destinationAddress(), "" + r.destinationPort(), r.ssrcHex());
            assertThat(theirs).as("tshark has stream %s", key).containsKey(key);
            List<String> t = theirs.get(key);
            List<String> o = columns(r);
            for (int i = 0; i < COLUMNS.size(); i++) {
                assertThat(o.get(i)).as("%s %s: %s", name, key, COLUMNS.get(i)).isEqualTo(t.get(i));
            }
        }
    }

    static List<String> columns(RtpStreamReport r) {
        return List.of(fmt("%.6f", r.startSeconds()), fmt("%.6f", r.endSeconds()), r.sourceAddress(), "" + r.sourcePort(),
                r.destinationAddress(), "" + r.destinationPort(), r.ssrcHex(), r.payloadNames(), "" + r.packets(),
                "" + r.lost(), fmt("%.1f", r.lostPercent()), fmt("%.3f", r.minDeltaMs()), fmt("%.3f", r.meanDeltaMs()),
                fmt("%.3f", r.maxDeltaMs()), fmt("%.3f", r.minJitterMs()), fmt("%.3f", r.meanJitterMs()),
                fmt("%.3f", r.maxJitterMs()), r.problems() ? "X" : "");
    }

    private static Map<String, List<String>> runTshark(Path file) throws IOException, InterruptedException {
        Path output = dir.resolve(file.getFileName() + ".tshark.txt");
        Process p = new ProcessBuilder(tshark, "-q", "-n", "-r", file.toString(), "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams")
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("tshark did not finish within 120 s on " + file);
        }
        assertThat(p.exitValue()).as("tshark exit code on %s", file).isZero();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                List<String> cols = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    cols.add(m.group(g));
                }
                rows.put(key(m.group(3), m.group(4), m.group(5), m.group(6), m.group(7)), cols);
            }
        }
        return rows;
    }

    private static String key(String src, String sport, String dst, String dport, String ssrc) {
        return src + ":" + sport + " > " + dst + ":" + dport + " " + ssrc;
    }

    private static String fmt(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
