package org.telops.cdr.carrier;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

/**
 * Translates Telnyx Call Control webhooks (call.initiated, call.answered, call.hangup) into CDR fragments.
 * Telnyx sends no sequence number, so the event's occurred_at (epoch ms) plays that role: the later
 * event wins field by field. Our tenant/region/agent travel in client_state (base64 JSON) when we dialled.
 */
public final class TelnyxEvents {
  public static final String CARRIER = "telnyx";

  private TelnyxEvents() {}

  /** Empty for events that say nothing about the CDR (playback, streaming, gather …). */
  public static Optional<CallRecord> toFragment(JsonObject webhook, Instant receivedAt) {
    JsonObject data = webhook.getJsonObject("data");
    if (data == null) {
      throw new IllegalArgumentException("missing data object");
    }
    String type = java.util.Objects.requireNonNullElse(data.getString("event_type"), "");
    if (!type.equals("call.initiated") && !type.equals("call.answered") && !type.equals("call.hangup")) {
      return Optional.empty();
    }
    JsonObject p = data.getJsonObject("payload");
    if (p == null) {
      throw new IllegalArgumentException("missing data.payload in " + type);
    }
    String ccid = p.getString("call_control_id");
    if (ccid == null || ccid.isBlank()) {
      throw new IllegalArgumentException("missing data.payload.call_control_id in " + type);
    }
    Instant at = instant(data.getString("occurred_at"), receivedAt);
    JsonObject state = clientState(p.getString("client_state"));
    CallRecord.Builder b = CallRecord.builder(CallIds.of(CARRIER, ccid))
        .carrierCallId(ccid)
        .carrier(CARRIER)
        .source(RecordSource.CARRIER)
        .sequence(at.toEpochMilli())
        .fromNumber(p.getString("from"))
        .toNumber(p.getString("to"))
        .tenant(state.getString("tenant"))
        .region(state.getString("region"))
        .agent(state.getString("agent"));
    String direction = p.getString("direction");
    if (direction != null) {
      b.direction(direction.startsWith("in") ? Direction.INBOUND : Direction.OUTBOUND);
    }
    switch (type) {
      case "call.initiated" -> b.state(CallState.ATTEMPTED).attemptedAt(instant(p.getString("start_time"), at));
      case "call.answered" -> b.state(CallState.ANSWERED).answeredAt(at);
      default -> hangup(b, p, at);
    }
    return Optional.of(b.build());
  }

  private static void hangup(CallRecord.Builder b, JsonObject p, Instant at) {
    String cause = java.util.Objects.requireNonNullElse(p.getString("hangup_cause"), "unspecified").toLowerCase(Locale.ROOT);
    Instant start = instant(p.getString("start_time"), null);
    Instant end = instant(p.getString("end_time"), at);
    b.state(CallState.ENDED).endedAt(end).hangupCause(cause
        + (p.getString("sip_hangup_cause") != null ? " (sip " + p.getString("sip_hangup_cause") + ")" : ""));
    if (start != null) {
      b.attemptedAt(start);
    }
    b.outcome(switch (cause) {
      case "normal_clearing", "time_limit" -> CallOutcome.COMPLETED;
      case "user_busy" -> CallOutcome.BUSY;
      case "timeout", "no_answer" -> CallOutcome.NO_ANSWER;
      case "originator_cancel" -> CallOutcome.CANCELED;
      default -> CallOutcome.FAILED;
    });
    JsonObject stats = Optional.ofNullable(p.getJsonObject("call_quality_stats"))
        .map(s -> s.getJsonObject("inbound")).orElse(null);
    if (stats != null) {
      Double mos = number(stats.getValue("mos"));
      Double packets = number(stats.getValue("packet_count"));
      Double skipped = number(stats.getValue("skip_packet_count"));
      Double loss = packets != null && skipped != null && packets + skipped > 0 ? 100.0 * skipped / (packets + skipped) : null;
      b.quality(new QualitySummary(mos == null ? null : Math.max(1.0, Math.min(4.5, mos)),
          number(stats.getValue("jitter_max_variance")), loss, null, null, null));
    }
    if (start != null && end != null && "normal_clearing".equals(cause)) {
      b.usage(new Usage(Math.max(0, end.getEpochSecond() - start.getEpochSecond()), null, null, null, null));
    }
  }

  /** Telnyx sends numbers as strings ("4.50"); tolerate both. */
  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s && !s.isBlank()) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static JsonObject clientState(String b64) {
    if (b64 == null || b64.isBlank()) {
      return new JsonObject();
    }
    try {
      return new JsonObject(new String(Base64.getDecoder().decode(b64.trim()), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return new JsonObject(); // someone else's client_state: not ours to read
    }
  }

  private static Instant instant(String v, Instant fallback) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp '" + v + "' is not ISO-8601");
    }
  }
}
