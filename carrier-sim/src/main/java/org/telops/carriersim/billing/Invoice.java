package org.telops.carriersim.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A carrier's monthly invoice lines: every finished leg of the month as rated, with the requested
 * billing errors seeded in deterministically (same calls + same seed = same invoice and same answer key).
 *
 * @param lines invoice lines in time order
 * @param seeded the answer key: one entry per seeded error
 */
public record Invoice(String carrier, YearMonth month, List<BilledCall> lines, List<SeededError> seeded) {

  /**
   * One seeded mistake.
   *
   * @param kind overcharge, phantom or wrong-rounding
   * @param callId the invoice line's call id (for phantom: an id no call ever had)
   * @param expectedPriceMicros what the line should cost (0 for a phantom)
   * @param invoicedPriceMicros what the invoice says
   */
  public record SeededError(String kind, String callId, long expectedBilledSeconds, long invoicedBilledSeconds,
                            long expectedPriceMicros, long invoicedPriceMicros, String detail) {}

  public static Invoice build(String carrier, YearMonth month, List<BilledCall> calls, BillingErrors errors,
                              RateCard rates) {
    SplittableRandom random = new SplittableRandom(errors.seed() * 31 + month.hashCode() * 17L + carrier.hashCode());
    Map<String, BilledCall> lines = new LinkedHashMap<>();
    calls.forEach(c -> lines.put(c.callId(), c));
    List<SeededError> seeded = new ArrayList<>();
    List<String> candidates = new ArrayList<>(calls.stream().filter(c -> c.priceMicros() > 0).map(BilledCall::callId).toList());
    Collections.sort(candidates);
    shuffle(candidates, random);
    int next = 0;
    for (int i = 0; i < errors.overcharge() && next < candidates.size(); i++) {
      BilledCall c = lines.get(candidates.get(next++));
      long wrong = c.priceMicros() + (c.priceMicros() + 1) / 2;
      lines.put(c.callId(), c.billedAs(c.billedSeconds(), wrong));
      seeded.add(new SeededError("overcharge", c.callId(), c.billedSeconds(), c.billedSeconds(), c.priceMicros(), wrong,
          "billed 50 % above the rate card"));
    }
    for (int i = 0; i < errors.wrongRounding() && next < candidates.size(); i++) {
      BilledCall c = lines.get(candidates.get(next++));
      long wrongSeconds = c.billedSeconds() + rates.incrementSeconds();
      long wrong = RateCard.priceMicros(wrongSeconds, c.rateMicrosPerMinute());
      lines.put(c.callId(), c.billedAs(wrongSeconds, wrong));
      seeded.add(new SeededError("wrong-rounding", c.callId(), c.billedSeconds(), wrongSeconds, c.priceMicros(), wrong,
          c.durationSeconds() + " s billed as " + wrongSeconds + " s instead of " + c.billedSeconds() + " s"));
    }
    for (int i = 0; i < errors.phantom(); i++) {
      BilledCall p = phantom(carrier, month, random, rates, calls.isEmpty() ? null : calls.get(0));
      lines.put(p.callId(), p);
      seeded.add(new SeededError("phantom", p.callId(), 0, p.billedSeconds(), 0, p.priceMicros(),
          "no such call was placed; invoiced " + p.durationSeconds() + " s"));
    }
    List<BilledCall> ordered = new ArrayList<>(lines.values());
    ordered.sort((a, b) -> a.createdAt().equals(b.createdAt()) ? a.callId().compareTo(b.callId()) : a.createdAt().compareTo(b.createdAt()));
    return new Invoice(carrier, month, List.copyOf(ordered), List.copyOf(seeded));
  }

  private static BilledCall phantom(String carrier, YearMonth month, SplittableRandom random, RateCard rates, BilledCall like) {
    Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    long monthSeconds = Duration.between(monthStart, month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)).toSeconds();
    Instant created = monthStart.plusSeconds(random.nextLong(monthSeconds - 600));
    long duration = 30 + random.nextLong(270);
    long billed = rates.billedSeconds(duration);
    long rate = rates.rateMicrosPerMinute(carrier, false);
    byte[] id = new byte[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = (byte) random.nextInt(256);
    }
    String callId = carrier.equals("twilio") ? "CA" + HexFormat.of().formatHex(id) : "v3:phantom-" + UUID.nameUUIDFromBytes(id);
    String legId = carrier.equals("twilio") ? callId : UUID.nameUUIDFromBytes(id).toString();
    return new BilledCall(carrier, like == null ? null : like.accountId(), callId, legId, null, false,
        like == null ? "+15550009999" : like.from(), "+1202555" + String.format("%04d", random.nextInt(10_000)), "completed",
        created, created, created.plusSeconds(3), created.plusSeconds(3 + duration), duration, billed, rate,
        RateCard.priceMicros(billed, rate), rates.currency(), null, "normal_clearing", null);
  }

  private static void shuffle(List<String> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }
}
