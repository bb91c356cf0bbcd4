package org.telops.contracts.call;

/**
 * Per-call quality. Every figure may be null: a call that never reached media has none.
 *
 * @param mos E-model MOS estimate, 1.0–4.5
 * @param jitterMs RFC 3550 interarrival jitter, milliseconds
 * @param lossPercent lost media frames, percent of expected (0–100)
 * @param oneWayLatencyMs estimated one-way network latency, milliseconds
 * @param turnLatencyP50Ms median end-of-speech → first agent audio, milliseconds
 * @param turnLatencyP95Ms 95th percentile of the same, milliseconds
 */
public record QualitySummary(
    Double mos,
    Double jitterMs,
    Double lossPercent,
    Double oneWayLatencyMs,
    Integer turnLatencyP50Ms,
    Integer turnLatencyP95Ms) {

  public static final QualitySummary NONE = new QualitySummary(null, null, null, null, null, null);

  public boolean isEmpty() {
    return mos == null && jitterMs == null && lossPercent == null && oneWayLatencyMs == null
        && turnLatencyP50Ms == null && turnLatencyP95Ms == null;
  }
}
