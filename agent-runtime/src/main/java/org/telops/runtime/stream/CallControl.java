package org.telops.runtime.stream;

import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.session.CallEnd;

/** How the agent ends a call on one carrier (hang up or transfer). */
public interface CallControl {
  /** @param closeStream closes this call's media socket, for carriers where that is how a call moves on */
  void end(CallInfo call, CallEnd end, Runnable closeStream);
}
