package org.telops.cdr.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.telops.cdr.store.BatchWriter;
import org.telops.contracts.bus.Addresses;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.json.CallRecordJson;
import org.telops.contracts.json.CdrBatchReader;
import org.telops.contracts.json.InvalidFieldException;

/**
 * CDR ingest: {@code POST /api/v1/cdrs} (a JSON array, validated whole before any of it is queued) and
 * the event-bus address {@link Addresses#CDR_INGEST} (one object or an array; the reply says queued or why not).
 */
public final class IngestApi {
  /** How many field errors one 400 lists: enough to fix a batch, not a megabyte of them. */
  private static final int MAX_ERRORS = 100;

  private final BatchWriter writer;
  private final MeterRegistry meters;
  private final int maxRecords;

  public IngestApi(BatchWriter writer, MeterRegistry meters, int maxRecords) {
    this.writer = writer;
    this.meters = meters;
    this.maxRecords = maxRecords;
  }

  public void mount(Router router, Vertx vertx) {
    // Who may call these routes (the platform's auth handler enforces it; see contracts/README.md).
    org.telops.contracts.auth.AccessRules.of(router)
        .require(io.vertx.core.http.HttpMethod.POST, "/api/v1/cdrs", org.telops.contracts.auth.Role.FINANCE);
    router.post("/api/v1/cdrs").handler(BodyHandler.create(false).setBodyLimit(64L * 1024 * 1024)).handler(this::post);
    vertx.eventBus().<Object>consumer(Addresses.CDR_INGEST, this::fromBus);
  }

  /**
   * What to answer: parsing and validating a large batch is CPU work, so it runs off the event loop. {@code stored}
   * is set when the answer waits for the records' commit (the default; {@code ?async=true} answers 202 on queueing).
   */
  private record Reply(int status, JsonObject body, boolean retryAfter, java.util.concurrent.CompletableFuture<Void> stored) {
    Reply(int status, JsonObject body, boolean retryAfter) {
      this(status, body, retryAfter, null);
    }
  }

  private void post(RoutingContext ctx) {
    io.vertx.core.buffer.Buffer buffer = ctx.body().buffer();
    boolean async = "true".equalsIgnoreCase(ctx.request().getParam("async"));
    ctx.vertx().executeBlocking(() -> evaluate(buffer, async), false).onComplete(ar -> {
      Reply r = ar.succeeded() ? ar.result()
          : new Reply(500, new JsonObject().put("error", "ingest failed: " + ar.cause().getMessage()), false);
      if (r.stored() == null) {
        answer(ctx, r);
        return;
      }
      // 200 only once every record is committed to PostgreSQL: a 2xx means durable.
      Vertx vertx = ctx.vertx();
      r.stored().whenComplete((ok, failure) -> vertx.runOnContext(v -> answer(ctx, failure == null ? r
          : new Reply(503, new JsonObject().put("error", "CDRs not stored: " + failure.getMessage() + " — retry"), true))));
    });
  }

  private static void answer(RoutingContext ctx, Reply r) {
    if (ctx.response().ended()) {
      return;
    }
    if (r.retryAfter()) {
      ctx.response().putHeader("Retry-After", "1");
    }
    ctx.response().setStatusCode(r.status()).putHeader("Content-Type", "application/json").end(r.body().encode());
  }

  private Reply evaluate(io.vertx.core.buffer.Buffer buffer, boolean async) {
    CdrBatchReader.Batch batch;
    try {
      byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
      batch = CdrBatchReader.read(bytes, 0, bytes.length, maxRecords, MAX_ERRORS);
    } catch (CdrBatchReader.InvalidBatchException e) {
      return error(400, e.getMessage(), null);
    }
    if (batch.total() > maxRecords) {
      return error(413, "batch of " + batch.total() + " records exceeds the limit of " + maxRecords
          + " (TELOPS_CDR_MAX_BATCH): split it", null);
    }
    if (batch.errorCount() > 0) {
      meters.counter("telops_cdr_rejected", "reason", "invalid").increment(batch.total());
      JsonArray errors = new JsonArray();
      batch.errors().forEach(e -> errors.add(new JsonObject().put("index", e.index()).put("field", e.field())
          .put("message", e.message())));
      CdrBatchReader.RecordError first = batch.errors().get(0);
      return error(400, batch.errorCount() + " of " + batch.total() + " record(s) invalid, nothing stored; first: record "
          + first.index() + ": " + first.message(), errors);
    }
    // Whatever a posted record claims, it is an API fragment: only signed carrier callbacks write the
    // carrier-owned fields, and only the runtime (over the bus) writes runtime fragments.
    List<CallRecord> records = batch.records().stream()
        .map(r -> r.source() == RecordSource.API ? r : r.toBuilder().source(RecordSource.API).build()).toList();
    java.util.concurrent.CompletableFuture<Void> stored = async ? null : writer.offerAllDurable(records);
    if (async ? !writer.offerAll(records) : stored == null) {
      meters.counter("telops_cdr_rejected", "reason", "queue-full").increment(records.size());
      return new Reply(503, new JsonObject().put("error", "CDR queue is full (" + writer.pending()
          + " waiting): nothing stored, retry after 1 s"), true);
    }
    meters.counter("telops_cdr_ingested", "source", "http").increment(records.size());
    return async ? new Reply(202, new JsonObject().put("accepted", records.size()), false)
        : new Reply(200, new JsonObject().put("stored", records.size()), false, stored);
  }

  private static Reply error(int status, String message, JsonArray errors) {
    JsonObject body = new JsonObject().put("error", message);
    if (errors != null) {
      body.put("errors", errors);
    }
    return new Reply(status, body, false);
  }

  private void fromBus(Message<Object> msg) {
    List<CallRecord> records = new ArrayList<>();
    try {
      if (msg.body() instanceof JsonObject o) {
        records.add(CallRecordJson.fromJson(o));
      } else if (msg.body() instanceof JsonArray a) {
        for (int i = 0; i < a.size(); i++) {
          records.add(CallRecordJson.fromJson(a.getJsonObject(i)));
        }
      } else {
        throw new InvalidFieldException("", "expected a CDR JSON object or array, got "
            + (msg.body() == null ? "null" : msg.body().getClass().getSimpleName()));
      }
    } catch (InvalidFieldException | ClassCastException e) {
      meters.counter("telops_cdr_rejected", "reason", "invalid").increment();
      msg.fail(400, "CDR refused, nothing stored: " + e.getMessage());
      return;
    }
    if (writer.offerAll(records)) {
      meters.counter("telops_cdr_ingested", "source", "bus").increment(records.size());
      msg.reply("queued");
    } else {
      meters.counter("telops_cdr_rejected", "reason", "queue-full").increment(records.size());
      msg.fail(503, "CDR queue is full: retry");
    }
  }
}
