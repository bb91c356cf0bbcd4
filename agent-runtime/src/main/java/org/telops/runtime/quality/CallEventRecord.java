package org.telops.runtime.quality;

import java.time.Instant;

/**
 * One moment of a call's media stream, for its timeline ({@code call_events}): {@code stream-start},
 * {@code dtmf}, {@code barge-in}, {@code playback-finished}, {@code carrier-error}, {@code provider-failure},
 * {@code stream-stop}.
 *
 * @param seq order within the call (moments in the same millisecond keep their order)
 * @param detail what an engineer reads beside it; DTMF digits only when {@code TELOPS_CALL_EVENTS_DTMF=digits}
 */
public record CallEventRecord(String callId, Instant at, int seq, String kind, String detail) {}
