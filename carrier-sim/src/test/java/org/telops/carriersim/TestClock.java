package org.telops.carriersim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The wall clock plus an offset a test can push forward, so a "61 s" call need not take 61 s. */
final class TestClock extends Clock {
  private final AtomicLong offsetMs = new AtomicLong();

  void advance(Duration d) {
    offsetMs.addAndGet(d.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plusMillis(offsetMs.get());
  }
}
