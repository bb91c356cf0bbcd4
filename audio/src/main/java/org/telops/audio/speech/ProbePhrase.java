package org.telops.audio.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The spoken part of a probe's challenge, shared by the prober (which speaks it) and the agent's probe responder
 * (which transcribes it and sends the transcript back in-band). A phrase is a colour, an animal and two numbers —
 * "golden turtle fifty eight" — drawn at random per probe from {@value #WORDS_PER_CLASS} words each (10,000 phrases),
 * all in the recogniser's dictionary and the JSGF grammar below.
 *
 * <p>The transcript comes back as DTMF: each heard word as its two-digit index in {@link #VOCABULARY}, then '#'.
 * "*#" means the agent could not transcribe at all (no recogniser, or it failed): no WER for that probe.
 *
 * @param words the phrase, lower case
 */
public record ProbePhrase(List<String> words) {
  public static final int WORDS_PER_CLASS = 10;
  // Chosen by measurement (espeak-ng voices through μ-law to pocketsphinx with this grammar): words the recogniser
  // confused were dropped — six, seven, nine, five, zero, silver, black, spider, zebra, parrot (each right < 50 %).
  static final List<String> COLOURS = List.of("red", "blue", "green", "yellow", "purple", "orange", "white", "brown",
      "pink", "golden");
  static final List<String> ANIMALS = List.of("tiger", "horse", "rabbit", "eagle", "monkey", "camel", "turtle", "lion",
      "donkey", "kitten");
  static final List<String> NUMBERS = List.of("one", "two", "three", "four", "eight", "ten", "twenty", "fifty",
      "hundred", "eleven");
  /** Every word a phrase may hold; a word's code is its index here, as two digits. */
  public static final List<String> VOCABULARY = concat(COLOURS, ANIMALS, NUMBERS);
  /** The agent's reply when it could not transcribe the phrase. */
  public static final String NO_TRANSCRIPT = "*#";
  /** A heard word outside the vocabulary, as decoded. */
  public static final String UNKNOWN = "unknown";

  public ProbePhrase {
    words = List.copyOf(words);
    if (words.isEmpty() || !VOCABULARY.containsAll(words)) {
      throw new IllegalArgumentException("a probe phrase holds probe vocabulary words only, got " + words);
    }
  }

  public static ProbePhrase random(RandomGenerator random) {
    return new ProbePhrase(List.of(COLOURS.get(random.nextInt(WORDS_PER_CLASS)), ANIMALS.get(random.nextInt(WORDS_PER_CLASS)),
        NUMBERS.get(random.nextInt(WORDS_PER_CLASS)), NUMBERS.get(random.nextInt(WORDS_PER_CLASS))));
  }

  public String text() {
    return String.join(" ", words);
  }

  /** The recogniser's grammar: exactly the shape of a phrase. */
  public static String jsgf() {
    return "#JSGF V1.0;\ngrammar probe;\n"
        + "<colour> = " + String.join(" | ", COLOURS) + ";\n"
        + "<animal> = " + String.join(" | ", ANIMALS) + ";\n"
        + "<number> = " + String.join(" | ", NUMBERS) + ";\n"
        + "public <probe> = <colour> <animal> <number> <number>;\n";
  }

  /**
   * A transcript as the DTMF the agent sends back: two digits per vocabulary word, then '#'. Words outside the
   * vocabulary (a hosted recogniser may hear anything) are sent as "99", which decodes to a word that matches nothing.
   */
  public static String encode(String transcript) {
    StringBuilder sb = new StringBuilder();
    for (String w : transcript.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      int i = VOCABULARY.indexOf(w);
      sb.append(i < 0 ? "99" : String.format(Locale.ROOT, "%02d", i));
    }
    return sb.append('#').toString();
  }

  /**
   * The words of a reply as heard (its '#' may be missing if the reply was cut off). Null for {@link #NO_TRANSCRIPT}.
   * A code outside the vocabulary becomes {@value #UNKNOWN} (a word that matches no reference word); an odd trailing
   * digit is a word cut off and is dropped.
   */
  public static List<String> decode(String keys) {
    String k = keys.endsWith("#") ? keys.substring(0, keys.length() - 1) : keys;
    if (k.startsWith("*")) {
      return null;
    }
    List<String> words = new ArrayList<>();
    for (int i = 0; i + 1 < k.length(); i += 2) {
      char a = k.charAt(i);
      char b = k.charAt(i + 1);
      if (!Character.isDigit(a) || !Character.isDigit(b)) {
        words.add(UNKNOWN);
        continue;
      }
      int code = (a - '0') * 10 + (b - '0');
      words.add(code < VOCABULARY.size() ? VOCABULARY.get(code) : UNKNOWN);
    }
    return words;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> l : lists) {
      all.addAll(l);
    }
    return List.copyOf(all);
  }
}
