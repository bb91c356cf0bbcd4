package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Carrier API failures, sorted by what the router does about them")
class CarrierFailureTest {

  @Test
  @DisplayName("5xx and 401/403 count against the circuit and fail over; 429 fails over without counting; 400 does neither")
  void sorting() {
    CarrierFailure s503 = CarrierFailure.http("twilio", 503, "/Calls.json", "Service unavailable", 0);
    assertThat(s503.kind()).isEqualTo(CarrierFailure.Kind.SERVER_ERROR);
    assertThat(s503.countsAgainstCircuit()).isTrue();
    assertThat(s503.failsOver()).isTrue();
    assertThat(s503.shortForm()).isEqualTo("HTTP 503 from /Calls.json");
    assertThat(s503.getMessage()).isEqualTo("carrier twilio: HTTP 503 from /Calls.json: Service unavailable");
    CarrierFailure auth = CarrierFailure.http("telnyx", 401, "/v2/calls", null, 0);
    assertThat(auth.kind()).isEqualTo(CarrierFailure.Kind.AUTH);
    assertThat(auth.countsAgainstCircuit()).isTrue();
    CarrierFailure throttled = CarrierFailure.http("twilio", 429, "/Calls.json", null, 2_000);
    assertThat(throttled.kind()).isEqualTo(CarrierFailure.Kind.THROTTLED);
    assertThat(throttled.countsAgainstCircuit()).isFalse();
    assertThat(throttled.failsOver()).isTrue();
    assertThat(throttled.retryAfterMs()).isEqualTo(2_000);
    CarrierFailure bad = CarrierFailure.http("twilio", 400, "/Calls.json", "invalid To", 0);
    assertThat(bad.kind()).isEqualTo(CarrierFailure.Kind.REJECTED);
    assertThat(bad.countsAgainstCircuit()).isFalse();
    assertThat(bad.failsOver()).isFalse();
  }

  @Test
  @DisplayName("Transport failures and timeouts read as sentences naming the path")
  void transport() {
    CarrierFailure down = CarrierHttp.transport("twilio", "/Calls.json", new java.net.ConnectException("Connection refused"));
    assertThat(down.kind()).isEqualTo(CarrierFailure.Kind.DOWN);
    assertThat(down.shortForm()).isEqualTo("connection failed to /Calls.json (connection refused)");
    CarrierFailure slow = CarrierFailure.of(CarrierFailure.Kind.TIMEOUT, "twilio", "/Calls.json", "3000 ms");
    assertThat(slow.getMessage()).isEqualTo("carrier twilio: no answer from /Calls.json within 3000 ms");
    assertThat(slow.countsAgainstCircuit()).isTrue();
  }

  @Test
  @DisplayName("Retry-After is read in seconds, capped at a minute, 1 s when absent or unreadable")
  void retryAfter() {
    assertThat(CarrierHttp.retryAfterMs("2")).isEqualTo(2_000);
    assertThat(CarrierHttp.retryAfterMs("3600")).isEqualTo(60_000);
    assertThat(CarrierHttp.retryAfterMs(null)).isEqualTo(1_000);
    assertThat(CarrierHttp.retryAfterMs("Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(1_000);
  }
}
