package org.telops.prober.region;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.telops.contracts.config.ConfigException;

/**
 * A region the prober calls from.
 *
 * @param name region name as routing knows it (us-east, eu-west …)
 * @param carrier twilio or telnyx: whose REST API places the region's probe calls
 * @param callerNumber E.164 number the probes call from; the carrier-sim picks the region's network
 *     impairment from its prefix (+1555001 us-east, +1555002 eu-west, +1555003 ap-south)
 * @param targets E.164 agent numbers to probe, each on its own schedule
 * @param simProfile carrier-sim impairment region sent as SimRegion / sim_region; null = none sent (the
 *     right choice for a real carrier, and the sim then derives it from the caller number)
 */
public record Region(String name, String carrier, String callerNumber, List<String> targets, String simProfile) {
  static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{3,14}");
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  public static final List<String> CARRIERS = List.of("twilio", "telnyx");

  /** The default probe target: the number the agent runtime maps to its probe-responder engine. */
  public static final String DEFAULT_TARGET = "+15550100";
  public static final String DEFAULT_REGIONS = "us-east:twilio:+15550010001:" + DEFAULT_TARGET
      + ";eu-west:twilio:+15550020001:" + DEFAULT_TARGET + ";ap-south:telnyx:+15550030001:" + DEFAULT_TARGET;

  public Region {
    targets = List.copyOf(targets);
  }

  /**
   * {@code TELOPS_PROBE_REGIONS}: regions separated by ';', each
   * {@code name:carrier:callerNumber:target[,target…][:simProfile]}.
   */
  public static List<Region> parseAll(String variable, String text) {
    Map<String, Region> regions = new LinkedHashMap<>();
    for (String item : text.split(";")) {
      if (item.isBlank()) {
        continue;
      }
      Region r = parse(variable, item.trim());
      if (regions.put(r.name(), r) != null) {
        throw new ConfigException(variable + " lists region '" + r.name() + "' twice: give each region once");
      }
    }
    if (regions.isEmpty()) {
      throw new ConfigException(variable + " lists no region: use e.g. " + DEFAULT_REGIONS);
    }
    return List.copyOf(regions.values());
  }

  static Region parse(String variable, String item) {
    String[] f = item.split(":", -1);
    String example = "eu-west:twilio:+15550020001:+15550100";
    if (f.length != 4 && f.length != 5) {
      throw new ConfigException(variable + " has '" + item + "': write name:carrier:callerNumber:target[,target][:simProfile],"
          + " e.g. " + example);
    }
    String name = f[0].trim().toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(variable + " has region name '" + f[0].trim() + "': use lower-case letters, digits, '-' or '_'");
    }
    String carrier = f[1].trim().toLowerCase(Locale.ROOT);
    if (!CARRIERS.contains(carrier)) {
      throw new ConfigException(variable + " region " + name + " has carrier '" + f[1].trim() + "': use twilio or telnyx");
    }
    String caller = number(variable, name, "caller number", f[2]);
    List<String> targets = new ArrayList<>();
    for (String t : f[3].split(",")) {
      if (!t.isBlank()) {
        String n = number(variable, name, "target", t);
        if (!targets.contains(n)) {
          targets.add(n);
        }
      }
    }
    if (targets.isEmpty()) {
      throw new ConfigException(variable + " region " + name + " has no target number: give at least one, e.g. " + example);
    }
    String sim = f.length == 5 && !f[4].isBlank() ? f[4].trim().toLowerCase(Locale.ROOT) : null;
    if (sim != null && !NAME.matcher(sim).matches()) {
      throw new ConfigException(variable + " region " + name + " has sim profile '" + f[4].trim() + "': use a region name");
    }
    return new Region(name, carrier, caller, targets, sim);
  }

  private static String number(String variable, String region, String what, String value) {
    String v = value.trim();
    if (!E164.matcher(v).matches()) {
      throw new ConfigException(variable + " region " + region + " has " + what + " '" + v + "': use an E.164 number like +15550100");
    }
    return v;
  }

  /** The spec form, for the start-up log. */
  public String describe() {
    return name + ":" + carrier + ":" + callerNumber + ":" + String.join(",", targets) + (simProfile == null ? "" : ":" + simProfile);
  }
}
