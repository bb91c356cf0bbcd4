package org.telops.contracts.call;

/**
 * What a call consumed, the basis of its cost. Null means "not reported by this source" (so merging a
 * carrier fragment does not zero the runtime's usage).
 *
 * @param telephonySeconds connected seconds as the carrier counts them (not rounded)
 * @param sttSeconds seconds of audio sent to speech-to-text
 * @param llmTokensIn prompt tokens
 * @param llmTokensOut completion tokens
 * @param ttsCharacters characters synthesised
 */
public record Usage(
    Long telephonySeconds,
    Double sttSeconds,
    Long llmTokensIn,
    Long llmTokensOut,
    Long ttsCharacters) {

  public static final Usage NONE = new Usage(null, null, null, null, null);
}
