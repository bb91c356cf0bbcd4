package org.telops.cdr.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.cdr.billing.rating.CallRater;
import org.telops.cdr.billing.rating.CallRater.CallUsage;
import org.telops.cdr.billing.rating.ProviderPrices;
import org.telops.cdr.billing.rating.Rate;
import org.telops.cdr.billing.rating.RateBook;
import org.telops.cdr.billing.rating.RateCardCsv;
import org.telops.cdr.billing.rating.Rounding;

class RatingTest {
  private static final Instant EPOCH = Instant.parse("2000-01-01T00:00:00Z");

  private static Rate rate(String prefix, long perMinuteMicros, int t1, int t2, long feeMicros) {
    return new Rate(prefix.length() + 1, "twilio", "outbound", prefix, "USD", feeMicros, perMinuteMicros, t1, t2,
        Rounding.UP, EPOCH, null);
  }

  @Test
  @DisplayName("A 61 s call at 60/60 is billed 2 minutes")
  void sixtyOneSecondsAtSixtySixty() {
    Rate r = rate("", 14_000, 60, 60, 0);
    assertThat(r.billedSeconds(61)).isEqualTo(120);
    assertThat(r.priceMicros(61)).isEqualTo(28_000);
    assertThat(r.billedSeconds(60)).isEqualTo(60);
    assertThat(r.billedSeconds(1)).isEqualTo(60);
  }

  @Test
  @DisplayName("A 30 s call at T1=10/T2=6 is billed 34 s, and 59 s at 6/6 is billed 60 s")
  void firstAndNextIncrements() {
    assertThat(rate("", 6_000, 10, 6, 0).billedSeconds(30)).isEqualTo(34);
    assertThat(rate("", 6_000, 10, 6, 0).billedSeconds(5)).isEqualTo(10);
    assertThat(rate("", 6_000, 6, 6, 0).billedSeconds(59)).isEqualTo(60);
    // 34 s at 0.006/min = 3,400 micros exactly
    assertThat(rate("", 6_000, 10, 6, 0).priceMicros(30)).isEqualTo(3_400);
  }

  @Test
  @DisplayName("A connect fee is charged once on an answered call and never on an unanswered one")
  void connectFee() {
    Rate r = rate("", 12_000, 60, 60, 5_000);
    assertThat(r.priceMicros(61)).isEqualTo(5_000 + 24_000);
    assertThat(r.priceMicros(0)).isZero();
  }

  @Test
  @DisplayName("The longest matching prefix wins: +44 7 mobile over +44 over the catch-all")
  void prefixPrecedence() {
    RateBook book = new RateBook(List.of(rate("", 10_000, 60, 60, 0), rate("44", 20_000, 60, 60, 0),
        rate("447", 90_000, 60, 60, 0)));
    Instant at = Instant.parse("2026-11-10T10:00:00Z");
    assertThat(book.find("twilio", "outbound", "+447700900123", at).orElseThrow().ratePerMinuteMicros()).isEqualTo(90_000);
    assertThat(book.find("twilio", "outbound", "+442079460000", at).orElseThrow().ratePerMinuteMicros()).isEqualTo(20_000);
    assertThat(book.find("twilio", "outbound", "+12025550100", at).orElseThrow().ratePerMinuteMicros()).isEqualTo(10_000);
    assertThat(book.find("twilio", "inbound", "+12025550100", at)).isEmpty();
    assertThat(book.find("telnyx", "outbound", "+12025550100", at)).isEmpty();
  }

  @Test
  @DisplayName("A rate change mid-month prices calls before it at the old rate and after it at the new one")
  void midMonthChange() {
    String csv = RateCardCsv.HEADER + "\n"
        + "twilio,outbound,1,USD,0,0.0140,60,60,up,2026-11-01,2026-11-15\n"
        + "twilio,outbound,1,USD,0,0.0100,60,60,up,2026-11-15,\n";
    RateBook book = new RateBook(RateCardCsv.read(new StringReader(csv)));
    CallRater rater = new CallRater(book, ProviderPrices.NONE);
    assertThat(rater.rate(call("2026-11-14T23:59:00Z", 61)).telephonyMicros()).isEqualTo(28_000);
    assertThat(rater.rate(call("2026-11-15T00:00:00Z", 61)).telephonyMicros()).isEqualTo(20_000);
    assertThat(rater.rate(call("2026-10-31T12:00:00Z", 61)).telephonyMicros()).as("before any card: not rated").isNull();
  }

  @Test
  @DisplayName("STT, LLM and TTS costs come from the provider prices and add up to the total with telephony")
  void aiComponents() {
    CallRater rater = new CallRater(new RateBook(List.of(rate("", 14_000, 60, 60, 0))),
        new ProviderPrices("USD", 72, 150, 600, 15_000));
    Instant at = Instant.parse("2026-11-10T10:00:00Z");
    CallRater.RatedCost c = rater.rate(new CallUsage("twilio", "outbound", "+15550100", "+12025550100", at, at,
        at.plusSeconds(61), null, 50.0, 2_000L, 500L, 1_200L));
    assertThat(c.billedSeconds()).isEqualTo(120);
    assertThat(c.telephonyMicros()).isEqualTo(28_000);
    assertThat(c.sttMicros()).isEqualTo(3_600);
    assertThat(c.llmMicros()).isEqualTo(300 + 300);
    assertThat(c.ttsMicros()).isEqualTo(18_000);
    assertThat(c.totalMicros()).isEqualTo(28_000 + 3_600 + 600 + 18_000);
  }

  @Test
  @DisplayName("An unanswered call costs nothing for telephony and bills 0 s")
  void unanswered() {
    CallRater rater = new CallRater(new RateBook(List.of(rate("", 14_000, 60, 60, 5_000))), ProviderPrices.NONE);
    Instant at = Instant.parse("2026-11-10T10:00:00Z");
    CallRater.RatedCost c = rater.rate(new CallUsage("twilio", "outbound", null, "+1202", at, null, at.plusSeconds(30),
        null, null, null, null, null));
    assertThat(c.telephonyMicros()).isZero();
    assertThat(c.billedSeconds()).isZero();
  }

  private static CallUsage call(String at, long seconds) {
    Instant t = Instant.parse(at);
    return new CallUsage("twilio", "outbound", "+15550100", "+12025550100", t, t, t.plusSeconds(seconds), null, null,
        null, null, null);
  }
}
