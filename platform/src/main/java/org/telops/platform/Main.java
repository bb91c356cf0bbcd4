package org.telops.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code java -jar platform/target/telops.jar [sub-command]}. Sub-commands are public contract: scripts
 * depend on their names.
 */
public final class Main {
  private Main() {}

  static final String HELP = """
      telops — telephony operations and monitoring for voice-AI phone agents

      usage: java -jar platform/target/telops.jar [command] [options]

      commands:
        serve [--role NAME]...   run the platform (the default command). With no --role every module on the
                                 class path runs in this process; --role runs only the named ones (e.g.
                                 --role cdr-collector) against the shared database given by TELOPS_DB_URL.
        migrate                  apply the database schema and exit
        analyze-pcap FILE [--json]
                                 per-RTP-stream statistics of a pcap/pcapng capture (loss, jitter, MOS)
        carrier-sim [--port N]   run only the local Twilio- and Telnyx-compatible carrier, standalone on its
                                 own port (TELOPS_SIM_PORT, default 8089); see carrier-sim/README.md
        roles                    list the roles (modules) this build can run
        billing rates import FILE
                                 import a rate-card CSV as a new version (see cdr-collector/README.md)
        billing import FILE --carrier twilio|telnyx --period YYYY-MM [--replace]
                                 import and reconcile a carrier invoice CSV
        users add NAME --role ROLE   add a UI user (on-call, finance, admin); password on standard input
        users list               list users
        tokens create --name N --role R [--expires-days D]
                                 create an API token; printed once, stored only as a hash
        tokens revoke N          revoke a token
        --help                   this text

      Configuration is by environment variables (TELOPS_*); see README.md. With no TELOPS_DB_URL the
      platform starts an embedded PostgreSQL under TELOPS_DATA_DIR (default ./data).
      """;

  public static void main(String[] args) {
    int code = run(args, System.getenv(), System.out, System.err);
    if (code != Integer.MIN_VALUE) {
      System.exit(code);
    }
  }

  /** Returns the exit code, or Integer.MIN_VALUE when the command keeps running (serve). */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String command = args.length == 0 || args[0].startsWith("--role") ? "serve" : args[0];
    String[] rest = args.length == 0 || command.equals("serve") && !args[0].equals("serve")
        ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "serve":
        return Serve.main(rest, env, err);
      case "migrate":
        return org.telops.migrations.MigrateCli.run(env, out, err);
      case "analyze-pcap":
        return ModuleCommand.ANALYZE_PCAP.run(rest, out, err);
      case "carrier-sim":
        return ModuleCommand.CARRIER_SIM.run(rest, out, err);
      case "billing":
        return BillingCommand.run(rest, env, out, err);
      case "users":
      case "tokens":
        return org.telops.platform.access.AccessCli.run(command, rest, env, System.in, out, err);
      case "roles":
        Platform.availableRoles().forEach(out::println);
        return 0;
      case "--help":
      case "-h":
      case "help":
        out.print(HELP);
        return 0;
      default:
        err.println("unknown command '" + command + "'\n");
        err.print(HELP);
        return 2;
    }
  }
}
