package org.telops.platform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.PlatformConfig;

/** {@code serve}: parses --role, starts the platform, stops it on SIGTERM/SIGINT. */
final class Serve {
  private Serve() {}

  static int main(String[] args, Map<String, String> env, PrintStream err) {
    Set<String> roles = new LinkedHashSet<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--role") && i + 1 < args.length) {
        roles.addAll(List.of(args[++i].split(",")));
      } else if (a.startsWith("--role=")) {
        roles.addAll(List.of(a.substring(7).split(",")));
      } else {
        err.println("serve: unknown option '" + a + "' (expected --role NAME)");
        return 2;
      }
    }
    List<String> unknown = new ArrayList<>(roles);
    unknown.removeAll(Platform.availableRoles());
    if (!unknown.isEmpty()) {
      err.println("serve: unknown role(s) " + unknown + "; this build has " + Platform.availableRoles());
      return 2;
    }
    Platform platform;
    try {
      platform = Platform.start(PlatformConfig.fromEnv(env), roles);
    } catch (ConfigException e) {
      err.println("configuration error: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("telops did not start: " + e.getMessage());
      return 1;
    } catch (LinkageError e) {
      err.println("telops did not start: this build is missing " + e.getMessage() + " — rebuild with "
          + "`mvn -B -q install -DskipTests`");
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "telops-shutdown"));
    return Integer.MIN_VALUE;
  }
}
