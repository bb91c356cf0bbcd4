package org.telops.carriersim.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FaultBookTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T03:00:00Z"));
  private final Clock clock = new Clock() {
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    public Instant instant() {
      return now.get();
    }
  };

  private Fault fault(FaultBook book, String carrier, String region, FaultKind kind, Instant expires) {
    return new Fault(book.nextId(), carrier, region, kind, 503, 1, 1000, 0, "agent-to-caller", "agent", 100, expires);
  }

  @Test
  @DisplayName("A region-less fault applies to every region, a regional one only to its region")
  void regions() {
    FaultBook book = new FaultBook(clock);
    book.put(fault(book, "twilio", "eu-west", FaultKind.DOWN, null));
    assertThat(book.active("twilio", FaultKind.DOWN, "eu-west")).isPresent();
    assertThat(book.active("twilio", FaultKind.DOWN, "us-east")).isEmpty();
    assertThat(book.active("twilio", FaultKind.DOWN, null)).isEmpty();
    book.put(fault(book, "twilio", null, FaultKind.DOWN, null));
    assertThat(book.active("twilio", FaultKind.DOWN, "us-east")).isPresent();
    assertThat(book.active("telnyx", FaultKind.DOWN, "us-east")).isEmpty();
  }

  @Test
  @DisplayName("A fault with a duration switches itself off when it expires")
  void expiry() {
    FaultBook book = new FaultBook(clock);
    book.put(fault(book, "telnyx", null, FaultKind.HTTP_ERROR, now.get().plusSeconds(30)));
    assertThat(book.active("telnyx", FaultKind.HTTP_ERROR, null)).isPresent();
    now.set(now.get().plusSeconds(31));
    assertThat(book.active("telnyx", FaultKind.HTTP_ERROR, null)).isEmpty();
    assertThat(book.list()).isEmpty();
  }

  @Test
  @DisplayName("Putting the same carrier, kind and region again replaces the fault; clear and remove switch off")
  void replaceAndClear() {
    FaultBook book = new FaultBook(clock);
    Fault first = book.put(fault(book, "twilio", null, FaultKind.SLOW_API, null));
    Fault second = book.put(fault(book, "twilio", null, FaultKind.SLOW_API, null));
    assertThat(book.list()).containsExactly(second);
    book.put(fault(book, "telnyx", null, FaultKind.DOWN, null));
    assertThat(book.remove(first.id())).isFalse();
    assertThat(book.clear("twilio", null, null)).isEqualTo(1);
    assertThat(book.list()).hasSize(1);
    assertThat(book.clear(null, null, null)).isEqualTo(1);
  }

  @Test
  @DisplayName("Faults with impossible settings are refused naming the setting")
  void validation() {
    assertThatThrownBy(() -> new Fault("f", "twilio", null, FaultKind.HTTP_ERROR, 404, 1, 0, 0, null, null, 0, null))
        .hasMessageContaining("404");
    assertThatThrownBy(() -> new Fault("f", "vonage", null, FaultKind.DOWN, 0, 0, 0, 0, null, null, 0, null))
        .hasMessageContaining("vonage");
    assertThatThrownBy(() -> new Fault("f", "twilio", null, FaultKind.ONE_WAY_AUDIO, 0, 0, 0, 0, "sideways", null, 0, null))
        .hasMessageContaining("sideways");
    assertThatThrownBy(() -> FaultKind.parse("meteor")).hasMessageContaining("http-error");
    assertThat(FaultKind.parse("one-way-audio")).isEqualTo(FaultKind.ONE_WAY_AUDIO);
  }
}
