package org.telops.runtime.engine;

/** Timers that fire on the call's own thread. */
public interface Scheduler {
  Cancellable schedule(long delayMs, Runnable task);

  interface Cancellable {
    void cancel();
  }
}
