package org.telops.cdr.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telops.contracts.call.Attestation;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;

class TwilioStatusCallbackTest {
  private static final String SID = "CA0123456789abcdef0123456789abcdef";
  private static final String TIMESTAMP = "Sat, 21 Nov 2026 03:00:00 +0000";
  private static final Instant AT = Instant.parse("2026-11-21T03:00:00Z");
  private static final Instant RECEIVED = Instant.parse("2026-11-21T03:00:02Z");

  private static Map<String, String> form(String status, String... more) {
    Map<String, String> f = new HashMap<>(Map.of("CallSid", SID, "AccountSid", "AC0123", "CallStatus", status,
        "Timestamp", TIMESTAMP, "SequenceNumber", "3", "From", "+15550100", "To", "+15550199",
        "Direction", "outbound-api"));
    for (int i = 0; i < more.length; i += 2) {
      f.put(more[i], more[i + 1]);
    }
    return f;
  }

  private static CallRecord parse(Map<String, String> form) {
    return TwilioStatusCallback.toFragment(form, Map.of(), RECEIVED);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @DisplayName("Each Twilio CallStatus maps to its state and outcome")
  @CsvSource(nullValues = "-", value = {
    "queued,      ATTEMPTED, -",
    "initiated,   ATTEMPTED, -",
    "ringing,     RINGING,   -",
    "in-progress, ANSWERED,  -",
    "completed,   ENDED,     COMPLETED",
    "busy,        ENDED,     BUSY",
    "failed,      ENDED,     FAILED",
    "no-answer,   ENDED,     NO_ANSWER",
    "canceled,    ENDED,     CANCELED",
    "No-Answer,   ENDED,     NO_ANSWER",
  })
  void statusMapping(String status, CallState state, CallOutcome outcome) {
    CallRecord r = parse(form(status));
    assertThat(r.state()).isEqualTo(state);
    assertThat(r.outcome()).isEqualTo(outcome);
    assertThat(r.attemptedAt()).isEqualTo(state == CallState.ATTEMPTED ? AT : null);
    assertThat(r.answeredAt()).isEqualTo(state == CallState.ANSWERED ? AT : null);
    assertThat(r.endedAt()).isEqualTo(state == CallState.ENDED ? AT : null);
    assertThat(r.source()).isEqualTo(RecordSource.CARRIER);
    assertThat(r.carrier()).isEqualTo("twilio");
    assertThat(r.sequence()).isEqualTo(3L);
  }

  @Test
  @DisplayName("The call id is the one every module derives from the CallSid")
  void callIdDerived() {
    CallRecord r = parse(form("ringing"));
    assertThat(r.callId()).isEqualTo(CallIds.of("twilio", SID));
    assertThat(r.carrierCallId()).isEqualTo(SID);
    assertThat(r.fromNumber()).isEqualTo("+15550100");
    assertThat(r.toNumber()).isEqualTo("+15550199");
    assertThat(r.direction()).isEqualTo(Direction.OUTBOUND);
  }

  @Test
  @DisplayName("CallDuration becomes telephony seconds and the answer time is the end minus the duration")
  void durationGivesAnswerTime() {
    CallRecord r = parse(form("completed", "CallDuration", "42"));
    assertThat(r.usage().telephonySeconds()).isEqualTo(42L);
    assertThat(r.endedAt()).isEqualTo(AT);
    assertThat(r.answeredAt()).isEqualTo(AT.minusSeconds(42));
    assertThat(r.talkSeconds()).isEqualTo(42L);
  }

  @Test
  @DisplayName("A busy call with duration 0 has zero telephony seconds and no answer time")
  void unansweredHasNoAnswerTime() {
    CallRecord r = parse(form("busy", "CallDuration", "0"));
    assertThat(r.usage().telephonySeconds()).isZero();
    assertThat(r.answeredAt()).isNull();
    assertThat(parse(form("completed", "CallDuration", "0")).answeredAt()).isNull();
  }

  @Test
  @DisplayName("Price '-0.01300' with PriceUnit USD is a charge of 13000 micros USD")
  void priceInMicros() {
    Cost c = parse(form("completed", "Price", "-0.01300", "PriceUnit", "USD")).cost();
    assertThat(c).isEqualTo(new Cost("USD", 13_000L, null, null, null));
    assertThat(parse(form("completed", "Price", "-0.0085", "PriceUnit", "eur")).cost().currency()).isEqualTo("EUR");
    assertThat(parse(form("completed", "Price", "-0.0085")).cost().currency()).isEqualTo("USD");
    assertThat(TwilioStatusCallback.priceMicros("-1.2345675")).isEqualTo(1_234_568L);
    assertThat(parse(form("completed")).cost()).isEqualTo(Cost.NONE);
  }

  @Test
  @DisplayName("Tenant, region and agent come from the status callback URL's query")
  void queryIdentity() {
    CallRecord r = TwilioStatusCallback.toFragment(form("ringing"),
        Map.of("tenant", "acme", "region", "us-east", "agent", " sales-bot "), RECEIVED);
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.region()).isEqualTo("us-east");
    assertThat(r.agent()).isEqualTo("sales-bot");
    assertThat(parse(form("ringing")).tenant()).isNull();
  }

  @Test
  @DisplayName("StirVerstat becomes the attestation level")
  void stirVerstat() {
    assertThat(parse(form("ringing", "StirVerstat", "TN-Validation-Passed-A")).attestation()).isEqualTo(Attestation.A);
    assertThat(parse(form("ringing", "StirVerstat", "TN-Validation-Passed-C")).attestation()).isEqualTo(Attestation.C);
    assertThat(parse(form("ringing", "StirVerstat", "No-TN-Validation")).attestation()).isEqualTo(Attestation.UNKNOWN);
    assertThat(parse(form("ringing")).attestation()).isNull();
  }

  @Test
  @DisplayName("SIP response and Twilio error codes of an ended call become the hang-up cause")
  void hangupCause() {
    assertThat(parse(form("busy", "SipResponseCode", "486")).hangupCause()).isEqualTo("sip-486");
    assertThat(parse(form("failed", "ErrorCode", "31005", "SipResponseCode", "503")).hangupCause())
        .isEqualTo("twilio-error-31005 (sip 503)");
    assertThat(parse(form("completed")).hangupCause()).isNull();
  }

  @Test
  @DisplayName("Without a Timestamp the receive time is used, and an ISO-8601 Timestamp is accepted too")
  void timestampFallbacks() {
    Map<String, String> noTs = form("initiated");
    noTs.remove("Timestamp");
    assertThat(parse(noTs).attemptedAt()).isEqualTo(RECEIVED);
    assertThat(parse(form("initiated", "Timestamp", "2026-11-21T03:00:00Z")).attemptedAt()).isEqualTo(AT);
    assertThat(parse(form("initiated", "Timestamp", "Sat, 21 Nov 2026 04:00:00 +0100")).attemptedAt()).isEqualTo(AT);
  }

  @Test
  @DisplayName("A callback without CallSid or CallStatus is refused naming the missing parameter")
  void missingRequired() {
    Map<String, String> noSid = form("completed");
    noSid.remove("CallSid");
    assertThatThrownBy(() -> parse(noSid)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CallSid");
    Map<String, String> blankStatus = form(" ");
    assertThatThrownBy(() -> parse(blankStatus)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CallStatus");
  }

  @ParameterizedTest(name = "{0}={1}")
  @DisplayName("An unusable parameter is refused with an IllegalArgumentException naming it and its value")
  @CsvSource(delimiter = '|', value = {
    "CallStatus     | paused",
    "CallDuration   | forty",
    "Price          | free",
    "SequenceNumber | 3a",
    "Timestamp      | yesterday at noon",
  })
  void badParameter(String name, String value) {
    Map<String, String> f = form("completed", name, value);
    assertThatThrownBy(() -> parse(f)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name).hasMessageContaining(value);
  }

  @Test
  @DisplayName("Twilio fragments carry no quality: that is the runtime's to report")
  void noQuality() {
    assertThat(parse(form("completed", "CallDuration", "42")).quality()).isEqualTo(QualitySummary.NONE);
  }
}
