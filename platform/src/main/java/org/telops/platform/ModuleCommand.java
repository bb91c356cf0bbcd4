package org.telops.platform;

import java.io.PrintStream;

/**
 * A sub-command that lives in a module ({@code analyze-pcap} in quality-analyzer, {@code carrier-sim} in
 * carrier-sim): looked up by class name, so the platform compiles against no module's internals and a
 * build without that module says so instead of failing to start.
 *
 * @param cliClass a class with {@code public static int run(String[], PrintStream, PrintStream)}
 */
record ModuleCommand(String name, String module, String cliClass) {

  static final ModuleCommand ANALYZE_PCAP =
      new ModuleCommand("analyze-pcap", "quality-analyzer", "org.telops.quality.pcap.AnalyzePcapCli");
  static final ModuleCommand CARRIER_SIM =
      new ModuleCommand("carrier-sim", "carrier-sim", "org.telops.carriersim.standalone.CarrierSimMain");

  /** The command's exit code; Integer.MIN_VALUE when it keeps running (a server). */
  int run(String[] args, PrintStream out, PrintStream err) {
    try {
      Class<?> cli = Class.forName(cliClass);
      return (int) cli.getMethod("run", String[].class, PrintStream.class, PrintStream.class).invoke(null, args, out, err);
    } catch (ClassNotFoundException e) {
      err.println(name + " needs the " + module + " module, which is not in this build");
      return 2;
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      err.println(name + " failed: " + cause.getMessage());
      return 1;
    }
  }
}
