package org.telops.carriersim.call;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.telops.carriersim.config.Pairs;
import org.telops.contracts.config.ConfigException;

/**
 * Which numbers the simulated carriers host (a call to one of them reaches the agent as an inbound leg)
 * and which region a caller number dials in from (its media path gets that region's impairment).
 *
 * @param hostedPrefix any number starting with it is "ours" (e.g. +1555); empty = only the explicit list
 * @param hosted explicit numbers: number → carrier and optional webhook URL override
 * @param regionsByPrefix caller-number prefix → region, longest prefix wins
 * @param defaultRegion region of a caller no prefix matches
 */
public record NumberPlan(String hostedPrefix, Map<String, Hosted> hosted, Map<String, String> regionsByPrefix,
                         String defaultRegion) {

  /**
   * A hosted number.
   *
   * @param carrier "twilio" or "telnyx"; null = the carrier the call was placed through
   * @param webhookUrl the number's voice URL (Twilio) or connection webhook (Telnyx); null = carrier default
   */
  public record Hosted(String carrier, String webhookUrl) {}

  public static final String DEFAULT_REGIONS = "+1555001=us-east,+1555002=eu-west,+1555003=ap-south,"
      + "+1=us-east,+44=eu-west,+33=eu-west,+49=eu-west,+91=ap-south,+65=ap-south";

  public NumberPlan {
    hosted = Map.copyOf(hosted);
    regionsByPrefix = Map.copyOf(regionsByPrefix);
  }

  /** The hosting of {@code number}, or empty when the number is on the public network (far end answers). */
  public Optional<Hosted> lookup(String number) {
    if (number == null) {
      return Optional.empty();
    }
    Hosted h = hosted.get(number);
    if (h != null) {
      return Optional.of(h);
    }
    if (!hostedPrefix.isEmpty() && number.startsWith(hostedPrefix)) {
      return Optional.of(new Hosted(null, null));
    }
    return Optional.empty();
  }

  public String regionOf(String callerNumber) {
    if (callerNumber == null) {
      return defaultRegion;
    }
    return regionsByPrefix.entrySet().stream()
        .filter(e -> callerNumber.startsWith(e.getKey()))
        .max(Comparator.comparingInt(e -> e.getKey().length()))
        .map(Map.Entry::getValue)
        .orElse(defaultRegion);
  }

  /**
   * @param numbersText {@code TELOPS_SIM_NUMBERS}: {@code +15550100=twilio,+15550101=telnyx|https://host/hook}
   * @param regionsText {@code TELOPS_SIM_REGIONS}: {@code +1555002=eu-west,+44=eu-west}
   */
  public static NumberPlan parse(String hostedPrefix, String numbersText, String regionsText, String defaultRegion) {
    Map<String, Hosted> hosted = new LinkedHashMap<>();
    Pairs.parse("TELOPS_SIM_NUMBERS", numbersText, "+15550100=twilio,+15550101=telnyx|https://host/hook")
        .forEach((number, spec) -> {
          String[] parts = spec.split("\\|", 2);
          String carrier = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
          if (!List.of("twilio", "telnyx", "").contains(carrier)) {
            throw new ConfigException("TELOPS_SIM_NUMBERS: " + number + "=" + spec + ": carrier must be twilio or telnyx");
          }
          hosted.put(number, new Hosted(carrier.isEmpty() ? null : carrier, parts.length > 1 ? parts[1].trim() : null));
        });
    Map<String, String> regions = Pairs.parse("TELOPS_SIM_REGIONS",
        regionsText == null || regionsText.isBlank() ? DEFAULT_REGIONS : regionsText, "+1555002=eu-west,+44=eu-west");
    return new NumberPlan(hostedPrefix == null ? "" : hostedPrefix, hosted, regions, defaultRegion);
  }
}
