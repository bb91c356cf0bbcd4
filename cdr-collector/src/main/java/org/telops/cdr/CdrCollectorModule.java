package org.telops.cdr;

import io.vertx.core.Future;
import io.vertx.ext.healthchecks.Status;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.telops.cdr.billing.BillingModule;
import org.telops.cdr.carrier.CarrierWebhookRoutes;
import org.telops.cdr.export.ExportApi;
import org.telops.cdr.ingest.IngestApi;
import org.telops.cdr.store.BatchWriter;
import org.telops.contracts.config.CarrierCredentials;
import org.telops.contracts.module.ModuleContext;
import org.telops.contracts.module.TelopsModule;
import org.telops.signatures.telnyx.TelnyxSignatures;
import org.telops.signatures.twilio.TwilioSignatures;

/** The cdr-collector role: ingest (bus, HTTP, carrier callbacks) → batch writer → calls; export API. */
public final class CdrCollectorModule implements TelopsModule {
  private BatchWriter writer;
  private ThreadPoolExecutor exports;
  private BillingModule billing;

  @Override
  public String role() {
    return "cdr-collector";
  }

  @Override
  public Future<Void> start(ModuleContext ctx) {
    CollectorConfig cfg = CollectorConfig.fromEnv(ctx.config().environment());
    CarrierCredentials creds = ctx.config().carriers();
    TwilioSignatures twilio = new TwilioSignatures(creds.twilioAuthToken());
    TelnyxSignatures telnyx = new TelnyxSignatures(creds.telnyxPublicKey(), creds.telnyxToleranceSeconds());
    if (!twilio.configured()) {
      org.slf4j.LoggerFactory.getLogger(getClass()).warn("TELOPS_TWILIO_AUTH_TOKEN is not set: Twilio status "
          + "callbacks will be refused (403) — set it to the account's auth token");
    }
    if (!telnyx.configured()) {
      org.slf4j.LoggerFactory.getLogger(getClass()).warn("TELOPS_TELNYX_PUBLIC_KEY is not set: Telnyx webhooks "
          + "will be refused (403) — set it to the portal's Ed25519 public key (base64)");
    }
    // While PostgreSQL is unreachable, accepted CDRs are fsynced to <data dir>/spool and replayed when it is back.
    writer = new BatchWriter(ctx.dataSource(), cfg.queueCapacity(), cfg.batchSize(), cfg.flushInterval(), cfg.writerLanes(),
        ctx.meters(), ctx.config().database().dataDir().resolve("spool"),
        org.telops.contracts.store.DatabaseReachability.of(ctx.dataSource()));
    writer.start();
    // At most 4 exports stream at once (each holds a connection and a thread); 8 more may wait.
    exports = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8), r -> {
      Thread t = new Thread(r, "telops-cdr-export");
      t.setDaemon(true);
      return t;
    });
    new IngestApi(writer, ctx.meters(), cfg.maxBatchRecords()).mount(ctx.router(), ctx.vertx());
    new CarrierWebhookRoutes(ctx.vertx(), writer, twilio, telnyx, ctx.config().http(), ctx.meters()).mount(ctx.router());
    new ExportApi(ctx.dataSource(), exports).mount(ctx.router());
    billing = BillingModule.start(ctx);
    // PostgreSQL away with a working spool: still ready (records are durable, every node shares the database, so
    // leaving rotation would only stop calls), with "degraded" saying why. Without a spool it is DOWN.
    ctx.readiness().register("cdr-writer", promise -> promise.complete(writer.healthy()
        ? Status.OK(new JsonObject().put("queued", writer.pending()))
        : writer.spooling()
        ? Status.OK(new JsonObject().put("degraded", "PostgreSQL unreachable: CDRs are spooled to local disk")
            .put("queued", writer.pending()).put("spooled", writer.spooledNow()).put("error", String.valueOf(writer.lastError())))
        : Status.KO(new JsonObject().put("queued", writer.pending()).put("spooled", writer.spooledNow())
            .put("error", String.valueOf(writer.lastError())))));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    if (billing != null) {
      billing.stop(); // first: its pass must end before the writer's drain and the pool close
    }
    if (writer != null) {
      writer.close(Duration.ofSeconds(15));
    }
    if (exports != null) {
      exports.shutdownNow();
    }
    return Future.succeededFuture();
  }

  @Override
  public Map<String, String> describeConfig(Map<String, String> environment) {
    Map<String, String> m = new LinkedHashMap<>(CollectorConfig.fromEnv(environment).describe());
    m.putAll(BillingModule.describe(environment));
    return m;
  }

  /** For the admin UI and tests: billing operations (null before start). */
  public org.telops.cdr.billing.BillingService billing() {
    return billing == null ? null : billing.service();
  }

  /** For tests and the bench: the writer behind this module. */
  public BatchWriter writer() {
    return writer;
  }
}
