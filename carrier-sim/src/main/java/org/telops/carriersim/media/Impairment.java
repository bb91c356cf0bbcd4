package org.telops.carriersim.media;

import java.util.random.RandomGenerator;

/**
 * One direction of a call's network path: decides per 20 ms frame whether it is lost (random loss in the
 * good state, every frame in the Gilbert–Elliott bad state) and how long it is delayed (latency plus a
 * uniform jitter draw). Plain Java, one instance per direction, not thread-safe (a call runs on one thread).
 */
public final class Impairment {
  private final ImpairmentProfile profile;
  private final RandomGenerator random;
  private boolean badState;
  private long framesSeen;
  private long framesLost;

  public Impairment(ImpairmentProfile profile, RandomGenerator random) {
    this.profile = profile;
    this.random = random;
  }

  /** Advances the channel by one frame; true when this frame is lost. */
  public boolean nextLost() {
    framesSeen++;
    // State transition first, then the frame is judged in the state it travels in.
    if (badState) {
      if (random.nextDouble() * 100.0 < profile.burstExitPercent()) {
        badState = false;
      }
    } else if (profile.burstEnterPercent() > 0 && random.nextDouble() * 100.0 < profile.burstEnterPercent()) {
      badState = true;
    }
    boolean lost = badState || (profile.lossPercent() > 0 && random.nextDouble() * 100.0 < profile.lossPercent());
    if (lost) {
      framesLost++;
    }
    return lost;
  }

  /** One-way delay for the next frame, ms: latency + U[0, 3·jitter] (mean |D| of consecutive frames = jitter). */
  public long nextDelayMs() {
    if (profile.jitterMs() == 0) {
      return profile.latencyMs();
    }
    return profile.latencyMs() + Math.round(random.nextDouble() * 3.0 * profile.jitterMs());
  }

  public ImpairmentProfile profile() {
    return profile;
  }

  public long framesSeen() {
    return framesSeen;
  }

  public long framesLost() {
    return framesLost;
  }
}
