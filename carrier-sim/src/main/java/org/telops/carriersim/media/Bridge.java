package org.telops.carriersim.media;

import io.vertx.core.Vertx;

/**
 * Joins two call legs' audio: every 20 ms one frame is taken from each direction's {@link Pipe} and
 * the frames that the impaired network has made due are delivered. One timer per call, re-armed for the
 * next thing due (a production tick or a delayed frame), never one per frame. Frame numbers come from
 * the monotonic clock since the bridge started, so a late timer catches up with several frames at once
 * and the frame count always matches the elapsed time. Runs on the call's context only.
 */
public final class Bridge {
  private final Vertx vertx;
  private final Pipe toCallee;
  private final Pipe toCaller;
  private final Runnable everyHalfSecond;
  private MediaPort caller = MediaPort.SILENT;
  private MediaPort callee = MediaPort.SILENT;
  private long startNanos;
  private long produced;
  private long timer = -1;
  private boolean running;
  private final Pipe.Sink sinkToCallee = new Pipe.Sink() {
    @Override
    public void frame(MediaFrame f) {
      callee.frame(f);
    }

    @Override
    public void markPlayed(String name) {
      caller.markPlayed(name);
    }
  };
  private final Pipe.Sink sinkToCaller = new Pipe.Sink() {
    @Override
    public void frame(MediaFrame f) {
      caller.frame(f);
    }

    @Override
    public void markPlayed(String name) {
      callee.markPlayed(name);
    }
  };

  /**
   * @param toCallee the caller's audio on its way to the callee (the agent, or the far end)
   * @param everyHalfSecond run every 25 frames: the call re-reads its faults there
   */
  public Bridge(Vertx vertx, Pipe toCallee, Pipe toCaller, Runnable everyHalfSecond) {
    this.vertx = vertx;
    this.toCallee = toCallee;
    this.toCaller = toCaller;
    this.everyHalfSecond = everyHalfSecond;
  }

  public void start() {
    startNanos = System.nanoTime();
    running = true;
    tick();
  }

  public void setCaller(MediaPort port) {
    caller = port;
    port.attached(toCallee, produced);
  }

  public void setCallee(MediaPort port) {
    callee = port;
    port.attached(toCaller, produced);
  }

  public MediaPort caller() {
    return caller;
  }

  public MediaPort callee() {
    return callee;
  }

  public Pipe toCallee() {
    return toCallee;
  }

  public Pipe toCaller() {
    return toCaller;
  }

  public long framesProduced() {
    return produced;
  }

  public void stop() {
    running = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  private void tick() {
    timer = -1;
    if (!running) {
      return;
    }
    long nowMs = (System.nanoTime() - startNanos) / 1_000_000;
    while (produced * Pipe.FRAME_MS <= nowMs && running) {
      if (produced % 25 == 0) {
        everyHalfSecond.run(); // also before the very first frame, so a fault already on applies from the start
        if (!running) {
          return;
        }
      }
      long t = produced * Pipe.FRAME_MS;
      caller.beforeProduce(produced, toCallee);
      callee.beforeProduce(produced, toCaller);
      toCallee.produce(produced, t);
      toCaller.produce(produced, t);
      produced++;
    }
    if (!running) {
      return;
    }
    toCallee.drainDue(nowMs, sinkToCallee);
    toCaller.drainDue(nowMs, sinkToCaller);
    long next = Math.min(produced * Pipe.FRAME_MS, Math.min(toCallee.nextDueMs(), toCaller.nextDueMs()));
    timer = vertx.setTimer(Math.max(1, next - nowMs), id -> tick());
  }
}
