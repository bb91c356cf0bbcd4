package org.telops.prober.schedule;

/** One probe schedule: a region calling one of its targets. */
public record ProbeSlot(String region, String target) implements Comparable<ProbeSlot> {
  @Override
  public int compareTo(ProbeSlot o) {
    int c = region.compareTo(o.region);
    return c != 0 ? c : target.compareTo(o.target);
  }

  @Override
  public String toString() {
    return region + "→" + target;
  }
}
