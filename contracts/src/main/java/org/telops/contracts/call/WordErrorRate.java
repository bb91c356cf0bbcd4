package org.telops.contracts.call;

import java.util.Locale;

/**
 * Word error rate as NIST sclite computes it: the minimum-cost word alignment of hypothesis to reference
 * (sclite's weights: substitution 4, deletion 3, insertion 3; ties prefer a correct word), then
 * (substitutions + deletions + insertions) / reference words. Words are compared case-insensitively with
 * punctuation other than apostrophes removed. Can exceed 1 when the hypothesis inserts many words.
 *
 * @param correct words aligned to the same reference word
 */
public record WordErrorRate(int reference, int correct, int substitutions, int deletions, int insertions) {
  private static final int SUB = 4;
  private static final int DEL = 3;
  private static final int INS = 3;

  /** 0–1 (or more): errors over reference words; an empty reference gives 0 when the hypothesis is empty too, else 1. */
  public double rate() {
    int errors = substitutions + deletions + insertions;
    return reference == 0 ? (errors == 0 ? 0 : 1) : errors / (double) reference;
  }

  public static String[] words(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").trim();
    return t.isEmpty() ? new String[0] : t.split("\\s+");
  }

  public static WordErrorRate of(String referenceText, String hypothesisText) {
    String[] r = words(referenceText);
    String[] h = words(hypothesisText);
    int[][] cost = new int[r.length + 1][h.length + 1];
    for (int i = 0; i <= r.length; i++) {
      cost[i][0] = i * DEL;
    }
    for (int j = 0; j <= h.length; j++) {
      cost[0][j] = j * INS;
    }
    for (int i = 1; i <= r.length; i++) {
      for (int j = 1; j <= h.length; j++) {
        int diag = cost[i - 1][j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : SUB);
        cost[i][j] = Math.min(diag, Math.min(cost[i - 1][j] + DEL, cost[i][j - 1] + INS));
      }
    }
    int c = 0, s = 0, d = 0, ins = 0;
    int i = r.length, j = h.length;
    while (i > 0 || j > 0) {
      if (i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + (r[i - 1].equals(h[j - 1]) ? 0 : SUB)) {
        if (r[i - 1].equals(h[j - 1])) {
          c++;
        } else {
          s++;
        }
        i--;
        j--;
      } else if (i > 0 && cost[i][j] == cost[i - 1][j] + DEL) {
        d++;
        i--;
      } else {
        ins++;
        j--;
      }
    }
    return new WordErrorRate(r.length, c, s, d, ins);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "WER %.3f (%d ref: C%d S%d D%d I%d)", rate(), reference, correct, substitutions,
        deletions, insertions) + (reference == 0 ? " empty reference" : "");
  }
}
