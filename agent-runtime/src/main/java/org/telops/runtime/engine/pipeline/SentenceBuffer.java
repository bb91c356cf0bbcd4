package org.telops.runtime.engine.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streamed LLM tokens into sentences so each goes to TTS as soon as it is complete: a sentence ends at
 * '.', '!', '?' or ';' followed by white space (so "3.5" and "e.g." inside a word do not cut), or at the end of
 * the reply. Plain Java, one per reply, not thread-safe.
 */
public final class SentenceBuffer {
  private final StringBuilder pending = new StringBuilder();

  /** Adds a token; returns the sentences it completed (often none). */
  public List<String> add(String token) {
    pending.append(token);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i + 1 < pending.length(); i++) {
      char c = pending.charAt(i);
      if ((c == '.' || c == '!' || c == '?' || c == ';') && Character.isWhitespace(pending.charAt(i + 1))) {
        String s = pending.substring(from, i + 1).trim();
        if (!s.isEmpty()) {
          out.add(s);
        }
        from = i + 1;
      }
    }
    pending.delete(0, from);
    return out;
  }

  /** The rest of the reply, or null when nothing is left. */
  public String finish() {
    String s = pending.toString().trim();
    pending.setLength(0);
    return s.isEmpty() ? null : s;
  }
}
