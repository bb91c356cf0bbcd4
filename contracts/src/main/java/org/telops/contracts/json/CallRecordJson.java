package org.telops.contracts.json;

import static org.telops.contracts.json.JsonFields.enumValue;
import static org.telops.contracts.json.JsonFields.instant;
import static org.telops.contracts.json.JsonFields.number;
import static org.telops.contracts.json.JsonFields.object;
import static org.telops.contracts.json.JsonFields.string;
import static org.telops.contracts.json.JsonFields.wholeNumber;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.regex.Pattern;
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

/**
 * The CDR's JSON shape (event bus, POST /api/v1/cdrs, export). Field names are camelCase with units;
 * money is integer micros. Absent fields are omitted, never written as null.
 */
public final class CallRecordJson {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private CallRecordJson() {}

  public static JsonObject toJson(CallRecord r) {
    JsonObject o = new JsonObject();
    put(o, "callId", r.callId());
    put(o, "carrierCallId", r.carrierCallId());
    put(o, "carrier", r.carrier());
    put(o, "region", r.region());
    put(o, "tenant", r.tenant());
    put(o, "agent", r.agent());
    put(o, "direction", r.direction() == null ? null : r.direction().wire());
    put(o, "from", r.fromNumber());
    put(o, "to", r.toNumber());
    put(o, "attemptedAt", r.attemptedAt());
    put(o, "answeredAt", r.answeredAt());
    put(o, "endedAt", r.endedAt());
    put(o, "state", r.state() == null ? null : r.state().wire());
    put(o, "outcome", r.outcome() == null ? null : r.outcome().wire());
    put(o, "hangupCause", r.hangupCause());
    put(o, "codec", r.codec());
    put(o, "mediaPath", r.mediaPath());
    put(o, "attestation", r.attestation() == null ? null : r.attestation().wire());
    QualitySummary q = r.quality();
    if (!q.isEmpty()) {
      JsonObject j = new JsonObject();
      put(j, "mos", q.mos());
      put(j, "jitterMs", q.jitterMs());
      put(j, "lossPercent", q.lossPercent());
      put(j, "oneWayLatencyMs", q.oneWayLatencyMs());
      put(j, "turnLatencyP50Ms", q.turnLatencyP50Ms());
      put(j, "turnLatencyP95Ms", q.turnLatencyP95Ms());
      o.put("quality", j);
    }
    Usage u = r.usage();
    if (!u.equals(Usage.NONE)) {
      JsonObject j = new JsonObject();
      put(j, "telephonySeconds", u.telephonySeconds());
      put(j, "sttSeconds", u.sttSeconds());
      put(j, "llmTokensIn", u.llmTokensIn());
      put(j, "llmTokensOut", u.llmTokensOut());
      put(j, "ttsCharacters", u.ttsCharacters());
      o.put("usage", j);
    }
    Cost c = r.cost();
    if (!c.equals(Cost.NONE)) {
      JsonObject j = new JsonObject();
      put(j, "currency", c.currency());
      put(j, "telephonyMicros", c.telephonyMicros());
      put(j, "sttMicros", c.sttMicros());
      put(j, "llmMicros", c.llmMicros());
      put(j, "ttsMicros", c.ttsMicros());
      put(j, "totalMicros", c.totalMicros());
      o.put("cost", j);
    }
    put(o, "source", r.source().wire());
    put(o, "sequence", r.sequence());
    return o;
  }

  /**
   * Reads and validates one record. A missing callId is derived from carrier + carrierCallId; a callId
   * that contradicts them is refused, because two ids for one call would split its record in two.
   *
   * @throws InvalidFieldException naming the first bad field
   */
  public static CallRecord fromJson(JsonObject o) {
    String carrier = name(o, "carrier");
    String carrierCallId = string(o, "", "carrierCallId");
    String callId = string(o, "", "callId");
    if (carrier != null && carrierCallId != null) {
      String derived = CallIds.of(carrier, carrierCallId);
      if (callId == null) {
        callId = derived;
      } else if (!callId.equals(derived)) {
        throw new InvalidFieldException("callId", "'" + callId + "' does not match carrier " + carrier
            + " call " + carrierCallId + " (expected " + derived + "; omit callId to derive it)");
      }
    }
    if (callId == null) {
      throw new InvalidFieldException("callId", "required (or give carrier and carrierCallId)");
    }
    if (callId.length() > 64) {
      throw new InvalidFieldException("callId", "longer than 64 characters");
    }
    Instant attempted = instant(o, "", "attemptedAt");
    Instant answered = instant(o, "", "answeredAt");
    Instant ended = instant(o, "", "endedAt");
    if (attempted != null && ended != null && ended.isBefore(attempted)) {
      throw new InvalidFieldException("endedAt", "is before attemptedAt (" + ended + " < " + attempted + ")");
    }
    return CallRecord.builder(callId)
        .carrierCallId(carrierCallId)
        .carrier(carrier)
        .region(name(o, "region"))
        .tenant(name(o, "tenant"))
        .agent(string(o, "", "agent"))
        .direction(enumValue(o, "", "direction", Direction::fromWire))
        .fromNumber(string(o, "", "from"))
        .toNumber(string(o, "", "to"))
        .attemptedAt(attempted)
        .answeredAt(answered)
        .endedAt(ended)
        .state(enumValue(o, "", "state", CallState::fromWire))
        .outcome(enumValue(o, "", "outcome", CallOutcome::fromWire))
        .hangupCause(string(o, "", "hangupCause"))
        .codec(string(o, "", "codec"))
        .mediaPath(enumValue(o, "", "mediaPath", CallRecordJson::mediaPath))
        .attestation(enumValue(o, "", "attestation", Attestation::fromWire))
        .quality(quality(object(o, "", "quality")))
        .usage(usage(object(o, "", "usage")))
        .cost(cost(object(o, "", "cost")))
        .source(enumValue(o, "", "source", RecordSource::fromWire))
        .sequence(wholeNumber(o, "", "sequence", 0))
        .build();
  }

  private static QualitySummary quality(JsonObject j) {
    if (j == null) {
      return QualitySummary.NONE;
    }
    String p = "quality.";
    Long p50 = latency(j, p, "turnLatencyP50Ms");
    Long p95 = latency(j, p, "turnLatencyP95Ms");
    return new QualitySummary(
        number(j, p, "mos", 1.0, 4.5),
        number(j, p, "jitterMs", 0, 60_000),
        number(j, p, "lossPercent", 0, 100),
        number(j, p, "oneWayLatencyMs", 0, 60_000),
        p50 == null ? null : Math.toIntExact(p50),
        p95 == null ? null : Math.toIntExact(p95));
  }

  /** Turn latencies are milliseconds; anything over 10 minutes is a unit mistake, not a slow turn. */
  private static Long latency(JsonObject j, String p, String name) {
    Long v = wholeNumber(j, p, name, 0);
    if (v != null && v > 600_000) {
      throw new InvalidFieldException(p + name, "must be at most 600000 ms, got " + v);
    }
    return v;
  }

  private static Usage usage(JsonObject j) {
    if (j == null) {
      return Usage.NONE;
    }
    String p = "usage.";
    return new Usage(
        wholeNumber(j, p, "telephonySeconds", 0),
        number(j, p, "sttSeconds", 0, 1e9),
        wholeNumber(j, p, "llmTokensIn", 0),
        wholeNumber(j, p, "llmTokensOut", 0),
        wholeNumber(j, p, "ttsCharacters", 0));
  }

  private static Cost cost(JsonObject j) {
    if (j == null) {
      return Cost.NONE;
    }
    String p = "cost.";
    String currency = string(j, p, "currency");
    if (currency != null && !CURRENCY.matcher(currency).matches()) {
      throw new InvalidFieldException(p + "currency", "expected an ISO 4217 code like USD, got '" + currency + "'");
    }
    Cost c = new Cost(currency,
        wholeNumber(j, p, "telephonyMicros", Long.MIN_VALUE),
        wholeNumber(j, p, "sttMicros", Long.MIN_VALUE),
        wholeNumber(j, p, "llmMicros", Long.MIN_VALUE),
        wholeNumber(j, p, "ttsMicros", Long.MIN_VALUE));
    if (currency == null && c.totalMicros() != null) {
      throw new InvalidFieldException(p + "currency", "required when any cost is given");
    }
    return c;
  }

  /** "stream", "record" or "stream+record", in any case; anything else names the allowed values. */
  private static String mediaPath(String s) {
    return CallRecord.checkMediaPath(s.trim().toLowerCase(java.util.Locale.ROOT));
  }

  private static String name(JsonObject o, String field) {
    String s = string(o, "", field);
    if (s != null && !NAME.matcher(s).matches()) {
      throw new InvalidFieldException(field, "expected lower-case letters, digits, '-' or '_' (≤ 63), got '" + s + "'");
    }
    return s;
  }

  private static void put(JsonObject o, String key, Object value) {
    if (value != null) {
      o.put(key, value instanceof Instant i ? i.toString() : value);
    }
  }
}
