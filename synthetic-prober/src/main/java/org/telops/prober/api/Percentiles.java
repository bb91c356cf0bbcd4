package org.telops.prober.api;

/**
 * Percentiles of a sorted sample by linear interpolation between closest ranks — the definition of
 * PostgreSQL's {@code percentile_cont} (and NumPy's default), so the API and SQL dashboards agree:
 * position = p·(n − 1), value = v[⌊pos⌋] + (pos − ⌊pos⌋)·(v[⌊pos⌋+1] − v[⌊pos⌋]).
 *
 * @param samples how many values the figures come from
 */
public record Percentiles(int samples, Double p50, Double p95, Double p99) {
  public static final Percentiles NONE = new Percentiles(0, null, null, null);

  /** @param sorted ascending values */
  public static Percentiles of(long[] sorted) {
    if (sorted == null || sorted.length == 0) {
      return NONE;
    }
    return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
  }

  /** The p-quantile (0..1) of ascending values. */
  public static double at(long[] sorted, double p) {
    if (sorted.length == 0 || !(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("need values and 0 <= p <= 1, got " + sorted.length + " values and p=" + p);
    }
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }
}
