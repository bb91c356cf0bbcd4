package org.telops.cdr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.Cost;
import org.telops.contracts.call.Direction;
import org.telops.contracts.call.QualitySummary;
import org.telops.contracts.call.RecordSource;
import org.telops.contracts.call.Usage;

class CdrMergeTest {
  private static final String SID = "CA42";
  private static final String ID = CallIds.of("twilio", SID);
  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-11-21T04:00:00Z");
  private static final QualitySummary RUNTIME_QUALITY = new QualitySummary(4.2, 12.5, 0.4, 80.0, 700, 1400);

  /** What every Twilio status callback carries (tenant/region/agent ride on the callback URL). */
  private static CallRecord.Builder twilio(long seq) {
    return CallRecord.builder(ID).carrier("twilio").carrierCallId(SID).source(RecordSource.CARRIER).sequence(seq)
        .fromNumber("+15550100").toNumber("+15550199").direction(Direction.OUTBOUND)
        .tenant("acme").region("us-east").agent("sales-bot");
  }

  static final CallRecord INITIATED = twilio(0).state(CallState.ATTEMPTED).attemptedAt(T0).build();
  static final CallRecord RINGING = twilio(1).state(CallState.RINGING).build();
  static final CallRecord IN_PROGRESS = twilio(2).state(CallState.ANSWERED).answeredAt(T0.plusSeconds(8)).build();
  /** CallDuration 41 at T0+50: answeredAt = end − duration = T0+9, one second off the in-progress Timestamp. */
  static final CallRecord COMPLETED = twilio(3).state(CallState.ENDED).outcome(CallOutcome.COMPLETED)
      .endedAt(T0.plusSeconds(50)).answeredAt(T0.plusSeconds(9))
      .usage(new Usage(41L, null, null, null, null)).cost(new Cost("USD", 13_000L, null, null, null)).build();
  /** The runtime's own view: its clock, its (carrier-owned) telephony estimate, and what only it knows. */
  static final CallRecord RUNTIME = CallRecord.builder(ID).source(RecordSource.RUNTIME)
      .attemptedAt(T0.minusSeconds(1)).answeredAt(T0.plusSeconds(10)).endedAt(T0.plusSeconds(51))
      .state(CallState.ENDED).outcome(CallOutcome.COMPLETED).codec("pcmu").mediaPath("stream").tenant("acme")
      .agent("sales-bot").quality(RUNTIME_QUALITY).usage(new Usage(40L, 38.5, 1200L, 300L, 900L))
      .cost(new Cost("USD", null, 5_000L, 2_000L, 3_000L)).build();

  private static CdrMerge.Stored fold(List<CallRecord> fragments) {
    CdrMerge.Stored s = null;
    for (CallRecord f : fragments) {
      s = CdrMerge.merge(s, f);
    }
    return s;
  }

  /** The stored form: the record's source is the first fragment's and is not persisted, so it is left out. */
  private static String row(CdrMerge.Stored s) {
    StringBuilder out = new StringBuilder();
    CallsSql.appendCopyRow(out, s, UPDATED);
    return out.toString();
  }

  private static CallRecord comparable(CdrMerge.Stored s) {
    return s.record().toBuilder().source(RecordSource.API).build();
  }

  private static <T> void permutations(List<T> items, int k, Consumer<List<T>> each) {
    if (k == items.size()) {
      each.accept(List.copyOf(items));
      return;
    }
    for (int i = k; i < items.size(); i++) {
      Collections.swap(items, k, i);
      permutations(items, k + 1, each);
      Collections.swap(items, k, i);
    }
  }

  @Test
  @DisplayName("The Twilio lifecycle plus the runtime fragment fold to the expected record")
  void expectedFinalRecord() {
    CdrMerge.Stored s = fold(List.of(INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME));
    CallRecord r = s.record();
    assertThat(r.state()).isEqualTo(CallState.ENDED);
    assertThat(r.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(r.attemptedAt()).as("earliest").isEqualTo(T0.minusSeconds(1));
    assertThat(r.answeredAt()).as("the carrier's, highest sequence").isEqualTo(T0.plusSeconds(9));
    assertThat(r.endedAt()).as("the carrier's").isEqualTo(T0.plusSeconds(50));
    assertThat(r.usage()).isEqualTo(new Usage(41L, 38.5, 1200L, 300L, 900L));
    assertThat(r.cost()).isEqualTo(new Cost("USD", 13_000L, 5_000L, 2_000L, 3_000L));
    assertThat(r.quality()).isEqualTo(RUNTIME_QUALITY);
    assertThat(r.codec()).isEqualTo("pcmu");
    assertThat(r.mediaPath()).as("runtime-owned").isEqualTo("stream");
    assertThat(r.tenant()).isEqualTo("acme");
    assertThat(r.region()).as("gap filled by the carrier").isEqualTo("us-east");
    assertThat(r.carrierCallId()).isEqualTo(SID);
    assertThat(r.fromNumber()).isEqualTo("+15550100");
    assertThat(s.carrierSeq()).isEqualTo(3L);
    assertThat(r.sequence()).isEqualTo(3L);
    assertThat(s.sourcesText()).isEqualTo("carrier,runtime");
  }

  @Test
  @DisplayName("Every order of the five fragments, plain, with each duplicated at once or replayed late, folds to the same record")
  void everyOrderFoldsToTheSameRecord() {
    CdrMerge.Stored expected = fold(List.of(INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME));
    List<List<CallRecord>> orders = new ArrayList<>();
    permutations(new ArrayList<>(List.of(INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME)), 0, orders::add);
    assertThat(orders).hasSize(120);
    int folds = 0;
    for (List<CallRecord> order : orders) {
      List<CallRecord> doubled = new ArrayList<>();
      order.forEach(f -> { doubled.add(f); doubled.add(f); });
      List<CallRecord> replayed = new ArrayList<>(order);
      List<CallRecord> reversed = new ArrayList<>(order);
      Collections.reverse(reversed);
      replayed.addAll(reversed);
      for (List<CallRecord> variant : List.of(order, doubled, replayed)) {
        CdrMerge.Stored s = fold(variant);
        assertThat(comparable(s)).as("order %s", variant).isEqualTo(comparable(expected));
        assertThat(s.sources()).isEqualTo(expected.sources());
        assertThat(s.carrierSeq()).isEqualTo(3L);
        assertThat(row(s)).isEqualTo(row(expected));
        folds++;
      }
    }
    // And random interleavings of the ten-fragment multiset (each fragment twice).
    Random random = new Random(20261121);
    List<CallRecord> ten = new ArrayList<>(List.of(INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME,
        INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME));
    for (int i = 0; i < 2_000; i++, folds++) {
      Collections.shuffle(ten, random);
      assertThat(row(fold(ten))).as("order %s", ten).isEqualTo(row(expected));
    }
    assertThat(folds).isEqualTo(2_360);
  }

  @Test
  @DisplayName("Merging a fragment a second time changes nothing, whatever was merged before")
  void idempotent() {
    List<CallRecord> all = List.of(INITIATED, RINGING, IN_PROGRESS, COMPLETED, RUNTIME);
    for (int prefix = 0; prefix <= all.size(); prefix++) {
      CdrMerge.Stored before = prefix == 0 ? null : fold(all.subList(0, prefix));
      for (CallRecord f : all) {
        CdrMerge.Stored once = CdrMerge.merge(before, f);
        assertThat(CdrMerge.merge(once, f)).as("after %d, %s", prefix, f.source()).isEqualTo(once);
      }
    }
  }

  @Test
  @DisplayName("A carrier-owned value only a lower-sequence callback carries (Telnyx answeredAt) wins over the runtime's in every order")
  void carrierValueFromLowerSequenceBeatsRuntimeInEveryOrder() {
    String ccid = "v3:telnyx-call";
    String id = CallIds.of("telnyx", ccid);
    Instant answered = T0.plusSeconds(5);
    // As TelnyxEvents builds them: sequence = occurred_at epoch ms; call.hangup carries no answer time.
    CallRecord initiated = telnyx(id, ccid, T0).state(CallState.ATTEMPTED).attemptedAt(T0).build();
    CallRecord answer = telnyx(id, ccid, answered).state(CallState.ANSWERED).answeredAt(answered).build();
    CallRecord hangup = telnyx(id, ccid, T0.plusSeconds(65)).state(CallState.ENDED).outcome(CallOutcome.COMPLETED)
        .attemptedAt(T0).endedAt(T0.plusSeconds(65)).hangupCause("normal_clearing").build();
    CallRecord runtime = CallRecord.builder(id).source(RecordSource.RUNTIME).answeredAt(T0.plusSeconds(6))
        .quality(RUNTIME_QUALITY).build();
    List<String> wrong = new ArrayList<>();
    permutations(new ArrayList<>(List.of(initiated, answer, hangup, runtime)), 0, order -> {
      Instant got = fold(order).record().answeredAt();
      if (!answered.equals(got)) {
        wrong.add(order.stream().map(f -> f.source() == RecordSource.RUNTIME ? "runtime" : "seq " + f.sequence())
            .toList() + " -> " + got);
      }
    });
    assertThat(wrong).as("orders where the runtime's answeredAt displaced the carrier's").isEmpty();
  }

  private static CallRecord.Builder telnyx(String id, String ccid, Instant occurredAt) {
    return CallRecord.builder(id).carrier("telnyx").carrierCallId(ccid).source(RecordSource.CARRIER)
        .sequence(occurredAt.toEpochMilli());
  }

  @Test
  @DisplayName("A late lower-sequence callback neither moves the state back nor overwrites a higher-sequence value")
  void lateCallbackIgnored() {
    CdrMerge.Stored ended = fold(List.of(INITIATED, COMPLETED));
    CallRecord lateInProgress = twilio(2).state(CallState.ANSWERED).answeredAt(T0.plusSeconds(8))
        .fromNumber("+15550111").build();
    CdrMerge.Stored s = CdrMerge.merge(CdrMerge.merge(ended, lateInProgress), RINGING);
    assertThat(s.record().state()).isEqualTo(CallState.ENDED);
    assertThat(s.record().answeredAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(s.record().fromNumber()).isEqualTo("+15550100");
    assertThat(s.carrierSeq()).isEqualTo(3L);

    CdrMerge.Stored answered = fold(List.of(IN_PROGRESS));
    assertThat(CdrMerge.merge(answered, RINGING).record().state()).isEqualTo(CallState.ANSWERED);
  }

  @Test
  @DisplayName("A higher-sequence callback overrides carrier-owned values of a lower one")
  void higherSequenceWins() {
    CallRecord corrected = twilio(4).state(CallState.ENDED).outcome(CallOutcome.COMPLETED)
        .usage(new Usage(43L, null, null, null, null)).cost(new Cost("USD", 14_000L, null, null, null)).build();
    CdrMerge.Stored s = fold(List.of(COMPLETED, corrected));
    assertThat(s.record().usage().telephonySeconds()).isEqualTo(43L);
    assertThat(s.record().cost().telephonyMicros()).isEqualTo(14_000L);
    assertThat(fold(List.of(corrected, COMPLETED)).record()).isEqualTo(s.record());
  }

  @Test
  @DisplayName("The runtime's 'dropped' beats the carrier's 'completed' in either order, but not the carrier's 'busy'")
  void droppedBeatsCompleted() {
    CallRecord dropped = RUNTIME.toBuilder().outcome(CallOutcome.DROPPED).build();
    assertThat(fold(List.of(dropped, COMPLETED)).record().outcome()).isEqualTo(CallOutcome.DROPPED);
    assertThat(fold(List.of(COMPLETED, dropped)).record().outcome()).isEqualTo(CallOutcome.DROPPED);
    assertThat(fold(List.of(COMPLETED, dropped)).record().state()).isEqualTo(CallState.ENDED);

    CallRecord busy = twilio(3).state(CallState.ENDED).outcome(CallOutcome.BUSY).endedAt(T0.plusSeconds(5)).build();
    assertThat(fold(List.of(dropped, busy)).record().outcome()).isEqualTo(CallOutcome.BUSY);
    assertThat(fold(List.of(busy, dropped)).record().outcome()).isEqualTo(CallOutcome.BUSY);
  }

  @Test
  @DisplayName("A carrier value only fills gaps in runtime-owned fields, in either order")
  void carrierFillsRuntimeGaps() {
    CallRecord runtime = CallRecord.builder(ID).source(RecordSource.RUNTIME).codec("opus").tenant("acme")
        .quality(new QualitySummary(4.1, null, null, 75.0, null, null)).build();
    CallRecord carrier = twilio(3).codec("pcmu").tenant("other").agent("carrier-agent")
        .quality(new QualitySummary(4.5, 2.74, 1.5, null, null, null)).build();
    for (List<CallRecord> order : List.of(List.of(runtime, carrier), List.of(carrier, runtime))) {
      CallRecord r = fold(order).record();
      assertThat(r.codec()).isEqualTo("opus");
      assertThat(r.tenant()).isEqualTo("acme");
      assertThat(r.agent()).as("gap").isEqualTo("carrier-agent");
      assertThat(r.quality()).isEqualTo(new QualitySummary(4.1, 2.74, 1.5, 75.0, null, null));
    }
  }

  @Test
  @DisplayName("Media path is runtime-owned: a later runtime record or stream+record replaces stream, a null erases nothing, a carrier value only fills a gap")
  void mediaPathRuntimeWins() {
    CallRecord stream = CallRecord.builder(ID).source(RecordSource.RUNTIME).mediaPath("stream").build();
    for (String later : List.of("record", "stream+record")) {
      CallRecord fallback = CallRecord.builder(ID).source(RecordSource.RUNTIME).mediaPath(later).build();
      assertThat(fold(List.of(stream, fallback)).record().mediaPath()).as("stream, then runtime " + later).isEqualTo(later);
      assertThat(fold(List.of(INITIATED, stream, COMPLETED, fallback)).record().mediaPath())
          .as("carrier fragments in between change nothing").isEqualTo(later);
      // Onto a stored row (read back from the table its source is api), as the writer merges a later batch.
      CdrMerge.Stored first = fold(List.of(INITIATED, stream));
      CdrMerge.Stored stored = new CdrMerge.Stored(comparable(first), first.carrierSeq(), first.sources(), first.carrierFields());
      assertThat(CdrMerge.merge(stored, fallback).record().mediaPath()).as("stored stream, runtime " + later).isEqualTo(later);
    }
    CallRecord silent = CallRecord.builder(ID).source(RecordSource.RUNTIME).codec("pcmu").build();
    assertThat(fold(List.of(stream, silent)).record().mediaPath()).as("null erases nothing").isEqualTo("stream");
    CallRecord carrier = twilio(3).mediaPath("record").build();
    assertThat(fold(List.of(stream, carrier)).record().mediaPath()).as("carrier does not override").isEqualTo("stream");
    assertThat(fold(List.of(carrier, stream)).record().mediaPath()).as("runtime overrides carrier").isEqualTo("stream");
    assertThat(fold(List.of(INITIATED, carrier)).record().mediaPath()).as("carrier fills a gap").isEqualTo("record");
    assertThat(fold(List.of(INITIATED, COMPLETED)).record().mediaPath()).as("carrier-only: unknown").isNull();
  }

  @Test
  @DisplayName("attemptedAt is the earliest instant any fragment reported")
  void attemptedAtEarliest() {
    CallRecord late = CallRecord.builder(ID).source(RecordSource.RUNTIME).attemptedAt(T0.plusSeconds(2)).build();
    assertThat(fold(List.of(INITIATED, late)).record().attemptedAt()).isEqualTo(T0);
    assertThat(fold(List.of(late, INITIATED)).record().attemptedAt()).isEqualTo(T0);
    assertThat(fold(List.of(RINGING, late)).record().attemptedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  @DisplayName("The state follows the facts: an outcome means ended and an answer time at least answered")
  void stateImpliedByFacts() {
    CallRecord api = CallRecord.builder(ID).outcome(CallOutcome.BUSY).build();
    assertThat(CdrMerge.Stored.of(api).record().state()).isEqualTo(CallState.ENDED);
    CallRecord answered = CallRecord.builder(ID).answeredAt(T0).build();
    assertThat(CdrMerge.Stored.of(answered).record().state()).isEqualTo(CallState.ANSWERED);
    assertThat(CdrMerge.merge(CdrMerge.Stored.of(RINGING), answered).record().state()).isEqualTo(CallState.ANSWERED);
    assertThat(CdrMerge.Stored.of(CallRecord.builder(ID).build()).record().state()).isEqualTo(CallState.ATTEMPTED);
  }

  @Test
  @DisplayName("Only carrier fragments set the carrier sequence, and fragments of another call are refused")
  void sequenceAndCallId() {
    CallRecord apiWithSeq = CallRecord.builder(ID).source(RecordSource.API).sequence(99L).build();
    assertThat(CdrMerge.Stored.of(apiWithSeq).carrierSeq()).isNull();
    assertThat(CdrMerge.merge(CdrMerge.Stored.of(RINGING), apiWithSeq).carrierSeq()).isEqualTo(1L);
    CallRecord other = CallRecord.builder(CallIds.of("twilio", "CA43")).build();
    assertThatThrownBy(() -> CdrMerge.merge(CdrMerge.Stored.of(RINGING), other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ID);
  }
}
