package org.telops.carriersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.carriersim.billing.RateCard;

class BillingIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static SimHarness h;
  private static TwilioRestClient sdk;
  private static WebClient client;

  @BeforeAll
  static void start() {
    h = new SimHarness(Map.of());
    sdk = h.twilioSdk();
    client = WebClient.create(h.vertx);
  }

  @AfterAll
  static void stop() {
    client.close();
    h.close();
  }

  private static Call place(String to) {
    return Call.creator(new PhoneNumber(to), new PhoneNumber("+12025550100"), new Twiml("<Response><Pause length=\"600\"/></Response>"))
        .create(sdk);
  }

  private static void awaitStatus(String sid, String status) {
    Await.until(status + " of " + sid, WAIT, () -> h.app.statusFor(sid).stream().anyMatch(m -> status.equals(m.get("CallStatus"))));
  }

  private static Map<String, String> completed(String sid) {
    awaitStatus(sid, "completed");
    return h.app.statusFor(sid).stream().filter(m -> "completed".equals(m.get("CallStatus"))).findFirst().orElseThrow();
  }

  private String get(String path) {
    HttpResponse<Buffer> r = Await.result(client.getAbs(h.base() + path).send());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.bodyAsString();
  }

  private static String month() {
    return YearMonth.from(h.clock.instant().atZone(ZoneOffset.UTC)).toString();
  }

  @Test
  @DisplayName("A call answered for 61 s is reported with CallDuration 61, Duration 2 and priced as 2 minutes on both legs, in callbacks, fetch and invoice")
  void sixtyOneSeconds() {
    Call call = place("+15550020001");
    awaitStatus(call.getSid(), "in-progress");
    String inbound = h.app.voiceRequests.stream().filter(m -> "+15550020001".equals(m.get("To"))).findFirst().orElseThrow()
        .get("CallSid");
    awaitStatus(inbound, "in-progress");
    h.clock.advance(Duration.ofSeconds(61));
    Call.updater(call.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(sdk);

    assertThat(completed(call.getSid())).containsEntry("CallDuration", "61").containsEntry("Duration", "2")
        .containsEntry("Price", "-0.02800");
    assertThat(completed(inbound)).containsEntry("CallDuration", "61").containsEntry("Duration", "2")
        .containsEntry("Price", "-0.01700");
    Call fetched = Call.fetcher(call.getSid()).fetch(sdk);
    assertThat(fetched.getDuration()).isEqualTo("61");
    assertThat(fetched.getPrice()).isEqualTo("-0.02800");

    List<String> csv = Arrays.asList(get("/twilio/invoices/" + month() + ".csv").split("\r\n"));
    List<String> header = Arrays.asList(csv.get(0).split(","));
    assertThat(header).startsWith("Sid", "ParentCallSid", "DateCreated", "DateUpdated", "AccountSid", "To");
    String row = csv.stream().filter(l -> l.startsWith(call.getSid())).findFirst().orElseThrow();
    List<String> fields = csvFields(row);
    assertThat(fields.get(header.indexOf("Duration"))).isEqualTo("61");
    assertThat(fields.get(header.indexOf("Price"))).isEqualTo("-0.02800");
    assertThat(fields.get(header.indexOf("Direction"))).isEqualTo("outbound-api");
    assertThat(fields.get(header.indexOf("Status"))).isEqualTo("completed");
    assertThat(csv.stream().filter(l -> l.startsWith(inbound)).findFirst().orElseThrow()).contains(",-0.01700,USD,inbound,");
    assertThat(h.app.signatureFailures).isEmpty();
  }

  @Test
  @DisplayName("Seeded billing errors show in the invoice exactly as the answer key says, and a phantom call is unknown to the API")
  void seededErrors() {
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sids.add(place("+1202555020" + i).getSid());
    }
    sids.forEach(s -> awaitStatus(s, "in-progress"));
    h.clock.advance(Duration.ofSeconds(45));
    sids.forEach(s -> Call.updater(s).setStatus(Call.UpdateStatus.COMPLETED).update(sdk));
    sids.forEach(s -> assertThat(completed(s)).containsEntry("Price", "-0.01400"));

    String query = "?overcharge=1&phantom=1&rounding=1&seed=3";
    JsonObject key = new JsonObject(get("/twilio/invoices/" + month() + "/errors.json" + query));
    JsonArray seeded = key.getJsonArray("seeded");
    assertThat(seeded.stream().map(o -> ((JsonObject) o).getString("kind")).toList())
        .containsExactlyInAnyOrder("overcharge", "phantom", "wrong-rounding");
    String csv = get("/twilio/invoices/" + month() + ".csv" + query);
    List<String> header = Arrays.asList(csv.split("\r\n")[0].split(","));
    for (Object o : seeded) {
      JsonObject e = (JsonObject) o;
      String row = Arrays.stream(csv.split("\r\n")).filter(l -> l.startsWith(e.getString("callId"))).findFirst().orElseThrow();
      assertThat(csvFields(row).get(header.indexOf("Price"))).as(e.encode())
          .isEqualTo("-" + RateCard.decimal(e.getLong("invoicedPriceMicros"), 5));
      assertThat(e.getLong("invoicedPriceMicros")).isGreaterThan(e.getLong("expectedPriceMicros"));
      if (e.getString("kind").equals("phantom")) {
        assertThatThrownBy(() -> Call.fetcher(e.getString("callId")).fetch(sdk)).isInstanceOf(ApiException.class);
      }
    }
    // Without parameters (and TELOPS_SIM_INVOICE_ERRORS unset) the invoice is clean and repeatable.
    assertThat(get("/twilio/invoices/" + month() + ".csv")).isEqualTo(get("/twilio/invoices/" + month() + ".csv"));
    assertThat(new JsonObject(get("/twilio/invoices/" + month() + "/errors.json")).getJsonArray("seeded")).isEmpty();
    assertThat(csv).isEqualTo(get("/twilio/invoices/" + month() + ".csv" + query));
  }

  @Test
  @DisplayName("The Telnyx CDR report lists a dialled call with billable_time in whole minutes and cost = minutes × rate")
  void telnyxInvoice() {
    HttpResponse<Buffer> dial = Await.result(client.postAbs(h.base() + "/v2/calls")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY)
        .sendJsonObject(new JsonObject().put("to", "+12025550300").put("from", "+12025550100")));
    String id = dial.bodyAsJsonObject().getJsonObject("data").getString("call_control_id");
    Await.until("the answer", WAIT, () -> h.app.eventsFor(id).stream()
        .anyMatch(e -> e.getJsonObject("data").getString("event_type").equals("call.answered")));
    h.clock.advance(Duration.ofSeconds(61));
    Await.result(client.postAbs(h.base() + "/v2/calls/" + id + "/actions/hangup")
        .putHeader("Authorization", "Bearer " + SimHarness.TELNYX_KEY).sendJsonObject(new JsonObject()));
    Await.until("call.hangup", WAIT, () -> h.app.eventsFor(id).stream()
        .anyMatch(e -> e.getJsonObject("data").getString("event_type").equals("call.hangup")));
    String[] csv = get("/telnyx/invoices/" + month() + ".csv").split("\r\n");
    List<String> header = Arrays.asList(csv[0].split(","));
    assertThat(header).contains("origination_number", "terminating_number", "start_timestamp_utc", "billable_time", "rate", "cost");
    List<String> row = csvFields(Arrays.stream(csv).filter(l -> l.contains(id)).findFirst().orElseThrow());
    assertThat(row.get(header.indexOf("call_sec"))).isEqualTo("61");
    assertThat(row.get(header.indexOf("billable_time"))).isEqualTo("120");
    assertThat(row.get(header.indexOf("rate"))).isEqualTo("0.0070");
    assertThat(row.get(header.indexOf("cost"))).isEqualTo("0.0140");
    assertThat(row.get(header.indexOf("terminating_number"))).isEqualTo("+12025550300");
  }

  /** Splits one CSV row, honouring quotes. */
  static List<String> csvFields(String row) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(f.toString());
        f.setLength(0);
      } else {
        f.append(c);
      }
    }
    out.add(f.toString());
    return out;
  }
}
