package org.telops.carriersim;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import org.telops.carriersim.config.SimConfig;
import org.telops.carriersim.config.SimCredentials;
import org.telops.carriersim.standalone.SimServer;
import org.telops.signatures.telnyx.TelnyxSignatures;

/** A standalone sim on a free port, calling back a {@link TestApp}; one per test class or test. */
final class SimHarness implements AutoCloseable {
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
  static final String TELNYX_KEY = "KEYSIMTEST0123456789";

  final Vertx vertx = Vertx.vertx();
  final TestClock clock = new TestClock();
  final TestApp app;
  final SimServer server;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  SimHarness(Map<String, String> overrides) {
    KeyPair telnyx = SimCredentials.generateEd25519();
    String publicKey = TelnyxSignatures.rawPublicKeyBase64(telnyx.getPublic());
    app = TestApp.start(vertx, AUTH_TOKEN, publicKey);
    Map<String, String> env = new HashMap<>();
    env.put("TELOPS_TWILIO_ACCOUNT_SID", ACCOUNT_SID);
    env.put("TELOPS_TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    env.put("TELOPS_TELNYX_API_KEY", TELNYX_KEY);
    env.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", SimCredentials.encodePrivateKey(telnyx.getPrivate()));
    env.put("TELOPS_TELNYX_PUBLIC_KEY", publicKey);
    env.put("TELOPS_SIM_PORT", "0");
    env.put("TELOPS_SIM_SEED", "20261121");
    env.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0");
    env.put("TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0");
    env.put("TELOPS_SIM_RING_MS", "50");
    env.put("TELOPS_SIM_FAR_END", "answer=100");
    env.put("TELOPS_SIM_WEBHOOK_TIMEOUT_MS", "3000");
    env.putAll(overrides);
    SimConfig config = SimConfig.fromEnv(env, app.base);
    server = Await.result(SimServer.start(vertx, config, clock, meters));
    app.telnyxSimBase = server.baseUrl();
    app.telnyxApiKey = TELNYX_KEY;
  }

  CarrierSim sim() {
    return server.sim();
  }

  String base() {
    return server.baseUrl();
  }

  com.twilio.http.TwilioRestClient twilioSdk() {
    return LocalTwilioHttpClient.client(base(), ACCOUNT_SID, AUTH_TOKEN);
  }

  @Override
  public void close() {
    try {
      Await.result(server.close());
      app.close();
    } finally {
      Await.result(vertx.close());
    }
  }
}
