package org.telops.contracts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.telops.contracts.call.Attestation;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

class CallRecordJsonTest {
  private static final String SID = "CA0123456789abcdef0123456789abcdef";

  static CallRecord fullRecord() {
    return CallRecord.builder(CallIds.of("twilio", SID))
        .carrierCallId(SID).carrier("twilio").region("us-east").tenant("acme").agent("Sales Bot v2")
        .direction(Direction.OUTBOUND).fromNumber("+15550100").toNumber("+15550199")
        .attemptedAt(Instant.parse("2026-11-21T03:00:00Z"))
        .answeredAt(Instant.parse("2026-11-21T03:00:08.250Z"))
        .endedAt(Instant.parse("2026-11-21T03:01:00.123456789Z"))
        .state(CallState.ENDED).outcome(CallOutcome.NO_ANSWER).hangupCause("sip-480").codec("opus")
        .mediaPath("stream+record").attestation(Attestation.B)
        .quality(new QualitySummary(4.2, 12.5, 0.4, 80.0, 700, 1400))
        .usage(new Usage(52L, 38.5, 1200L, 300L, 900L))
        .cost(new Cost("USD", 13000L, 5000L, 2000L, 3000L))
        .source(RecordSource.RUNTIME).sequence(7L)
        .build();
  }

  /** Through text, as on the wire: numbers come back as Integer/Double, not as the Java types put in. */
  private static CallRecord roundTrip(CallRecord r) {
    return CallRecordJson.fromJson(new JsonObject(CallRecordJson.toJson(r).encode()));
  }

  private static JsonObject base() {
    return new JsonObject().put("callId", "4b1f3c2e-0000-3000-8000-000000000001");
  }

  private static InvalidFieldException refused(JsonObject o) {
    try {
      CallRecordJson.fromJson(o);
    } catch (InvalidFieldException e) {
      return e;
    }
    throw new AssertionError("expected fromJson to refuse " + o.encode());
  }

  @Test
  @DisplayName("A record with every field set survives toJson, encoding and fromJson unchanged")
  void fullRoundTrip() throws Exception {
    CallRecord r = fullRecord();
    for (Object part : new Object[] {r, r.quality(), r.usage(), r.cost()}) {
      for (RecordComponent c : part.getClass().getRecordComponents()) {
        assertThat(c.getAccessor().invoke(part)).as("sample must set %s", c.getName()).isNotNull();
      }
    }
    assertThat(roundTrip(r)).isEqualTo(r);
    JsonObject json = CallRecordJson.toJson(r);
    assertThat(json.getJsonObject("cost").getLong("totalMicros")).isEqualTo(23000L);
    assertThat(json.getString("from")).isEqualTo("+15550100");
    assertThat(json.getString("outcome")).isEqualTo("no-answer");
    assertThat(json.getString("mediaPath")).isEqualTo("stream+record");
    assertThat(CallRecordJson.toJson(roundTrip(r))).isEqualTo(json);
  }

  @Test
  @DisplayName("Absent fields are omitted from the JSON rather than written as null")
  void absentFieldsOmitted() {
    JsonObject minimal = CallRecordJson.toJson(CallRecord.builder("c-1").build());
    assertThat(minimal.fieldNames()).containsExactlyInAnyOrder("callId", "source");
    assertThat(minimal.getString("source")).isEqualTo("api");

    CallRecord partial = CallRecord.builder("c-2").quality(new QualitySummary(3.9, null, null, null, null, null))
        .usage(new Usage(null, null, 10L, null, null)).cost(new Cost("EUR", null, null, null, null)).build();
    JsonObject json = CallRecordJson.toJson(partial);
    assertThat(json.getJsonObject("quality").fieldNames()).containsExactly("mos");
    assertThat(json.getJsonObject("usage").fieldNames()).containsExactly("llmTokensIn");
    assertThat(json.getJsonObject("cost").fieldNames()).containsExactly("currency");
    assertThat(json.encode()).doesNotContain("null");
    assertThat(roundTrip(partial)).isEqualTo(partial);
  }

  @Test
  @DisplayName("A missing callId is derived from carrier and carrierCallId")
  void callIdDerived() {
    CallRecord r = CallRecordJson.fromJson(new JsonObject().put("carrier", "telnyx").put("carrierCallId", "v3:abc"));
    assertThat(r.callId()).isEqualTo(CallIds.of("telnyx", "v3:abc"));
  }

  @Test
  @DisplayName("A callId that contradicts carrier and carrierCallId is refused naming the field callId")
  void contradictingCallIdRefused() {
    JsonObject o = new JsonObject().put("callId", CallIds.of("twilio", "CA-other"))
        .put("carrier", "twilio").put("carrierCallId", SID);
    InvalidFieldException e = refused(o);
    assertThat(e.field()).isEqualTo("callId");
    assertThat(e.getMessage()).contains(CallIds.of("twilio", SID));
  }

  @Test
  @DisplayName("A record with neither callId nor carrier identity is refused naming callId")
  void callIdRequired() {
    assertThat(refused(new JsonObject().put("carrier", "twilio")).field()).isEqualTo("callId");
    assertThat(refused(new JsonObject().put("callId", "x".repeat(65))).field()).isEqualTo("callId");
  }

  @ParameterizedTest(name = "{0} = {1} is refused as {2}")
  @DisplayName("Out-of-range values are refused with the dotted path of the field")
  @CsvSource(delimiter = '|', value = {
    "quality    | {\"mos\": 4.6}               | quality.mos",
    "quality    | {\"mos\": 0.5}               | quality.mos",
    "quality    | {\"lossPercent\": 100.5}     | quality.lossPercent",
    "quality    | {\"jitterMs\": -1}           | quality.jitterMs",
    "quality    | {\"mos\": \"4.2\"}           | quality.mos",
    "quality    | {\"turnLatencyP50Ms\": 1.5}  | quality.turnLatencyP50Ms",
    "usage      | {\"telephonySeconds\": -1}   | usage.telephonySeconds",
    "usage      | {\"llmTokensIn\": -3}        | usage.llmTokensIn",
    "usage      | {\"sttSeconds\": -0.5}       | usage.sttSeconds",
    "usage      | {\"ttsCharacters\": \"many\"}| usage.ttsCharacters",
    "cost       | {\"currency\": \"usd\", \"sttMicros\": 1} | cost.currency",
    "cost       | {\"telephonyMicros\": 13000} | cost.currency",
    "cost       | {\"currency\": \"USD\", \"llmMicros\": 0.5} | cost.llmMicros",
  })
  void nestedFieldRefused(String object, String value, String field) {
    InvalidFieldException e = refused(base().put(object, new JsonObject(value)));
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.getMessage()).contains(field);
  }

  @ParameterizedTest(name = "{0} = {1} is refused")
  @DisplayName("Top-level values of the wrong type or shape are refused naming the field")
  @CsvSource(delimiter = '|', value = {
    "attemptedAt | \"yesterday\"",
    "attemptedAt | \"Sat, 21 Nov 2026 03:00:00 +0000\"",
    "endedAt     | 1763694000",
    "outcome     | \"exploded\"",
    "state       | \"on-hold\"",
    "direction   | \"sideways\"",
    "source      | \"carrier-pigeon\"",
    "tenant      | \"Acme Corp\"",
    "region      | 5",
    "quality     | 4.2",
    "usage       | [1, 2]",
    "sequence    | -1",
    "sequence    | \"7\"",
    "mediaPath   | \"websocket\"",
    "mediaPath   | \"record+stream\"",
    "mediaPath   | 1",
  })
  void topLevelFieldRefused(String field, String jsonValue) {
    JsonObject o = new JsonObject(base().encode().replace("}", ",\"" + field + "\":" + jsonValue + "}"));
    InvalidFieldException e = refused(o);
    assertThat(e.field()).isEqualTo(field);
  }

  @Test
  @DisplayName("The message of a refused value quotes the value the client sent")
  void messageQuotesValue() {
    assertThat(refused(base().put("cost", new JsonObject().put("currency", "usd"))).getMessage()).contains("'usd'");
    assertThat(refused(base().put("attemptedAt", "21/11/2026")).getMessage()).contains("21/11/2026");
  }

  @Test
  @DisplayName("An endedAt before attemptedAt is refused naming endedAt, while equal instants are accepted")
  void endedBeforeAttempted() {
    JsonObject o = base().put("attemptedAt", "2026-11-21T03:00:00Z").put("endedAt", "2026-11-21T02:59:59Z");
    assertThat(refused(o).field()).isEqualTo("endedAt");
    CallRecord same = CallRecordJson.fromJson(o.put("endedAt", "2026-11-21T03:00:00Z"));
    assertThat(same.endedAt()).isEqualTo(same.attemptedAt());
  }

  @Test
  @DisplayName("A turn latency beyond the int range is refused naming its field instead of escaping as ArithmeticException")
  void turnLatencyOverflowNamesField() {
    JsonObject o = base().put("quality", new JsonObject().put("turnLatencyP50Ms", 3_000_000_000L));
    assertThatThrownBy(() -> CallRecordJson.fromJson(o))
        .isInstanceOf(InvalidFieldException.class)
        .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("quality.turnLatencyP50Ms");
  }

  @Test
  @DisplayName("Carriers' and operators' spellings of enum values are understood")
  void carrierSpellings() {
    CallRecord r = CallRecordJson.fromJson(base().put("outcome", "no_answer").put("direction", "outbound-api")
        .put("attestation", "TN-Validation-Passed-B").put("state", "ANSWERED").put("source", "Carrier"));
    assertThat(r.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(r.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(r.attestation()).isEqualTo(Attestation.B);
    assertThat(r.state()).isEqualTo(CallState.ANSWERED);
    assertThat(r.source()).isEqualTo(RecordSource.CARRIER);

    assertThat(CallOutcome.fromWire("NO-ANSWER")).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(Direction.fromWire("outbound-dial")).isEqualTo(Direction.OUTBOUND);
    assertThat(Direction.fromWire("Inbound")).isEqualTo(Direction.INBOUND);
    assertThat(Attestation.fromWire("a")).isEqualTo(Attestation.A);
    assertThat(Attestation.fromWire("TN-Validation-Passed-C")).isEqualTo(Attestation.C);
    assertThat(Attestation.fromWire("No-TN-Validation")).isEqualTo(Attestation.UNKNOWN);
    assertThat(Attestation.fromWire("")).isEqualTo(Attestation.UNKNOWN);
    assertThat(Attestation.fromWire(Attestation.UNKNOWN.wire())).isEqualTo(Attestation.UNKNOWN);
    assertThatThrownBy(() -> CallOutcome.fromWire("voicemail")).hasMessageContaining("voicemail");
  }

  @Test
  @DisplayName("Blank strings read as absent, and a whole number written as 42.0 is accepted as 42")
  void lenientButTyped() {
    CallRecord r = CallRecordJson.fromJson(base().put("tenant", " ").put("codec", "")
        .put("usage", new JsonObject().put("telephonySeconds", 42.0)));
    assertThat(r.tenant()).isNull();
    assertThat(r.codec()).isNull();
    assertThat(r.usage().telephonySeconds()).isEqualTo(42L);
    assertThat(new JsonArray().add(CallRecordJson.toJson(r)).encode()).doesNotContain("tenant");
  }

  @ParameterizedTest(name = "mediaPath {0} round-trips")
  @DisplayName("Each media path survives toJson and fromJson under the key mediaPath")
  @ValueSource(strings = {"stream", "record", "stream+record"})
  void mediaPathRoundTrip(String path) {
    CallRecord r = CallRecord.builder("c-media").mediaPath(path).source(RecordSource.RUNTIME).build();
    JsonObject json = CallRecordJson.toJson(r);
    assertThat(json.getString("mediaPath")).isEqualTo(path);
    assertThat(roundTrip(r)).isEqualTo(r);
    assertThat(roundTrip(r).mediaPath()).isEqualTo(path);
  }

  @Test
  @DisplayName("An absent media path is null and omitted; the JSON reading takes any case, the builder only the exact values")
  void mediaPathAbsentAndSpelling() {
    assertThat(CallRecordJson.fromJson(base()).mediaPath()).isNull();
    assertThat(CallRecordJson.fromJson(base().put("mediaPath", " ")).mediaPath()).isNull();
    assertThat(CallRecordJson.toJson(CallRecord.builder("c-1").build()).containsKey("mediaPath")).isFalse();
    assertThat(CallRecordJson.fromJson(base().put("mediaPath", "Stream+Record")).mediaPath()).isEqualTo("stream+record");
    assertThatThrownBy(() -> CallRecord.builder("c-1").mediaPath("STREAM").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("A bad media path is refused naming the field and the allowed values, by the builder and by the JSON reading")
  void mediaPathRefused() {
    assertThatThrownBy(() -> CallRecord.builder("c-1").mediaPath("websocket").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'websocket'").hasMessageContaining("stream, record, stream+record");
    assertThatThrownBy(() -> CallRecord.builder("c-1").mediaPath("").build()).isInstanceOf(IllegalArgumentException.class);
    InvalidFieldException e = refused(base().put("mediaPath", "websocket"));
    assertThat(e.field()).isEqualTo("mediaPath");
    assertThat(e.getMessage()).isEqualTo("field 'mediaPath': unknown media path 'websocket' "
        + "(expected one of stream, record, stream+record, or absent when unknown)");
  }
}
