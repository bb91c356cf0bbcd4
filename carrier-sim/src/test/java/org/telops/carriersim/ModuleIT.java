package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.carriersim.config.SimCredentials;
import org.telops.contracts.config.PlatformConfig;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.signatures.telnyx.TelnyxSignatures;

class ModuleIT {
  @Test
  @DisplayName("Inside the platform the module is found by ServiceLoader and serves Twilio under /sim/twilio to the official SDK, with faults at /sim/faults")
  void mountedOnThePlatformRouter() {
    TelopsModule module = ServiceLoader.load(TelopsModule.class).stream().map(ServiceLoader.Provider::get)
        .filter(m -> m.role().equals("carrier-sim")).findFirst().orElseThrow();
    assertThat(module).isInstanceOf(CarrierSimModule.class);
    Vertx vertx = Vertx.vertx();
    try {
      KeyPair telnyx = SimCredentials.generateEd25519();
      String publicKey = TelnyxSignatures.rawPublicKeyBase64(telnyx.getPublic());
      TestApp app = TestApp.start(vertx, SimHarness.AUTH_TOKEN, publicKey);
      Router router = Router.router(vertx);
      HttpServer server = Await.result(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
      Map<String, String> env = new HashMap<>();
      env.put("TELOPS_TWILIO_ACCOUNT_SID", SimHarness.ACCOUNT_SID);
      env.put("TELOPS_TWILIO_AUTH_TOKEN", SimHarness.AUTH_TOKEN);
      env.put("TELOPS_TELNYX_API_KEY", SimHarness.TELNYX_KEY);
      env.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", SimCredentials.encodePrivateKey(telnyx.getPrivate()));
      env.put("TELOPS_TELNYX_PUBLIC_KEY", publicKey);
      env.put("TELOPS_SIM_WEBHOOK_BASE_URL", app.base);
      env.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT", "0");
      env.put("TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", "0");
      env.put("TELOPS_HTTP_PORT", "0");
      PlatformConfig config = PlatformConfig.fromEnv(env);
      config = config.withHttp(config.http().withPort(server.actualPort()));
      Await.result(module.start(new ModuleContext(vertx, router, null, new SimpleMeterRegistry(), HealthChecks.create(vertx),
          config)));
      assertThat(module.describeConfig(env)).containsKey("TELOPS_SIM_TWILIO_VOICE_URL");

      String simBase = "http://127.0.0.1:" + server.actualPort() + "/sim";
      Call call = Call.creator(new PhoneNumber("+15550060001"), new PhoneNumber("+12025550100"),
          new Twiml("<Response><Connect><Stream url=\"" + app.ws("/caller-media") + "\"/></Connect></Response>"))
          .create(LocalTwilioHttpClient.client(simBase + "/twilio", SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN));
      TestApp.Stream agent = app.stream("/agent-media");
      Await.until("the bridge", Duration.ofSeconds(10), () -> agent.heard(TestApp.CALLER_AUDIO));
      assertThat(app.voiceRequests.get(0)).containsEntry("To", "+15550060001");

      WebClient client = WebClient.create(vertx);
      JsonObject fault = Await.result(client.putAbs(simBase + "/faults")
          .sendJsonObject(new JsonObject().put("carrier", "telnyx").put("kind", "down"))).bodyAsJsonObject();
      assertThat(fault.getString("kind")).isEqualTo("down");
      assertThat(Await.result(client.getAbs(simBase + "/faults").send()).bodyAsJsonObject().getJsonArray("faults")).hasSize(1);
      assertThat(Await.result(client.getAbs(simBase + "/telnyx/public_key").send()).bodyAsJsonObject()
          .getString("public_key")).isEqualTo(publicKey);
      Await.result(client.postAbs(simBase + "/twilio/2010-04-01/Accounts/" + SimHarness.ACCOUNT_SID + "/Calls/"
          + call.getSid() + ".json").basicAuthentication(SimHarness.ACCOUNT_SID, SimHarness.AUTH_TOKEN)
          .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Status", "completed")));
      Await.until("the completed callback", Duration.ofSeconds(10), () -> app.statusFor(call.getSid()).stream()
          .anyMatch(m -> "completed".equals(m.get("CallStatus"))));
      assertThat(app.signatureFailures).isEmpty();
      Await.result(module.stop());
      client.close();
    } finally {
      Await.result(vertx.close());
    }
  }
}
