package org.telops.runtime.session;

import java.time.Instant;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/** What a session reports; the Vert.x side puts it on the bus, in the database and in metrics. */
public interface SessionListener {
  void onAnswered(CallInfo call, Instant at);

  /** A moment of the stream for the call's timeline (stream start/stop, DTMF, barge-in, playback finished, errors). */
  default void onEvent(org.telops.runtime.quality.CallEventRecord event) {}

  void onSample(QualitySample sample);

  void onTurn(TurnRecord turn);

  void onEnded(CallInfo call, CallRecord record);

  /** @param firstOfKind true the first time this kind occurs in this call (log it then, count always) */
  void onBadInput(String carrier, BadInput kind, boolean firstOfKind, String detail);

  void onCarrierError(CallInfo call, String code, String title, String detail);
}
