package org.telops.prober.probe;

import java.time.Instant;
import java.util.UUID;

/**
 * One finished probe, as stored in probe_results. Timings are ms from the dial request; null when the
 * probe did not get that far.
 *
 * @param callId the carrier's call id (Twilio CallSid, Telnyx call_control_id); null if never placed
 * @param reason named failure (FailureReason wire form); null on success
 * @param detail what exactly happened, for the log and the API (not stored)
 * @param connectMs dial request → the carrier opened the probe's media stream (answered and bridged)
 * @param firstAudioMs dial request → first audio frame from the agent's side
 * @param roundTripMs 1004 Hz tone sent → its echo received
 * @param digitsReceived what we decoded from the agent's reply ('#' included)
 * @param wer word error rate of the agent's transcript of the spoken phrase (0–1, sclite's); null when none came back
 * @param phrase the phrase spoken to the agent; null when the probe did not get that far or speaks none
 * @param transcript the words the agent sent back for it ("unknown" for a code outside the vocabulary)
 * @param durationSeconds call duration as the carrier billed it (else measured), s
 * @param costMicros price of the probe's call leg in micro-units of currency
 */
public record ProbeResult(UUID probeId, Instant probedAt, String region, String carrier, String target, String callId,
                          boolean success, String reason, String detail, Integer connectMs, Integer firstAudioMs,
                          Integer roundTripMs, Double jitterMs, Double lossPercent, Double mos, String digitsSent,
                          String digitsReceived, Double wer, String phrase, String transcript, Integer durationSeconds, String currency, Long costMicros) {

  public String outcome() {
    return success ? "success" : "failure";
  }
}
