package org.telops.runtime.stream;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentHashMap;
import org.telops.runtime.session.CallSession;

/**
 * Calls whose media stream dropped while the call goes on, kept for TELOPS_STREAM_RESUME_SECONDS while the carrier
 * opens a new stream (Telnyx {@code streaming_start}). The new socket's start event names the same carrier call id and
 * takes the call over; the expiry timer ends it otherwise. Exactly one of the two wins.
 */
public final class ResumableStreams {
  /** A parked call: its session, the event loop it lives on, the socket that dropped, the expiry timer. */
  public record Parked(CallSession session, Context context, Object dropped, long timer) {}

  private final ConcurrentHashMap<String, Parked> parked = new ConcurrentHashMap<>();

  public static String key(String carrier, String carrierCallId) {
    return carrier + ":" + carrierCallId;
  }

  public void park(String key, Parked p) {
    parked.put(key, p);
  }

  /** The parked call for a new stream's start event, or null; the caller cancels its expiry. */
  public Parked adopt(String key) {
    return parked.remove(key);
  }

  /** True when the call was still waiting (so the expiry ends it), false when a new stream took it. */
  public boolean expire(String key, Parked p) {
    return parked.remove(key, p);
  }

  public int waiting() {
    return parked.size();
  }
}
