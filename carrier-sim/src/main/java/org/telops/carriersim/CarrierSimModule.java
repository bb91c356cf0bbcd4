package org.telops.carriersim;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.carriersim.config.SimConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;

/**
 * The carrier-sim role inside the platform: a local Twilio and Telnyx on the platform's own router under
 * {@code /sim} (Twilio REST at {@code /sim/twilio/2010-04-01/…}, Telnyx at {@code /sim/telnyx/v2/…},
 * faults at {@code /sim/faults}), calling the platform back on its public base URL.
 */
public final class CarrierSimModule implements TelopsModule {
  private static final Logger log = LoggerFactory.getLogger(CarrierSimModule.class);
  private CarrierSim sim;

  @Override
  public String role() {
    return "carrier-sim";
  }

  @Override
  public Future<Void> start(ModuleContext ctx) {
    SimConfig cfg = SimConfig.fromEnv(ctx.config().environment(), ctx.config().http().publicBaseUrl());
    sim = new CarrierSim(ctx.vertx(), cfg, Clock.systemUTC(), ctx.meters());
    sim.mount(ctx.router(), "/sim", false);
    // In the platform: the simulated carrier APIs check their own carrier credentials (as the real ones do);
    // faults and invoices need an admin token.
    org.telops.contracts.auth.AccessRules.of(ctx.router())
        .require(null, "/sim/*", org.telops.contracts.auth.Role.ADMIN)
        .open(null, "/sim/twilio/*").open(null, "/sim/telnyx/*")
        .require(null, "/sim/twilio/invoices/*", org.telops.contracts.auth.Role.ADMIN)
        .require(null, "/sim/telnyx/invoices/*", org.telops.contracts.auth.Role.ADMIN);
    logStart(cfg, ctx.config().http().publicBaseUrl() + "/sim");
    return Future.succeededFuture();
  }

  static void logStart(SimConfig cfg, String base) {
    if (!cfg.credentials().generated().isEmpty()) {
      log.warn("carrier-sim generated {} (not set in the environment): the platform must use the same values to "
          + "accept the sim's calls and webhooks{}", cfg.credentials().generated(),
          cfg.credentials().generated().contains("TELOPS_SIM_TELNYX_PRIVATE_KEY")
              ? "; TELOPS_TELNYX_PUBLIC_KEY=" + cfg.credentials().telnyxPublicKey() : "");
    }
    log.info("carrier-sim: Twilio at {}/twilio/2010-04-01/Accounts/{}/Calls.json, Telnyx at {}/telnyx/v2/calls, "
        + "faults at {}/faults; webhooks to {}; seed {}", base, cfg.credentials().twilioAccountSid(), base, base,
        cfg.webhookBaseUrl(), cfg.seed());
  }

  @Override
  public Future<Void> stop() {
    if (sim != null) {
      sim.close();
    }
    return Future.succeededFuture();
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      SimConfig.fromEnv(environment, environment.getOrDefault("TELOPS_PUBLIC_BASE_URL", "http://127.0.0.1:8080"))
          .describe().forEach(m::put);
    } catch (RuntimeException e) {
      m.put("carrier-sim", "invalid configuration: " + e.getMessage());
    }
    return m;
  }

  /** For tests: the simulator behind this module (null before start). */
  public CarrierSim sim() {
    return sim;
  }
}
