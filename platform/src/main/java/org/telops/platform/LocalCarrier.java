package org.telops.platform;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.TelopsModule;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * When the carrier simulator runs in this process (the default), the rest of the platform talks to it as
 * to a real carrier: signed webhooks, REST with credentials. So that this needs no configuration, the
 * carrier settings an operator has not given are filled in for this run only — fresh random development
 * credentials (never written to disk, never valid at a real carrier) and REST base URLs pointing at the
 * simulator's routes on this server. Anything the operator did set is left as it is.
 */
final class LocalCarrier {
  private static final Logger log = LoggerFactory.getLogger(LocalCarrier.class);
  static final String SIM_ROLE = "carrier-sim";
  /** carrier-sim's default Telnyx connection id (TELOPS_SIM_TELNYX_CONNECTION_ID). */
  static final String SIM_CONNECTION_ID = "1494404757140276705";
  /** The synthetic prober's default target (TELOPS_PROBE_REGIONS), a number hosted by the simulator. */
  static final String PROBE_NUMBER = "+15550100";

  private LocalCarrier() {}

  static PlatformConfig configure(PlatformConfig config, List<TelopsModule> modules) {
    if (modules.stream().noneMatch(m -> SIM_ROLE.equals(m.role()))) {
      return config;
    }
    Map<String, String> env = new HashMap<>(config.environment());
    Map<String, String> added = new HashMap<>();
    SecureRandom random = new SecureRandom();
    String local = "http://127.0.0.1:" + config.http().port();
    if (blank(env, "TELOPS_TWILIO_AUTH_TOKEN")) {
      added.put("TELOPS_TWILIO_ACCOUNT_SID", env.getOrDefault("TELOPS_TWILIO_ACCOUNT_SID", "AC" + hex(random, 16)));
      added.put("TELOPS_TWILIO_AUTH_TOKEN", hex(random, 16));
    }
    if (blank(env, "TELOPS_TELNYX_PUBLIC_KEY")) {
      KeyPair pair = ed25519();
      added.put("TELOPS_TELNYX_PUBLIC_KEY", TelnyxSignatures.rawPublicKeyBase64(pair.getPublic()));
      added.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
    }
    if (blank(env, "TELOPS_TELNYX_API_KEY")) {
      added.put("TELOPS_TELNYX_API_KEY", "KEYlocal" + hex(random, 16));
    }
    if (blank(env, "TELOPS_TELNYX_CONNECTION_ID")) {
      // The simulator's own connection (TELOPS_SIM_TELNYX_CONNECTION_ID), whose events come to our webhook.
      added.put("TELOPS_TELNYX_CONNECTION_ID", env.getOrDefault("TELOPS_SIM_TELNYX_CONNECTION_ID", SIM_CONNECTION_ID));
    }
    if (blank(env, "TELOPS_AGENT_ENGINE_BY_NUMBER")) {
      // The synthetic prober's default target number answers with the probe-responder engine.
      added.put("TELOPS_AGENT_ENGINE_BY_NUMBER", PROBE_NUMBER + "=probe-responder");
    }
    // Operator-placed calls may reach the simulator's numbers and use them as caller ids (TELOPS_OUTBOUND_ALLOW).
    added.put("TELOPS_OUTBOUND_ALLOW_LOCAL", env.getOrDefault("TELOPS_SIM_HOSTED_PREFIX", "+1555"));
    if (blank(env, "TELOPS_TWILIO_API_BASE_URL")) {
      added.put("TELOPS_TWILIO_API_BASE_URL", local + "/sim/twilio");
    }
    if (blank(env, "TELOPS_TELNYX_API_BASE_URL")) {
      added.put("TELOPS_TELNYX_API_BASE_URL", local + "/sim/telnyx");
    }
    if (added.isEmpty()) {
      return config;
    }
    env.putAll(added);
    log.info("local carrier: carrier-sim runs in this process, so {} were set for this run only "
        + "(random development credentials, REST pointed at {}/sim/…). To use real carriers, set them "
        + "and run without the carrier-sim role.", added.keySet().stream().sorted().toList(), local);
    return PlatformConfig.fromEnv(env).withHttp(config.http());
  }

  private static boolean blank(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank();
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no Ed25519 (needs Java 15+): " + e.getMessage(), e);
    }
  }
}
