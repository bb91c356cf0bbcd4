package org.telops.cdr.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.cdr.billing.invoice.InvoiceFormat;
import org.telops.cdr.billing.invoice.InvoiceLine;
import org.telops.cdr.billing.rating.RateCardCsv;

class CsvReadersTest {

  @Test
  @DisplayName("A rate card with a bad price is refused naming line 3 and column rate_per_minute")
  void badRateLine() {
    String csv = RateCardCsv.HEADER + "\ntwilio,outbound,,USD,0,0.0140,60,60,up,2026-11-01,\n"
        + "twilio,outbound,44,USD,0,cheap,60,60,up,2026-11-01,\n";
    assertThatThrownBy(() -> RateCardCsv.read(new StringReader(csv))).isInstanceOf(CsvLineException.class)
        .hasMessageContaining("line 3").hasMessageContaining("column rate_per_minute").hasMessageContaining("cheap");
  }

  @Test
  @DisplayName("A rate card without a required column is refused naming the column")
  void missingColumn() {
    assertThatThrownBy(() -> RateCardCsv.read(new StringReader("carrier,direction,prefix\ntwilio,outbound,1\n")))
        .hasMessageContaining("currency");
  }

  @Test
  @DisplayName("Twilio's call-log export is read: CallSid, talk seconds, the negative price as a positive charge, RFC 2822 dates")
  void twilioExport() {
    String csv = "Sid,DateCreated,To,From,Status,StartTime,EndTime,Duration,Price,PriceUnit,Direction\r\n"
        + "CA0123,\"Tue, 10 Nov 2026 10:00:00 +0000\",+12025550100,+15550100,completed,"
        + "\"Tue, 10 Nov 2026 10:00:00 +0000\",\"Tue, 10 Nov 2026 10:01:01 +0000\",61,-0.02800,USD,outbound-api\r\n";
    List<InvoiceLine> lines = new ArrayList<>();
    InvoiceFormat.TWILIO.read(new StringReader(csv), "USD", lines::add);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.lineNo()).isEqualTo(2);
      assertThat(l.carrierCallId()).isEqualTo("CA0123");
      assertThat(l.durationSeconds()).isEqualTo(61);
      assertThat(l.amountMicros()).isEqualTo(28_000);
      assertThat(l.direction()).isEqualTo("outbound");
      assertThat(l.startedAt()).hasToString("2026-11-10T10:00:00Z");
    });
  }

  @Test
  @DisplayName("Telnyx detail records are read by their documented names (call_leg_id, call_sec, billed_sec, rate, cost)")
  void telnyxDetailRecords() {
    String csv = "call_session_id,call_leg_id,started_at,call_sec,billed_sec,rate,rate_measured_in,cost,currency,is_telnyx_billable\n"
        + "s-1,leg-1,2026-11-10T10:00:00Z,61,120,0.0070,minutes,0.0140,USD,true\n";
    List<InvoiceLine> lines = new ArrayList<>();
    InvoiceFormat.TELNYX.read(new StringReader(csv), "USD", lines::add);
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.carrierCallId()).isEqualTo("leg-1");
      assertThat(l.callSessionId()).isEqualTo("s-1");
      assertThat(l.billedSeconds()).isEqualTo(120);
      assertThat(l.rateMicros()).isEqualTo(7_000);
      assertThat(l.amountMicros()).isEqualTo(14_000);
    });
  }

  @Test
  @DisplayName("An invoice line with a bad amount is refused with its line number and column")
  void badInvoiceLine() {
    String csv = "Sid,Duration,Price,PriceUnit\nCA1,61,-0.028,USD\nCA2,30,abc,USD\n";
    assertThatThrownBy(() -> InvoiceFormat.TWILIO.read(new StringReader(csv), "USD", l -> {}))
        .isInstanceOf(CsvLineException.class).hasMessageContaining("line 3").hasMessageContaining("column Price");
  }

  @Test
  @DisplayName("A line with too few fields is refused with its line number")
  void shortLine() {
    String csv = "Sid,Duration,Price,PriceUnit\nCA1,61\n";
    assertThatThrownBy(() -> InvoiceFormat.TWILIO.read(new StringReader(csv), "USD", l -> {}))
        .hasMessageContaining("line 2").hasMessageContaining("2 fields");
  }
}
