package org.telops.carriersim.twilio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.telops.carriersim.billing.RateCard;

/** How Twilio writes dates, prices and numbers on the wire. */
public final class TwilioFormats {
  /** RFC 2822 as Twilio sends it: "Sat, 21 Nov 2026 03:00:00 +0000". */
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private TwilioFormats() {}

  public static String date(Instant at) {
    return at == null ? null : RFC_2822.format(at);
  }

  /** A charge as Twilio shows it: negative, 5 decimals ("-0.02800"); null when nothing was charged yet. */
  public static String price(Long priceMicros) {
    if (priceMicros == null) {
      return null;
    }
    return priceMicros == 0 ? "0.00000" : "-" + RateCard.decimal(priceMicros, 5);
  }

  /** "(555) 001-0100" for a North American number, the E.164 form otherwise. */
  public static String formatted(String number) {
    if (number != null && number.matches("\\+1\\d{10}")) {
      return "(" + number.substring(2, 5) + ") " + number.substring(5, 8) + "-" + number.substring(8);
    }
    return number;
  }
}
