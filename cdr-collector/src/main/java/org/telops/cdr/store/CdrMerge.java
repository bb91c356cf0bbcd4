package org.telops.cdr.store;

import java.time.Instant;
import java.util.Objects;
import java.util.TreeSet;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

/**
 * Folds CDR fragments into one record. The rules, which make merging order-independent and idempotent
 * (merging a fragment twice changes nothing), so duplicated and out-of-order callbacks are harmless:
 * <ul>
 *   <li>A null never erases a value.</li>
 *   <li>Carrier-owned fields (answer/end times, telephony seconds and cost, hang-up cause, direction,
 *       numbers) follow the carrier: among carrier fragments the higher SequenceNumber wins; a non-carrier
 *       value only fills a gap.</li>
 *   <li>Runtime-owned fields (quality, AI usage and costs, codec, media path, agent, tenant, region) follow the
 *       latest non-carrier fragment; a carrier value only fills a gap. So a runtime's later "record" or
 *       "stream+record" replaces an earlier "stream" (the stream died and the call went on over the record path).</li>
 *   <li>State only moves forward (attempted → ringing → answered → ended); attemptedAt is the earliest seen.</li>
 *   <li>The outcome is the carrier's, except that the runtime's "dropped" beats the carrier's "completed":
 *       a carrier reports a call whose media died as a normal hang-up.</li>
 * </ul>
 */
public final class CdrMerge {
  private CdrMerge() {}

  /**
   * A stored row: the record, the highest carrier sequence merged, the sources that made it, and which
   * carrier-owned fields hold a carrier's value (a value the runtime filled in is replaced by any carrier
   * value for that field, whatever its sequence: Telnyx's answer time rides on an earlier event than its hang-up).
   */
  public record Stored(CallRecord record, Long carrierSeq, TreeSet<String> sources, TreeSet<String> carrierFields) {
    public static Stored of(CallRecord fragment) {
      return merge(null, fragment);
    }

    public String sourcesText() {
      return String.join(",", sources);
    }

    public String carrierFieldsText() {
      return String.join(",", carrierFields);
    }
  }

  public static Stored merge(Stored existing, CallRecord in) {
    if (existing == null) {
      existing = new Stored(CallRecord.builder(in.callId()).source(in.source()).build(), null, new TreeSet<>(), new TreeSet<>());
    }
    CallRecord old = existing.record();
    if (!Objects.equals(old.callId(), in.callId())) {
      throw new IllegalArgumentException("cannot merge call " + in.callId() + " into " + old.callId());
    }
    boolean carrier = in.source() == RecordSource.CARRIER;
    Long oldSeq = existing.carrierSeq();
    long inSeq = in.sequence() == null ? -1 : in.sequence();
    // Carrier fragment overrides carrier-owned fields when it is not older than what we have.
    boolean carrierWins = carrier && (oldSeq == null || inSeq >= oldSeq);
    boolean runtimeWins = !carrier;
    Owned o = new Owned(carrier, carrierWins, new TreeSet<>(existing.carrierFields()));

    CallRecord.Builder b = old.toBuilder();
    b.carrierCallId(fill(old.carrierCallId(), in.carrierCallId()));
    b.carrier(fill(old.carrier(), in.carrier()));
    b.tenant(pick(old.tenant(), in.tenant(), runtimeWins));
    b.region(pick(old.region(), in.region(), runtimeWins));
    b.agent(pick(old.agent(), in.agent(), runtimeWins));
    b.codec(pick(old.codec(), in.codec(), runtimeWins));
    b.mediaPath(pick(old.mediaPath(), in.mediaPath(), runtimeWins));
    b.attestation(o.pick("attestation", old.attestation(), in.attestation()));
    b.direction(o.pick("direction", old.direction(), in.direction()));
    b.fromNumber(o.pick("from", old.fromNumber(), in.fromNumber()));
    b.toNumber(o.pick("to", old.toNumber(), in.toNumber()));
    b.attemptedAt(earliest(old.attemptedAt(), in.attemptedAt()));
    b.answeredAt(o.pick("answeredAt", old.answeredAt(), in.answeredAt()));
    b.endedAt(o.pick("endedAt", old.endedAt(), in.endedAt()));
    b.hangupCause(o.pick("hangupCause", old.hangupCause(), in.hangupCause()));
    b.state(forward(old.state(), in.state()));
    b.outcome(outcome(old.outcome(), in.outcome(), carrier, carrierWins));
    b.quality(quality(old.quality(), in.quality(), runtimeWins));
    b.usage(usage(old.usage(), in.usage(), runtimeWins, o));
    b.cost(cost(old.cost(), in.cost(), runtimeWins, o));
    b.source(old.source());
    Long seq = carrier && in.sequence() != null && (oldSeq == null || in.sequence() > oldSeq) ? in.sequence() : oldSeq;
    b.sequence(seq);
    TreeSet<String> sources = new TreeSet<>(existing.sources());
    sources.add(in.source().wire());
    return new Stored(settle(b), seq, sources, o.fields);
  }

  /** Merging of carrier-owned fields, remembering which ones now hold a carrier's value. */
  private record Owned(boolean carrier, boolean carrierWins, TreeSet<String> fields) {
    <T> T pick(String field, T old, T in) {
      if (in == null) return old;
      if (!carrier) return old == null ? in : old;
      if (old == null || carrierWins || !fields.contains(field)) {
        fields.add(field);
        return in;
      }
      return old;
    }
  }

  /** The state implied by the facts: an outcome means ended, an answer time means at least answered. */
  private static CallRecord settle(CallRecord.Builder b) {
    CallRecord r = b.build();
    CallState implied = r.outcome() != null ? CallState.ENDED
        : r.answeredAt() != null ? CallState.ANSWERED : CallState.ATTEMPTED;
    return implied.isAfter(r.state()) ? b.state(implied).build() : r;
  }

  private static CallOutcome outcome(CallOutcome old, CallOutcome in, boolean carrier, boolean carrierWins) {
    if (in == null) return old;
    if (old == null) return in;
    if (old == CallOutcome.DROPPED && in == CallOutcome.COMPLETED) return old;
    if (in == CallOutcome.DROPPED && old == CallOutcome.COMPLETED) return in;
    return carrier ? (carrierWins ? in : old) : old;
  }

  private static CallState forward(CallState old, CallState in) {
    if (in == null) return old;
    return in.isAfter(old) ? in : old;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isBefore(b) ? a : b;
  }

  private static <T> T fill(T old, T in) {
    return old != null ? old : in;
  }

  /** The incoming value when it is present and wins, else the old one (or the incoming one to fill a gap). */
  private static <T> T pick(T old, T in, boolean inWins) {
    if (in == null) return old;
    if (old == null) return in;
    return inWins ? in : old;
  }

  private static QualitySummary quality(QualitySummary o, QualitySummary n, boolean w) {
    return new QualitySummary(pick(o.mos(), n.mos(), w), pick(o.jitterMs(), n.jitterMs(), w),
        pick(o.lossPercent(), n.lossPercent(), w), pick(o.oneWayLatencyMs(), n.oneWayLatencyMs(), w),
        pick(o.turnLatencyP50Ms(), n.turnLatencyP50Ms(), w), pick(o.turnLatencyP95Ms(), n.turnLatencyP95Ms(), w));
  }

  private static Usage usage(Usage o, Usage n, boolean runtimeWins, Owned owned) {
    return new Usage(owned.pick("telephonySeconds", o.telephonySeconds(), n.telephonySeconds()),
        pick(o.sttSeconds(), n.sttSeconds(), runtimeWins), pick(o.llmTokensIn(), n.llmTokensIn(), runtimeWins),
        pick(o.llmTokensOut(), n.llmTokensOut(), runtimeWins), pick(o.ttsCharacters(), n.ttsCharacters(), runtimeWins));
  }

  private static Cost cost(Cost o, Cost n, boolean runtimeWins, Owned owned) {
    return new Cost(fill(o.currency(), n.currency()),
        owned.pick("telephonyMicros", o.telephonyMicros(), n.telephonyMicros()),
        pick(o.sttMicros(), n.sttMicros(), runtimeWins), pick(o.llmMicros(), n.llmMicros(), runtimeWins),
        pick(o.ttsMicros(), n.ttsMicros(), runtimeWins));
  }
}
