import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telops.quality.pcap.RtpCaptureAnalyzer;
import org.telops.quality.rtp.RtpStreamReport;

/**
 * Times our analyzer (in-process, JIT warmed, several runs) against
 * {@code tshark -q -n -z rtp,streams} on the same capture and checks that every printed figure is
 * identical. Usage: {@code PcapBench FILE [ourRuns] [tsharkRuns]}.
 */
public final class PcapBench {
    private static final Pattern ROW = Pattern.compile(
            "^\\s*([\\d.]+)\\s+([\\d.]+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\d+)\\s+(0x[0-9A-F]{8})\\s+(.+?)\\s+(\\d+)\\s+(-?\\d+)\\s+\\((-?[\\d.]+)%\\)"
                    + "\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s+(-?[\\d.]+)\\s*(X?)\\s*$");

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int ourRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int tsharkRuns = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long frames = 0;
        List<RtpStreamReport> reports = null;
        System.out.printf(Locale.ROOT, "capture: %s (%.1f MiB)%n", file, Files.size(file) / 1048576.0);

        for (int i = 0; i < 3; i++) { // JIT warm-up, not timed
            RtpCaptureAnalyzer.analyze(file);
        }
        double[] ours = new double[ourRuns];
        for (int i = 0; i < ourRuns; i++) {
            long t = System.nanoTime();
            RtpCaptureAnalyzer.Result r = RtpCaptureAnalyzer.analyze(file);
            reports = r.reports(0);
            ours[i] = (System.nanoTime() - t) / 1e9;
            frames = r.read().frames();
        }
        double[] tshark = new double[tsharkRuns];
        String tsharkOut = null;
        for (int i = 0; i < tsharkRuns; i++) {
            long t = System.nanoTime();
            tsharkOut = runTshark(file);
            tshark[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(ours);
        Arrays.sort(tshark);
        double oursMedian = ours[ours.length / 2];
        double tsharkMedian = tshark[tshark.length / 2];
        System.out.printf(Locale.ROOT, "frames: %d, RTP streams: %d%n", frames, reports.size());
        System.out.printf(Locale.ROOT, "ours   (in-process, %d runs after 3 warm-up): median %.3f s, best %.3f s -> %,.0f packets/s (median)%n",
                ourRuns, oursMedian, ours[0], frames / oursMedian);
        System.out.printf(Locale.ROOT, "tshark (%d runs, process wall time):        median %.3f s, best %.3f s -> %,.0f packets/s (median)%n",
                tsharkRuns, tsharkMedian, tshark[0], frames / tsharkMedian);
        System.out.printf(Locale.ROOT, "speed-up: %.1fx (median vs median)%n", tsharkMedian / oursMedian);
        int mismatches = compare(reports, tsharkOut);
        System.out.println(mismatches == 0
                ? "figures: IDENTICAL - every stream, every column (pkts, lost, lost %, min/mean/max delta, min/mean/max jitter, SSRC, payload, start/end, problems)"
                : "figures: " + mismatches + " MISMATCHES (see above)");
        System.exit(mismatches == 0 ? 0 : 1);
    }

    private static String runTshark(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tshark", "-q", "-n", "-r", file.toString(), "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("tshark failed with exit code " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int compare(List<RtpStreamReport> reports, String tsharkOut) {
        Map<String, List<String>> theirs = new LinkedHashMap<>();
        for (String line : tsharkOut.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                List<String> cols = new ArrayList<>();
                for (int g = 1; g <= m.groupCount(); g++) {
                    cols.add(m.group(g));
                }
                theirs.put(m.group(3) + ":" + m.group(4) + ">" + m.group(5) + ":" + m.group(6) + "/" + m.group(7), cols);
            }
        }
        int mismatches = 0;
        if (theirs.size() != reports.size()) {
            System.out.println("stream count differs: tshark " + theirs.size() + ", ours " + reports.size());
            mismatches++;
        }
        for (RtpStreamReport r : reports) {
            String key = r.sourceAddress() + ":" + r.sourcePort() + ">" + r.destinationAddress() + ":" + r.destinationPort() + "/" + r.ssrcHex();
            List<String> t = theirs.get(key);
            List<String> o = List.of(f6(r.startSeconds()), f6(r.endSeconds()), r.sourceAddress(), "" + r.sourcePort(),
                    r.destinationAddress(), "" + r.destinationPort(), r.ssrcHex(), r.payloadNames(), "" + r.packets(),
                    "" + r.lost(), String.format(Locale.ROOT, "%.1f", r.lostPercent()), f3(r.minDeltaMs()), f3(r.meanDeltaMs()),
                    f3(r.maxDeltaMs()), f3(r.minJitterMs()), f3(r.meanJitterMs()), f3(r.maxJitterMs()), r.problems() ? "X" : "");
            if (!o.equals(t)) {
                System.out.println("MISMATCH " + key + "\n  tshark: " + t + "\n  ours:   " + o);
                mismatches++;
            }
        }
        return mismatches;
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String f6(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
