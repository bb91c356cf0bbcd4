package org.telops.cdr.billing.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rate cards in force, indexed by carrier and direction: {@link #find} picks, among rows effective at
 * the call's start, the one whose prefix is the longest prefix of the dialled number. Immutable.
 */
public final class RateBook {
  private final Map<String, List<Rate>> byCarrierDirection = new HashMap<>();

  public RateBook(List<Rate> rates) {
    for (Rate r : rates) {
      byCarrierDirection.computeIfAbsent(r.carrier() + "/" + r.direction(), k -> new ArrayList<>()).add(r);
    }
  }

  public boolean isEmpty() {
    return byCarrierDirection.isEmpty();
  }

  /**
   * @param number the billed party: the called number of an outbound call, the calling of an inbound one
   *     ("+4420…" or "4420…"); null matches only the "" prefix
   */
  public Optional<Rate> find(String carrier, String direction, String number, Instant at) {
    List<Rate> rows = byCarrierDirection.get(carrier + "/" + direction);
    if (rows == null || at == null) {
      return Optional.empty();
    }
    String digits = digits(number);
    Rate best = null;
    for (Rate r : rows) {
      if (r.effectiveAt(at) && digits.startsWith(r.prefix())
          && (best == null || r.prefix().length() > best.prefix().length()
              || r.prefix().length() == best.prefix().length() && r.validFrom().isAfter(best.validFrom()))) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  static String digits(String number) {
    if (number == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char ch = number.charAt(i);
      if (ch >= '0' && ch <= '9') {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}
