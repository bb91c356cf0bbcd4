package org.telops.cdr.carrier;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.telops.contracts.call.Attestation;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

/**
 * Translates a Twilio call-status callback (form parameters) into a CDR fragment. Nothing
 * Twilio-specific passes this class. Our own tenant/region/agent ride on the statusCallback URL's
 * query string (part of the signed URL, so they cannot be forged either).
 */
public final class TwilioStatusCallback {
  public static final String CARRIER = "twilio";

  private TwilioStatusCallback() {}

  /** @throws IllegalArgumentException naming the parameter when the callback is unusable */
  public static CallRecord toFragment(Map<String, String> form, Map<String, String> query, Instant receivedAt) {
    String callSid = required(form, "CallSid");
    String status = required(form, "CallStatus").toLowerCase(Locale.ROOT);
    Instant at = timestamp(form.get("Timestamp"), receivedAt);
    CallRecord.Builder b = CallRecord.builder(CallIds.of(CARRIER, callSid))
        .carrierCallId(callSid)
        .carrier(CARRIER)
        .source(RecordSource.CARRIER)
        .sequence(sequence(form.get("SequenceNumber")))
        .fromNumber(blankToNull(form.get("From")))
        .toNumber(blankToNull(form.get("To")))
        .tenant(blankToNull(query.get("tenant")))
        .region(blankToNull(query.get("region")))
        .agent(blankToNull(query.get("agent")));
    String direction = blankToNull(form.get("Direction"));
    if (direction != null) {
      b.direction(Direction.fromWire(direction));
    }
    String verstat = blankToNull(form.get("StirVerstat"));
    if (verstat != null) {
      b.attestation(Attestation.fromWire(verstat));
    }
    switch (status) {
      case "queued", "initiated" -> b.state(CallState.ATTEMPTED).attemptedAt(at);
      case "ringing" -> b.state(CallState.RINGING);
      case "in-progress" -> b.state(CallState.ANSWERED).answeredAt(at);
      case "completed", "busy", "failed", "no-answer", "canceled" -> {
        b.state(CallState.ENDED).endedAt(at).outcome(CallOutcome.fromWire(status));
        String duration = blankToNull(form.get("CallDuration"));
        if (duration != null) {
          long seconds = parseLong("CallDuration", duration);
          b.usage(new Usage(seconds, null, null, null, null));
          if (status.equals("completed") && seconds > 0) {
            b.answeredAt(at.minusSeconds(seconds));
          }
        }
        b.hangupCause(hangupCause(form));
      }
      default -> throw new IllegalArgumentException("CallStatus '" + status + "' is not a Twilio call status");
    }
    String price = blankToNull(form.get("Price"));
    if (price != null) {
      String unit = blankToNull(form.get("PriceUnit"));
      b.cost(new Cost(unit == null ? "USD" : unit.toUpperCase(Locale.ROOT), priceMicros(price), null, null, null));
    }
    return b.build();
  }

  /** Twilio prices are negative decimal strings ("-0.01300"): a charge. Stored as positive micros. */
  static long priceMicros(String price) {
    try {
      return new BigDecimal(price.trim()).abs().movePointRight(6).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("Price '" + price + "' is not a decimal amount");
    }
  }

  private static String hangupCause(Map<String, String> form) {
    String sip = blankToNull(form.get("SipResponseCode"));
    String error = blankToNull(form.get("ErrorCode"));
    if (error != null) {
      return "twilio-error-" + error + (sip != null ? " (sip " + sip + ")" : "");
    }
    return sip != null ? "sip-" + sip : null;
  }

  /** RFC 2822 per Twilio ("Sat, 21 Nov 2026 03:00:00 +0000"); ISO-8601 accepted too (TeXML sends it). */
  static Instant timestamp(String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(v.replace(' ', 'T'));
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("Timestamp '" + v + "' is neither RFC 2822 nor ISO-8601");
      }
    }
  }

  private static Long sequence(String value) {
    return value == null || value.isBlank() ? null : parseLong("SequenceNumber", value.trim());
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + value + "' is not a whole number");
    }
  }

  private static String required(Map<String, String> form, String name) {
    String v = blankToNull(form.get(name));
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
