package org.telops.carriersim.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.carriersim.telnyx.TelnyxInvoiceCsv;
import org.telops.carriersim.twilio.TwilioInvoiceCsv;

class InvoiceTest {
  private static final RateCard RATES = RateCard.parse(null, 60, "USD");
  private static final YearMonth MONTH = YearMonth.of(2026, 11);

  static List<BilledCall> calls(String carrier, int n) {
    List<BilledCall> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant created = Instant.parse("2026-11-03T10:00:00Z").plusSeconds(3600L * i);
      long duration = 30 + 17L * i;
      long billed = RATES.billedSeconds(duration);
      long rate = RATES.rateMicrosPerMinute(carrier, false);
      String id = carrier.equals("twilio") ? String.format("CA%032d", i) : "v3:call-" + i;
      out.add(new BilledCall(carrier, "AC1", id, carrier.equals("twilio") ? id : "leg-" + i, "session-" + i, false,
          "+15550010001", "+12025550100", "completed", created, created, created.plusSeconds(2),
          created.plusSeconds(2 + duration), duration, billed, rate, RateCard.priceMicros(billed, rate), "USD", "us-east",
          "normal_clearing", 4.4));
    }
    return out;
  }

  @Test
  @DisplayName("Without seeded errors the invoice bills every call exactly as rated")
  void clean() {
    List<BilledCall> calls = calls("twilio", 5);
    Invoice inv = Invoice.build("twilio", MONTH, calls, BillingErrors.NONE, RATES);
    assertThat(inv.lines()).containsExactlyElementsOf(calls);
    assertThat(inv.seeded()).isEmpty();
  }

  @Test
  @DisplayName("Seeded errors change exactly the lines the answer key names, in the way it says")
  void seeded() {
    List<BilledCall> calls = calls("twilio", 10);
    Invoice inv = Invoice.build("twilio", MONTH, calls, new BillingErrors(2, 1, 1, 42), RATES);
    assertThat(inv.seeded()).extracting(Invoice.SeededError::kind)
        .containsExactlyInAnyOrder("overcharge", "overcharge", "phantom", "wrong-rounding");
    assertThat(inv.lines()).hasSize(11);
    Map<String, BilledCall> byId = inv.lines().stream().collect(Collectors.toMap(BilledCall::callId, Function.identity()));
    Map<String, BilledCall> original = calls.stream().collect(Collectors.toMap(BilledCall::callId, Function.identity()));
    for (Invoice.SeededError e : inv.seeded()) {
      BilledCall line = byId.get(e.callId());
      assertThat(line.priceMicros()).isEqualTo(e.invoicedPriceMicros());
      assertThat(e.invoicedPriceMicros()).isGreaterThan(e.expectedPriceMicros());
      switch (e.kind()) {
        case "phantom" -> assertThat(original).doesNotContainKey(e.callId());
        case "overcharge" -> assertThat(e.invoicedPriceMicros()).isEqualTo(original.get(e.callId()).priceMicros() * 3 / 2);
        default -> assertThat(line.billedSeconds()).isEqualTo(original.get(e.callId()).billedSeconds() + 60);
      }
    }
    long untouched = inv.lines().stream().filter(l -> l.equals(original.get(l.callId()))).count();
    assertThat(untouched).isEqualTo(7);
  }

  @Test
  @DisplayName("The same calls and seed give the same invoice; another seed picks other lines")
  void deterministic() {
    List<BilledCall> calls = calls("telnyx", 20);
    Invoice a = Invoice.build("telnyx", MONTH, calls, new BillingErrors(3, 2, 3, 7), RATES);
    Invoice b = Invoice.build("telnyx", MONTH, calls, new BillingErrors(3, 2, 3, 7), RATES);
    Invoice c = Invoice.build("telnyx", MONTH, calls, new BillingErrors(3, 2, 3, 8), RATES);
    assertThat(a).isEqualTo(b);
    assertThat(c.seeded()).isNotEqualTo(a.seeded());
  }

  @Test
  @DisplayName("The Twilio export has the Call resource's PascalCase columns, negative prices and RFC 2822 dates")
  void twilioCsv() {
    String csv = TwilioInvoiceCsv.render(Invoice.build("twilio", MONTH, calls("twilio", 2), BillingErrors.NONE, RATES));
    String[] lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo(String.join(",", TwilioInvoiceCsv.COLUMNS));
    assertThat(lines[0]).startsWith("Sid,ParentCallSid,DateCreated,DateUpdated,AccountSid,To,ToFormatted,From");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).contains("\"Tue, 03 Nov 2026 10:00:00 +0000\"").contains(",-0.01400,USD,outbound-api,")
        .contains(",completed,").contains("(202) 555-0100");
  }

  @Test
  @DisplayName("The Telnyx CDR report has snake_case CDR fields, billable time in 60/60 and cost = minutes × rate")
  void telnyxCsv() {
    List<BilledCall> calls = calls("telnyx", 3);
    String csv = TelnyxInvoiceCsv.render(Invoice.build("telnyx", MONTH, calls, BillingErrors.NONE, RATES), "1494");
    String[] lines = csv.split("\r\n");
    assertThat(lines[0].split(",")).contains("origination_number", "terminating_number", "start_timestamp_utc",
        "answer_timestamp", "end_timestamp", "direction", "connection_id", "hangup_code", "billable_time", "rate", "cost", "mos");
    List<String> header = List.of(lines[0].split(","));
    String[] row = lines[3].split(",", -1); // third call: 64 s talk
    assertThat(row[header.indexOf("call_sec")]).isEqualTo("64");
    assertThat(row[header.indexOf("billable_time")]).isEqualTo("120");
    assertThat(row[header.indexOf("rate")]).isEqualTo("0.0070");
    assertThat(row[header.indexOf("cost")]).isEqualTo("0.0140");
    assertThat(row[header.indexOf("hangup_code")]).isEqualTo("16");
    assertThat(row[header.indexOf("direction")]).isEqualTo("outbound");
  }

  @Test
  @DisplayName("CSV fields with commas or quotes are quoted as RFC 4180 says")
  void quoting() {
    assertThat(Csv.row(List.of("a,b", "say \"hi\"", "plain"))).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",plain\r\n");
  }

  @Test
  @DisplayName("The call history keeps the newest calls up to its limit and finds them by id and month")
  void history() {
    CallHistory h = new CallHistory(3);
    calls("twilio", 5).forEach(h::add);
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.find(String.format("CA%032d", 0))).isEmpty();
    assertThat(h.find(String.format("CA%032d", 4))).isPresent();
    assertThat(h.month("twilio", MONTH)).hasSize(3);
    assertThat(h.month("twilio", YearMonth.of(2026, 10))).isEmpty();
    assertThat(h.month("telnyx", MONTH)).isEmpty();
  }
}
