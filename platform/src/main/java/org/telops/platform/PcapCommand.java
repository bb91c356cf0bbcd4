package org.telops.platform;

import java.io.PrintStream;

/** {@code analyze-pcap}: delegates to the quality-analyzer's CLI when that module is in the build. */
final class PcapCommand {
  private PcapCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Class<?> cli = Class.forName("org.telops.quality.pcap.AnalyzePcapCli");
      return (int) cli.getMethod("run", String[].class, PrintStream.class, PrintStream.class).invoke(null, args, out, err);
    } catch (ClassNotFoundException e) {
      err.println("analyze-pcap needs the quality-analyzer module, which is not in this build");
      return 2;
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      err.println("analyze-pcap failed: " + cause.getMessage());
      return 1;
    }
  }
}
