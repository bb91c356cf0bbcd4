package org.telops.runtime.engine;

/** Timers that fire on the call's own thread. */
public interface Scheduler {
  /** Runs {@code task} on the call's thread after {@code delayMs}; call it on the call's thread. */
  Cancellable schedule(long delayMs, Runnable task);

  /**
   * Runs {@code task} on the call's thread as soon as it is free; may be called from any thread (a provider's
   * callback), so a result reaches the call without polling. The runtime's scheduler hands the task to the call's
   * event loop; this default, for single-threaded tests and benches, schedules it at once.
   */
  default void execute(Runnable task) {
    schedule(0, task);
  }

  interface Cancellable {
    void cancel();
  }
}
