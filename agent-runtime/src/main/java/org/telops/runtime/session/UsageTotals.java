package org.telops.runtime.session;

import org.telops.contracts.call.Usage;

/** A call's AI usage as the engine reports it in pieces; zero (not unknown) when it reported none. */
final class UsageTotals {
  private double sttSeconds;
  private long llmTokensIn;
  private long llmTokensOut;
  private long ttsCharacters;

  void add(Usage d) {
    if (d == null) {
      return;
    }
    sttSeconds += d.sttSeconds() == null ? 0 : d.sttSeconds();
    llmTokensIn += d.llmTokensIn() == null ? 0 : d.llmTokensIn();
    llmTokensOut += d.llmTokensOut() == null ? 0 : d.llmTokensOut();
    ttsCharacters += d.ttsCharacters() == null ? 0 : d.ttsCharacters();
  }

  Usage toUsage() {
    return new Usage(null, sttSeconds, llmTokensIn, llmTokensOut, ttsCharacters);
  }
}
