package org.telops.contracts.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The call detail record (CDR): one per call, assembled by the cdr-collector from fragments sent by the
 * agent runtime, carrier callbacks and the API. A fragment carries only what its source knows; absent
 * values are null and never erase what another fragment already said.
 *
 * @param callId our id: {@link CallIds#of} of the carrier call id when one exists, else a random UUID
 * @param carrierCallId the carrier's id (Twilio CallSid, Telnyx call_control_id), null if never placed
 * @param carrier carrier name, lower case ("twilio", "telnyx")
 * @param mediaPath how the call's audio reached the agent: {@value #MEDIA_STREAM} (a carrier media stream the
 *     whole call), {@value #MEDIA_RECORD} (no media stream: the call ran over TwiML {@code <Play>}/{@code <Record>}
 *     webhooks) or {@value #MEDIA_STREAM_THEN_RECORD} (the stream died mid-call and the call went on over the
 *     record path); null when unknown (carrier-only records, API records without it)
 * @param sequence the carrier's callback SequenceNumber, null for non-carrier fragments; a later
 *     sequence wins field by field when fragments disagree
 */
public record CallRecord(
    String callId,
    String carrierCallId,
    String carrier,
    String region,
    String tenant,
    String agent,
    Direction direction,
    String fromNumber,
    String toNumber,
    Instant attemptedAt,
    Instant answeredAt,
    Instant endedAt,
    CallState state,
    CallOutcome outcome,
    String hangupCause,
    String codec,
    String mediaPath,
    Attestation attestation,
    QualitySummary quality,
    Usage usage,
    Cost cost,
    RecordSource source,
    Long sequence) {

  /** {@link #mediaPath()}: a carrier media stream carried the audio the whole call. */
  public static final String MEDIA_STREAM = "stream";
  /** {@link #mediaPath()}: no media stream; the call ran over TwiML {@code <Play>}/{@code <Record>} webhooks. */
  public static final String MEDIA_RECORD = "record";
  /** {@link #mediaPath()}: the stream died mid-call and the call went on over the record path. */
  public static final String MEDIA_STREAM_THEN_RECORD = "stream+record";
  /** Every allowed non-null {@link #mediaPath()}, in the order messages list them. */
  public static final List<String> MEDIA_PATHS = List.of(MEDIA_STREAM, MEDIA_RECORD, MEDIA_STREAM_THEN_RECORD);

  public CallRecord {
    Objects.requireNonNull(callId, "callId");
    checkMediaPath(mediaPath);
    quality = quality == null ? QualitySummary.NONE : quality;
    usage = usage == null ? Usage.NONE : usage;
    cost = cost == null ? Cost.NONE : cost;
    source = source == null ? RecordSource.API : source;
  }

  /**
   * Returns {@code value} when it is null or one of {@link #MEDIA_PATHS} (exact, lower case).
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static String checkMediaPath(String value) {
    if (value != null && !MEDIA_PATHS.contains(value)) {
      throw new IllegalArgumentException("unknown media path '" + value + "' (expected one of "
          + String.join(", ", MEDIA_PATHS) + ", or absent when unknown)");
    }
    return value;
  }

  /** Seconds from answer to end, or null while either is unknown. */
  public Long talkSeconds() {
    if (answeredAt == null || endedAt == null) {
      return null;
    }
    return Math.max(0, endedAt.getEpochSecond() - answeredAt.getEpochSecond());
  }

  public static Builder builder(String callId) {
    return new Builder(callId);
  }

  public Builder toBuilder() {
    Builder b = new Builder(callId);
    b.carrierCallId = carrierCallId; b.carrier = carrier; b.region = region; b.tenant = tenant;
    b.agent = agent; b.direction = direction; b.fromNumber = fromNumber; b.toNumber = toNumber;
    b.attemptedAt = attemptedAt; b.answeredAt = answeredAt; b.endedAt = endedAt; b.state = state;
    b.outcome = outcome; b.hangupCause = hangupCause; b.codec = codec; b.mediaPath = mediaPath;
    b.attestation = attestation;
    b.quality = quality; b.usage = usage; b.cost = cost; b.source = source; b.sequence = sequence;
    return b;
  }

  /** Fluent builder: the record has too many components to construct positionally in readable code. */
  public static final class Builder {
    private String callId;
    private String carrierCallId;
    private String carrier;
    private String region;
    private String tenant;
    private String agent;
    private Direction direction;
    private String fromNumber;
    private String toNumber;
    private Instant attemptedAt;
    private Instant answeredAt;
    private Instant endedAt;
    private CallState state;
    private CallOutcome outcome;
    private String hangupCause;
    private String codec;
    private String mediaPath;
    private Attestation attestation;
    private QualitySummary quality;
    private Usage usage;
    private Cost cost;
    private RecordSource source;
    private Long sequence;

    private Builder(String callId) {
      this.callId = callId;
    }

    public Builder callId(String v) { callId = v; return this; }
    public Builder carrierCallId(String v) { carrierCallId = v; return this; }
    public Builder carrier(String v) { carrier = v; return this; }
    public Builder region(String v) { region = v; return this; }
    public Builder tenant(String v) { tenant = v; return this; }
    public Builder agent(String v) { agent = v; return this; }
    public Builder direction(Direction v) { direction = v; return this; }
    public Builder fromNumber(String v) { fromNumber = v; return this; }
    public Builder toNumber(String v) { toNumber = v; return this; }
    public Builder attemptedAt(Instant v) { attemptedAt = v; return this; }
    public Builder answeredAt(Instant v) { answeredAt = v; return this; }
    public Builder endedAt(Instant v) { endedAt = v; return this; }
    public Builder state(CallState v) { state = v; return this; }
    public Builder outcome(CallOutcome v) { outcome = v; return this; }
    public Builder hangupCause(String v) { hangupCause = v; return this; }
    public Builder codec(String v) { codec = v; return this; }
    /** One of {@link CallRecord#MEDIA_PATHS} or null; anything else fails {@link #build()}. */
    public Builder mediaPath(String v) { mediaPath = v; return this; }
    public Builder attestation(Attestation v) { attestation = v; return this; }
    public Builder quality(QualitySummary v) { quality = v; return this; }
    public Builder usage(Usage v) { usage = v; return this; }
    public Builder cost(Cost v) { cost = v; return this; }
    public Builder source(RecordSource v) { source = v; return this; }
    public Builder sequence(Long v) { sequence = v; return this; }

    public CallRecord build() {
      return new CallRecord(callId, carrierCallId, carrier, region, tenant, agent, direction, fromNumber,
          toNumber, attemptedAt, answeredAt, endedAt, state, outcome, hangupCause, codec, mediaPath,
          attestation, quality, usage, cost, source, sequence);
    }
  }
}
