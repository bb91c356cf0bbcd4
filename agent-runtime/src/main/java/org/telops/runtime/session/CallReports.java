package org.telops.runtime.session;

import java.time.Instant;
import java.util.Locale;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;
import org.telops.quality.stream.MediaQualitySnapshot;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.quality.QualitySample;

/** What a session reports about its call: the runtime's CDR fragment and quality samples. */
final class CallReports {
  private CallReports() {}

  static CallRecord record(CallInfo call, MediaQualitySnapshot total, Double rttMs, TurnTracker turns, Instant attemptedAt,
                           Instant answeredAt, Instant endedAt, CallOutcome outcome, String cause, Usage usage,
                           String mediaPath) {
    boolean media = total.framesReceived() > 0;
    QualitySummary q = new QualitySummary(media ? round(total.mos()) : null, media ? round(total.jitterMs()) : null,
        media ? round(total.lossPercent()) : null, rttMs == null ? null : round(rttMs / 2),
        turns.firstAudioPercentileMs(50), turns.firstAudioPercentileMs(95));
    return CallRecord.builder(call.callId()).carrierCallId(call.carrierCallId()).carrier(call.carrier())
        .region(call.region()).tenant(call.tenant()).agent(call.agent()).direction(direction(call.direction()))
        .fromNumber(call.fromNumber()).toNumber(call.toNumber())
        .attemptedAt(attemptedAt != null && attemptedAt.isBefore(answeredAt) ? attemptedAt : answeredAt)
        .answeredAt(answeredAt).endedAt(endedAt).state(CallState.ENDED).outcome(outcome)
        .hangupCause(cause).codec("PCMU").mediaPath(mediaPath).quality(q).usage(usage).source(RecordSource.RUNTIME).build();
  }

  static QualitySample sample(CallInfo call, Instant at, MediaQualitySnapshot s, long lateFrames, Double rttMs) {
    return new QualitySample(call.callId(), at, call.tenant(), call.carrier(), call.region(), s.mos(), s.jitterMs(),
        s.lossPercent(), s.framesReceived(), s.framesMissing(), s.reordered() + lateFrames, s.maxGapMs(), rttMs);
  }

  /** Twilio says inbound / outbound-api, Telnyx incoming / outgoing; anything else is left unknown. */
  static Direction direction(String wire) {
    if (wire == null || wire.isBlank()) {
      return null;
    }
    try {
      return Direction.fromWire(wire.replace("incoming", "inbound").replace("outgoing", "outbound"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static boolean isMuLaw8k(InboundFrame.Start s) {
    String e = s.encoding() == null ? "audio/x-mulaw" : s.encoding().toLowerCase(Locale.ROOT);
    boolean mulaw = e.contains("mulaw") || e.contains("pcmu") || e.contains("ulaw");
    return mulaw && (s.sampleRateHz() <= 0 || s.sampleRateHz() == 8000) && s.channels() <= 1;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
