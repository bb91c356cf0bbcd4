package org.telops.carriersim.standalone;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.telops.carriersim.config.SimConfig;
import org.telops.contracts.config.ConfigException;

/**
 * {@code carrier-sim} sub-command: the simulator on its own port (TELOPS_SIM_PORT, default 8089),
 * calling the platform on TELOPS_PUBLIC_BASE_URL. Runs until the process is stopped.
 */
public final class CarrierSimMain {
  private CarrierSimMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** @return the exit status: 0 after a clean stop, 2 for bad arguments or configuration, 1 if it cannot start */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> env = new HashMap<>(System.getenv());
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          out.println("""
              usage: carrier-sim [--port N] [--host ADDRESS]
                A local Twilio- and Telnyx-compatible carrier. Twilio REST at /2010-04-01/…, Telnyx Call Control at
                /v2/calls, faults at /faults, invoices at /{twilio|telnyx}/invoices/{yyyy-mm}.csv.
                Webhooks go to TELOPS_PUBLIC_BASE_URL (default http://127.0.0.1:8080); see carrier-sim/README.md.""");
          return 0;
        }
        case "--port" -> env.put("TELOPS_SIM_PORT", i + 1 < args.length ? args[++i] : "");
        case "--host" -> env.put("TELOPS_SIM_HOST", i + 1 < args.length ? args[++i] : "");
        default -> {
          err.println("carrier-sim: unknown argument '" + args[i] + "' (try --help)");
          return 2;
        }
      }
    }
    SimConfig config;
    try {
      config = SimConfig.fromEnv(env, env.getOrDefault("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:8080"));
    } catch (ConfigException e) {
      err.println("carrier-sim: " + e.getMessage());
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    SimServer server;
    try {
      server = SimServer.start(vertx, config, Clock.systemUTC(), null).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      err.println("carrier-sim: cannot listen on " + config.host() + ":" + config.port() + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
          + " — set TELOPS_SIM_PORT to a free port");
      vertx.close();
      return 1;
    }
    out.println("carrier-sim listening on " + server.baseUrl() + " (Twilio account " + config.credentials().twilioAccountSid()
        + "; webhooks to " + config.webhookBaseUrl() + ")");
    if (!config.credentials().generated().isEmpty()) {
      out.println("generated " + config.credentials().generated() + ": give the platform the same values"
          + (config.credentials().generated().contains("TELOPS_SIM_TELNYX_PRIVATE_KEY")
              ? " (TELOPS_TELNYX_PUBLIC_KEY=" + config.credentials().telnyxPublicKey() + ")" : ""));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close().eventually(vertx::close).toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
          .whenComplete((v, e) -> stopped.countDown());
      try {
        stopped.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "carrier-sim-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
