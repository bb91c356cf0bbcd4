package org.telops.quality.pcap;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.telops.quality.rtp.RtpStreamReport;

/**
 * {@code analyze-pcap FILE [--json] [--delay-ms N]}: per-RTP-stream loss, delta, jitter and MOS
 * of a pcap/pcapng capture.
 *
 * <p>Exit codes: 0 analysed, 1 the file cannot be analysed (missing, not a capture, corrupt, no
 * RTP), 2 usage error. Every failure is one line on {@code err} that starts with the file name;
 * no stack trace reaches the user, because operators paste these lines into tickets.
 */
public final class AnalyzePcapCli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_FILE = 1;
    public static final int EXIT_USAGE = 2;

    static final String USAGE = "usage: analyze-pcap FILE [--json] [--delay-ms N]\n"
            + "  Lists the RTP streams in a pcap or pcapng capture with packets, loss, delta, jitter\n"
            + "  (as tshark -z rtp,streams computes them) and an E-model MOS estimate (G.711 + PLC).\n"
            + "  --json        print a JSON array instead of a table\n"
            + "  --delay-ms N  one-way network delay in ms for the MOS estimate (default 0)";

    private AnalyzePcapCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; never throws for bad input, returns the exit code instead. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        boolean json = false;
        double delayMs = 0;
        int start = args.length > 0 && "analyze-pcap".equals(args[0]) ? 1 : 0;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            if ("--json".equals(arg)) {
                json = true;
            } else if ("-h".equals(arg) || "--help".equals(arg)) {
                out.println(USAGE);
                return EXIT_OK;
            } else if ("--delay-ms".equals(arg) || arg.startsWith("--delay-ms=")) {
                String value = arg.startsWith("--delay-ms=") ? arg.substring(11) : i + 1 < args.length ? args[++i] : null;
                try {
                    delayMs = value == null ? Double.NaN : Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    delayMs = Double.NaN;
                }
                if (!(delayMs >= 0) || Double.isInfinite(delayMs)) {
                    err.println("analyze-pcap: --delay-ms needs a number of milliseconds >= 0, got " + value);
                    err.println(USAGE);
                    return EXIT_USAGE;
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                err.println("analyze-pcap: unknown option " + arg);
                err.println(USAGE);
                return EXIT_USAGE;
            } else if (file == null) {
                file = arg;
            } else {
                err.println("analyze-pcap: only one FILE is accepted, got " + file + " and " + arg);
                err.println(USAGE);
                return EXIT_USAGE;
            }
        }
        if (file == null) {
            err.println("analyze-pcap: missing FILE");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        return analyze(file, json, delayMs, out, err);
    }

    private static int analyze(String file, boolean json, double delayMs, PrintStream out, PrintStream err) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            err.println(file + ": is a directory, not a capture file");
            return EXIT_BAD_FILE;
        }
        RtpCaptureAnalyzer.Result result;
        try {
            result = RtpCaptureAnalyzer.analyze(path);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return EXIT_BAD_FILE;
        } catch (AccessDeniedException e) {
            err.println(file + ": permission denied");
            return EXIT_BAD_FILE;
        } catch (CaptureFormatException e) {
            err.println(file + ": " + e.getMessage());
            return EXIT_BAD_FILE;
        } catch (IOException | RuntimeException e) {
            err.println(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return EXIT_BAD_FILE;
        }
        if (result.read().warning() != null) {
            err.println(file + ": warning: " + result.read().warning());
        }
        if (result.streams().isEmpty()) {
            err.println(file + ": " + noRtpReason(result));
            return EXIT_BAD_FILE;
        }
        List<RtpStreamReport> reports = result.reports(delayMs);
        out.print(json ? StreamReportJson.json(reports) : StreamReportFormat.table(reports));
        out.flush();
        return EXIT_OK;
    }

    private static String noRtpReason(RtpCaptureAnalyzer.Result r) {
        long frames = r.read().frames();
        if (frames == 0) {
            return "no RTP found: the " + r.read().format() + " file contains no packets";
        }
        if (r.udpDatagrams() == 0) {
            return "no RTP found: none of the " + frames + " packets is an unfragmented UDP datagram over IPv4/IPv6";
        }
        return "no RTP found: " + r.udpDatagrams() + " UDP datagrams in " + frames
                + " packets, none forms an RTP stream (non-RTP UDP)";
    }
}
