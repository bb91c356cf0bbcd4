package org.telops.cdr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.carriersim.billing.BilledCall;

/** The billing routes over HTTP: upload, status codes, reconciliation JSON and dispute CSV, re-rating progress. */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class BillingApiIT {
  static final String TOKEN = "billing-api-it-token-0123456789abcdef";
  @TempDir
  static Path dir;
  static BillingBed bed;
  static HttpServer server;
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    bed = new BillingBed(dir, Map.of());
    Router router = Router.router(bed.vertx);
    new BillingApi(bed.vertx, bed.billing).mount(router);
    server = bed.vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort() + "/api/v1/billing";
    for (BilledCall c : BillingIT.calls("twilio", 12)) {
      bed.storeCdr("api-" + c.callId(), c);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    bed.close();
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @org.junit.jupiter.api.Order(1)
  @DisplayName("Rates, an invoice upload (201, then 200 for the same file, 409 for another, 400 naming the bad line), the reconciliation and its dispute CSV")
  void flow() throws Exception {
    HttpResponse<String> rates = send("POST", "/rates", "text/csv", BillingIT.RATES);
    assertThat(rates.statusCode()).as(rates.body()).isEqualTo(201);
    assertThat(bed.billing.rateEndedCalls(1000)).isEqualTo(12);

    String invoice = org.telops.carriersim.twilio.TwilioInvoiceCsv.render(org.telops.carriersim.billing.Invoice.build(
        "twilio", BillingIT.MONTH, BillingIT.calls("twilio", 12), new org.telops.carriersim.billing.BillingErrors(1, 1, 0, 3),
        BillingIT.SIM_RATES));
    HttpResponse<String> created = send("POST", "/invoices?carrier=twilio&period=2026-11", "text/csv", invoice);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    HttpResponse<String> again = send("POST", "/invoices?carrier=twilio&period=2026-11", "text/csv", invoice);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(again.body()).getString("status")).isEqualTo("duplicate");
    HttpResponse<String> other = send("POST", "/invoices?carrier=twilio&period=2026-11", "text/csv", invoice + "\r\n");
    assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
    HttpResponse<String> bad = send("POST", "/invoices?carrier=twilio&period=2026-12", "text/csv",
        "Sid,Duration,Price\nCA1,61,-0.028\nXY2,61,-0.028\n");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getLong("line")).isEqualTo(3);
    assertThat(new JsonObject(bad.body()).getString("error")).contains("line 3, column Sid");

    HttpResponse<String> rec = send("GET", "/reconciliations/twilio/2026-11", null, null);
    assertThat(rec.statusCode()).as(rec.body()).isEqualTo(200);
    JsonObject r = new JsonObject(rec.body());
    assertThat(r.getJsonObject("classes").getJsonObject("phantom").getLong("count")).isEqualTo(1);
    assertThat(r.getJsonObject("classes").getJsonObject("rate-mismatch").getLong("count")).isEqualTo(1);
    assertThat(r.getJsonObject("totals").getLong("varianceMicros")).isPositive();
    assertThat(r.getJsonArray("items").getJsonObject(0).getString("class")).isNotEqualTo("matched");
    HttpResponse<String> csv = send("GET", "/reconciliations/twilio/2026-11?format=csv", null, null);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body().split("\r\n")).hasSize(3);
    assertThat(csv.body()).startsWith("class,carrier_call_id,call_id");
    assertThat(send("GET", "/reconciliations/twilio/2025-01", null, null).statusCode()).isEqualTo(404);
    HttpResponse<String> months = send("GET", "/invoices", null, null);
    assertThat(months.statusCode()).as(months.body()).isEqualTo(200);
    assertThat(new JsonObject(months.body()).getJsonArray("invoices")).hasSize(1);
  }

  @Test
  @org.junit.jupiter.api.Order(2) // changes November's rates, which the first test's invoice is checked against
  @DisplayName("A re-rating job after a rate change reports its progress and reprices the period")
  void rerate() throws Exception {
    send("POST", "/rates", "text/csv", BillingIT.RATES);
    bed.billing.rateEndedCalls(1000);
    HttpResponse<String> change = send("POST", "/rates", "text/csv", "carrier,direction,prefix,currency,connect_fee,"
        + "rate_per_minute,first_increment,next_increment,rounding,valid_from,valid_to\n"
        + "twilio,outbound,,USD,0.0100,0.0200,60,60,up,2026-11-01,\n");
    assertThat(change.statusCode()).isEqualTo(201);
    HttpResponse<String> job = send("POST", "/rerate", "application/json",
        "{\"from\":\"2026-11-01T00:00:00Z\",\"to\":\"2026-12-01T00:00:00Z\",\"carrier\":\"twilio\"}");
    assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
    long id = new JsonObject(job.body()).getLong("jobId");
    JsonObject status = null;
    for (int i = 0; i < 100; i++) {
      status = new JsonObject(send("GET", "/rerate/" + id, null, null).body());
      if (!status.getString("state").equals("running")) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(status.getString("state")).isEqualTo("done");
    assertThat(status.getDouble("percent")).isEqualTo(100.0);
    assertThat(status.getLong("doneCalls")).isEqualTo(status.getLong("totalCalls")).isPositive();
    // A 5..59 s answered call now costs the 0.01 connect fee + one minute at 0.02.
    assertThat(bed.count("SELECT count(*) FROM calls WHERE call_id LIKE 'api-%' AND answered_at IS NOT NULL "
        + "AND cost_telephony_micros <> 30000")).isZero();
  }
}
