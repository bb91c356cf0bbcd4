package org.telops.runtime.stream;

import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.session.CallEnd;

/** How the agent ends a call on one carrier (hang up or transfer), and restarts its media stream where it can. */
public interface CallControl {
  /** @param closeStream closes this call's media socket, for carriers where that is how a call moves on */
  void end(CallInfo call, CallEnd end, Runnable closeStream);

  /**
   * Asks the carrier to open a new media stream for a call whose stream dropped while the call goes on. False when
   * this carrier cannot (a Twilio stream belongs to its TwiML: when it ends, the call moves on).
   */
  default boolean restartStream(CallInfo call) {
    return false;
  }

  /** How long a dropped call waits for its carrier (TELOPS_STREAM_RESUME_SECONDS, or less where the carrier is quick). */
  default int resumeWindowSeconds(int configured) {
    return configured;
  }
}
