package org.telops.cdr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.billing.RateCard;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.reconcile.ItemClass;
import org.telops.cdr.billing.store.InvoiceStore.ImportResult;

/**
 * Billing on real PostgreSQL against the local carrier: its monthly invoices with seeded errors (overcharge,
 * wrong rounding, phantom) are fetched over HTTP, imported, reconciled, and checked against its answer key.
 */
class BillingIT {
  static final YearMonth MONTH = YearMonth.of(2026, 11);
  static final RateCard SIM_RATES = RateCard.parse(null, 60, "USD");
  static final String RATES = "carrier,direction,prefix,currency,connect_fee,rate_per_minute,first_increment,"
      + "next_increment,rounding,valid_from,valid_to\n"
      + "twilio,outbound,,USD,0,0.0140,60,60,up,2026-01-01,\n"
      + "twilio,inbound,,USD,0,0.0085,60,60,up,2026-01-01,\n"
      + "telnyx,outbound,,USD,0,0.0070,60,60,up,2026-01-01,\n"
      + "telnyx,inbound,,USD,0,0.0035,60,60,up,2026-01-01,\n";

  @TempDir
  static Path dir;
  static BillingBed bed;
  static final Map<String, Set<String>> unbilled = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    bed = new BillingBed(dir, Map.of("TELOPS_SIM_INVOICE_ERRORS", "overcharge=4,phantom=2,rounding=3,seed=17"));
    bed.billing.importRates(new ByteArrayInputStream(RATES.getBytes(StandardCharsets.UTF_8)), "rates.csv", "finance-it");
    for (String carrier : List.of("twilio", "telnyx")) {
      List<BilledCall> calls = calls(carrier, 40);
      for (BilledCall c : calls) {
        bed.sim.sim().history().add(c);
        bed.storeCdr("tel-" + c.callId(), c);
      }
      // Two calls of ours the carrier never billed.
      Set<String> ours = new java.util.HashSet<>();
      for (BilledCall c : calls(carrier, 43).subList(41, 43)) { // answered (40 is not)
        bed.storeCdr("tel-" + c.callId(), c);
        ours.add(c.callId());
      }
      unbilled.put(carrier, ours);
    }
    assertThat(bed.billing.rateEndedCalls(10_000)).isEqualTo(84);
  }

  @AfterAll
  static void stop() throws Exception {
    bed.close();
  }

  /**
   * Legs in November: every 9th unanswered (price 0). Twilio talk times stay within the first minute, so a
   * 50 % overcharge (90 s worth) and a wrong rounding (120 s worth) differ in kind from the price alone —
   * Twilio's export has no billed-seconds column; Telnyx's has, so its calls run 20 s to 5 min.
   */
  static List<BilledCall> calls(String carrier, int n) {
    List<BilledCall> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant created = Instant.parse("2026-11-02T08:00:00Z").plusSeconds(52_000L * i);
      boolean answered = i % 9 != 4;
      long duration = !answered ? 0 : carrier.equals("twilio") ? 5 + (i * 7L) % 55 : 20 + (i * 37L) % 280;
      long billed = SIM_RATES.billedSeconds(duration);
      long rate = SIM_RATES.rateMicrosPerMinute(carrier, false);
      String id = carrier.equals("twilio") ? String.format("CA%032x", 0xb111L + i) : "v3:ctl-" + i;
      out.add(new BilledCall(carrier, "AC1", id, carrier.equals("twilio") ? id : "leg-" + i, "session-" + i, false,
          "+15550010001", "+1202555" + String.format("%04d", i), answered ? "completed" : "no-answer", created, created,
          answered ? created.plusSeconds(3) : null, created.plusSeconds(3 + duration), duration, billed, rate,
          RateCard.priceMicros(billed, rate), "USD", "us-east", answered ? "normal_clearing" : "timeout", null));
    }
    return out;
  }

  @Test
  @DisplayName("Every error the local carrier seeded is found in the right class, every correct line is matched, for Twilio and Telnyx")
  void answerKey() throws Exception {
    for (String carrier : List.of("twilio", "telnyx")) {
      ImportResult r = bed.billing.fetchLocalInvoice(carrier, MONTH, "finance-it");
      assertThat(r.status()).as(carrier).isIn("created");
      JsonObject key = new JsonObject(get(bed.sim.baseUrl() + "/" + carrier + "/invoices/" + MONTH + "/errors.json"));
      Map<String, String> expected = new HashMap<>();
      key.getJsonArray("seeded").forEach(o -> {
        JsonObject e = (JsonObject) o;
        expected.put(e.getString("callId"), switch (e.getString("kind")) {
          case "overcharge" -> "rate-mismatch";
          case "wrong-rounding" -> "duration-mismatch";
          default -> "phantom";
        });
      });
      assertThat(expected).as("the answer key of " + carrier).hasSize(9);
      unbilled.get(carrier).forEach(id -> expected.put(id, "unbilled"));

      List<Item> items = bed.billing.items(carrier, MONTH, null, 10_000, 0);
      Map<String, String> flagged = items.stream().filter(i -> i.kind() != ItemClass.MATCHED)
          .collect(Collectors.toMap(Item::carrierCallId, i -> i.kind().id()));
      assertThat(flagged).as(carrier + ": every seeded error found, nothing else flagged").isEqualTo(expected);
      assertThat(items.stream().filter(i -> i.kind() == ItemClass.MATCHED).count()).as(carrier).isEqualTo(40 - 7);

      var summary = bed.billing.summary(carrier, MONTH);
      assertThat(summary.classes().get(ItemClass.PHANTOM).count()).isEqualTo(2);
      assertThat(summary.varianceMicros()).isEqualTo(summary.billedMicros() - summary.ourMicros()).isPositive();
      assertThat(summary.disputed()).as(carrier + " variance " + summary.variancePercent() + " % > 2 %").isTrue();
      assertThat(bed.billing.varianceByDay(carrier, MONTH).values().stream().mapToLong(Long::longValue).sum())
          .as("variance by day adds up to the month's").isEqualTo(summary.varianceMicros());
    }
  }

  @Test
  @DisplayName("Rated cost per carrier and day adds telephony, STT, LLM and TTS to the total of every rated call")
  void costs() throws Exception {
    var rows = bed.billing.costs(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"), "carrier");
    assertThat(rows.stream().mapToLong(CostRowsTotal::calls).sum()).isEqualTo(84);
    assertThat(rows).allSatisfy(r -> assertThat(r.totalMicros())
        .isEqualTo(r.telephonyMicros() + r.sttMicros() + r.llmMicros() + r.ttsMicros()));
    assertThat(bed.count("SELECT sum(cost_telephony_micros) FROM calls WHERE carrier = 'twilio'")).isEqualTo(rows.stream()
        .filter(r -> r.group().equals("twilio")).mapToLong(CostRowsTotal::telephony).sum());
  }

  /** Method references for the cost rows. */
  interface CostRowsTotal {
    static long calls(org.telops.cdr.billing.store.CostReads.CostRow r) {
      return r.calls();
    }

    static long telephony(org.telops.cdr.billing.store.CostReads.CostRow r) {
      return r.telephonyMicros();
    }
  }

  @Test
  @DisplayName("A bad invoice line is refused with its line number and column, and nothing of the file is stored")
  void badLine() throws Exception {
    long invoices = bed.count("SELECT count(*) FROM invoices");
    long lines = bed.count("SELECT count(*) FROM invoice_lines");
    String csv = "Sid,Duration,Price,PriceUnit\n" + "CA" + "0".repeat(32) + ",61,-0.02800,USD\n".repeat(1)
        + "CA" + "1".repeat(32) + ",61,-0.0x,USD\n";
    assertThatThrownBy(() -> bed.billing.importInvoice("twilio", YearMonth.of(2026, 9),
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "bad.csv", "finance-it", false))
        .isInstanceOf(CsvLineException.class).hasMessageContaining("line 3").hasMessageContaining("column Price");
    assertThat(bed.count("SELECT count(*) FROM invoices")).isEqualTo(invoices);
    assertThat(bed.count("SELECT count(*) FROM invoice_lines")).isEqualTo(lines);
  }

  @Test
  @DisplayName("The same file imported twice is recognised and adds nothing; another file for the same month is refused unless replacing")
  void doubleImport() throws Exception {
    YearMonth oct = YearMonth.of(2026, 10);
    byte[] file = ("Sid,Duration,Price,PriceUnit\nCA" + "2".repeat(32) + ",61,-0.02800,USD\n").getBytes(StandardCharsets.UTF_8);
    byte[] other = ("Sid,Duration,Price,PriceUnit\nCA" + "3".repeat(32) + ",30,-0.01400,USD\n").getBytes(StandardCharsets.UTF_8);
    ImportResult first = bed.billing.importInvoice("twilio", oct, new ByteArrayInputStream(file), "a.csv", "f", false);
    long lines = bed.count("SELECT count(*) FROM invoice_lines");
    ImportResult again = bed.billing.importInvoice("twilio", oct, new ByteArrayInputStream(file), "a.csv", "f", false);
    assertThat(first.status()).isEqualTo("created");
    assertThat(again.status()).isEqualTo("duplicate");
    assertThat(again.invoiceId()).isEqualTo(first.invoiceId());
    assertThat(again.message()).contains("already imported");
    ImportResult conflict = bed.billing.importInvoice("twilio", oct, new ByteArrayInputStream(other), "b.csv", "f", false);
    assertThat(conflict.status()).isEqualTo("conflict");
    assertThat(bed.count("SELECT count(*) FROM invoice_lines")).isEqualTo(lines);
    ImportResult replaced = bed.billing.importInvoice("twilio", oct, new ByteArrayInputStream(other), "b.csv", "f", true);
    assertThat(replaced.status()).isEqualTo("created");
    assertThat(bed.count("SELECT count(*) FROM invoices WHERE carrier = 'twilio' AND period_start = '2026-10-01'")).isEqualTo(1);
    assertThat(bed.count("SELECT count(*) FROM audit_log WHERE action = 'billing.invoice.import'")).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("Invoice lines keep the subscriber numbers in from_number and to_number, where erasure finds them")
  void numbersInColumns() throws Exception {
    bed.billing.importInvoice("telnyx", YearMonth.of(2026, 8), new ByteArrayInputStream(("call_leg_id,call_sec,"
        + "billed_sec,cost,origination_number,terminating_number\nleg-x,10,60,0.0070,+15550001111,+442079460000\n")
        .getBytes(StandardCharsets.UTF_8)), "t.csv", "f", false);
    assertThat(bed.count("SELECT count(*) FROM invoice_lines WHERE from_number = '+15550001111' "
        + "AND to_number = '+442079460000'")).isEqualTo(1);
  }

  static String get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
