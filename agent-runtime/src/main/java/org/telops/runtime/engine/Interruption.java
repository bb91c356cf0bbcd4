package org.telops.runtime.engine;

/**
 * An utterance cut short by barge-in, and how much of it the caller heard.
 *
 * @param playedMs estimated audio heard: the last offset the carrier confirmed with a mark plus the
 *     time since, never beyond the next mark
 * @param confirmedMs audio the carrier confirmed played (marks echoed before the clear), ms
 * @param sentMs audio sent to the carrier for this utterance, ms
 * @param cause "speech", "dtmf" or "engine"
 */
public record Interruption(String utteranceId, String label, long playedMs, long confirmedMs, long sentMs, String cause) {}
