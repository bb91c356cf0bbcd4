package org.telops.contracts.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in logs and operator-visible errors: E.164 numbers keep all but their last four digits
 * ({@code +14155550100} → {@code +1415555****}), enough to tell a carrier's range apart, not to call anyone.
 */
public final class PhoneMask {
  private static final Pattern E164 = Pattern.compile("(?<![\\w+])\\+([1-9]\\d{3,10})(\\d{4})(?!\\d)");

  private PhoneMask() {}

  /** One number, masked; text that is not a number comes back masked by {@link #maskAll}. */
  public static String mask(String number) {
    return maskAll(number);
  }

  /** Every E.164 number in {@code text}, masked. */
  public static String maskAll(String text) {
    if (text == null || text.indexOf('+') < 0) {
      return text;
    }
    Matcher m = E164.matcher(text);
    StringBuilder sb = null;
    while (m.find()) {
      if (sb == null) {
        sb = new StringBuilder(text.length());
      }
      m.appendReplacement(sb, Matcher.quoteReplacement("+" + m.group(1) + "****"));
    }
    if (sb == null) {
      return text;
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
