package org.telops.carriersim;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.telops.carriersim.billing.CallHistory;
import org.telops.carriersim.billing.InvoiceApi;
import org.telops.carriersim.call.CallRegistry;
import org.telops.carriersim.call.CarrierDriver;
import org.telops.carriersim.call.Leg;
import org.telops.carriersim.call.SimCall;
import org.telops.carriersim.config.SimConfig;
import org.telops.carriersim.config.SimCredentials;
import org.telops.carriersim.faults.FaultBook;
import org.telops.carriersim.faults.FaultsApi;
import org.telops.carriersim.telnyx.TelnyxApi;
import org.telops.carriersim.telnyx.TelnyxDriver;
import org.telops.carriersim.twilio.TwilioApi;
import org.telops.carriersim.twilio.TwilioDriver;
import org.telops.carriersim.webhooks.WebhookClient;

/**
 * The simulator: both carriers' REST APIs, their calls, the fault book, the call history and invoices.
 * Mounted on the platform's router under {@code /sim} (the module) or on its own server at the root
 * (standalone); tests start one directly. Thread-safe; each call runs on the context it was placed on.
 */
public final class CarrierSim {
  private final Vertx vertx;
  private final SimConfig config;
  private final Clock clock;
  private final MeterRegistry meters;
  private final FaultBook faults;
  private final CallHistory history;
  private final CallRegistry calls = new CallRegistry();
  private final WebhookClient webhooks;
  private final WebSocketClient webSockets;
  private final TwilioDriver twilio;
  private final TelnyxDriver telnyx;
  private final SplittableRandom seedSource;

  public CarrierSim(Vertx vertx, SimConfig config, Clock clock, MeterRegistry meters) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.meters = meters;
    this.faults = new FaultBook(clock);
    this.history = new CallHistory(config.historyLimit());
    this.webhooks = new WebhookClient(vertx, faults, meters, config.webhookTimeoutMs());
    // One client for every media stream; the default of a few connections per host would cap concurrent calls.
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(10_000)
        .setConnectTimeout(config.webhookTimeoutMs()).setVerifyHost(false).setTrustAll(true));
    this.twilio = new TwilioDriver(this);
    this.telnyx = new TelnyxDriver(this);
    this.seedSource = new SplittableRandom(config.seed());
    Gauge.builder("telops_sim_calls_active", calls, CallRegistry::active).register(meters);
    Gauge.builder("telops_sim_faults_active", faults, f -> f.list().size()).register(meters);
  }

  /**
   * Mounts everything under {@code prefix} ("/sim" inside the platform, "" standalone): the carriers at
   * {@code prefix/twilio} and {@code prefix/telnyx}, the faults at {@code prefix/faults}. With
   * {@code rootAliases} the carrier APIs are also served at their real paths ({@code /2010-04-01/…},
   * {@code /v2/…}) so an SDK's base URL can be the server itself.
   */
  /** A recording made by a {@code <Record>} verb. */
  public record StoredRecording(String accountSid, String callSid, byte[] wav) {}

  private final java.util.Map<String, StoredRecording> recordings = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, StoredRecording> eldest) {
          return size() > 2_000; // the oldest go: a sim keeps recent calls' recordings only
        }
      });
  private volatile String selfUrl;

  /** Recordings by id (RE…), newest 2,000. */
  public java.util.Map<String, StoredRecording> recordings() {
    return recordings;
  }

  /** The base URL the sim is reached at (where its carrier APIs are mounted), for URLs it hands out. */
  public String selfUrl() {
    return selfUrl;
  }

  public void selfUrl(String url) {
    this.selfUrl = url;
  }

  public void mount(Router router, String prefix, boolean rootAliases) {
    if (selfUrl == null) {
      selfUrl = config.webhookBaseUrl() + prefix; // mounted beside the platform; standalone sets its own
    }
    TwilioApi twilioApi = new TwilioApi(this);
    TelnyxApi telnyxApi = new TelnyxApi(this);
    twilioApi.mount(router, prefix + "/twilio");
    telnyxApi.mount(router, prefix + "/telnyx");
    if (rootAliases) {
      twilioApi.mount(router, "");
      telnyxApi.mount(router, "");
    }
    new InvoiceApi(this).mount(router, prefix);
    new FaultsApi(this).mount(router, prefix + "/faults");
    // What the platform needs as TELOPS_TELNYX_PUBLIC_KEY to verify this sim's Telnyx webhooks.
    router.get(prefix + "/telnyx/public_key").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new io.vertx.core.json.JsonObject().put("public_key", config.credentials().telnyxPublicKey()).encode()));
  }

  /** Places a call whose first leg was just accepted by a carrier API; runs on the current context. */
  public SimCall place(Leg caller, CarrierDriver driver) {
    Context ctx = vertx.getOrCreateContext();
    SimCall call = new SimCall(this, ctx, caller, driver);
    calls.add(caller, call);
    call.start();
    return call;
  }

  public CarrierDriver driver(String carrier) {
    return switch (carrier) {
      case TwilioDriver.CARRIER -> twilio;
      case TelnyxDriver.CARRIER -> telnyx;
      default -> throw new IllegalArgumentException("no simulated carrier '" + carrier + "'");
    };
  }

  /** The default webhook of a hosted number: Twilio's voice URL or Telnyx's connection webhook. */
  public String defaultInboundUrl(String carrier) {
    return carrier.equals(TwilioDriver.CARRIER) ? config.twilioVoiceUrl() : config.telnyxWebhookUrl();
  }

  public String accountOf(String carrier) {
    return carrier.equals(TwilioDriver.CARRIER) ? config.credentials().twilioAccountSid() : null;
  }

  /** A random generator of its own for a new call, split from the seeded root so runs repeat. */
  public synchronized RandomGenerator newRandom() {
    return seedSource.split();
  }

  public void close() {
    calls.all().forEach(c -> c.exec(() -> c.end(org.telops.carriersim.call.LegStatus.CANCELED, "normal_clearing", "unknown")));
    webhooks.close();
    webSockets.close();
  }

  public Vertx vertx() {
    return vertx;
  }

  public SimConfig config() {
    return config;
  }

  public SimCredentials credentials() {
    return config.credentials();
  }

  public Clock clock() {
    return clock;
  }

  public MeterRegistry meters() {
    return meters;
  }

  public FaultBook faults() {
    return faults;
  }

  public CallHistory history() {
    return history;
  }

  public CallRegistry calls() {
    return calls;
  }

  public WebhookClient webhooks() {
    return webhooks;
  }

  public WebSocketClient webSockets() {
    return webSockets;
  }
}
