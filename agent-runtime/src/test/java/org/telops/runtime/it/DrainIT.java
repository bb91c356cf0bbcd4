package org.telops.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.telops.runtime.it.RuntimeHarness.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallOutcome;
import org.telops.signatures.twilio.TwilioSignatures;

/** Graceful drain: readiness goes down, new calls are refused, calls in flight finish (or are closed at the timeout). */
class DrainIT {

  static Map<String, String> signed(int port) {
    String wsUrl = "ws://127.0.0.1:" + port + "/media/twilio";
    return Map.of(TwilioSignatures.HEADER, TwilioSignatures.sign(RuntimeHarness.TWILIO_TOKEN, wsUrl, Map.of()));
  }

  @Test
  @DisplayName("While draining, readiness is KO and new calls are refused; the drain completes when the last call ends")
  void drainWaitsForCalls() throws Exception {
    Vertx carrier = Vertx.vertx();
    try (RuntimeHarness rt = RuntimeHarness.start(Map.of("TELOPS_DRAIN_TIMEOUT_SECONDS", "30", "TELOPS_WS_PING_SECONDS", "1"))) {
      CarrierStream call = CarrierStream.connect(carrier, rt.port, "/media/twilio", signed(rt.port), CarrierStream.Dialect.TWILIO, 1);
      call.start("CAdrain1", Map.of(), null);
      await("call in flight", Duration.ofSeconds(5), () -> rt.module.callsInFlight() == 1);
      assertThat(rt.ready()).isTrue();
      Future<Void> drained = rt.module.stop();
      await("readiness KO", Duration.ofSeconds(5), () -> {
        try {
          return !rt.ready();
        } catch (Exception e) {
          return false;
        }
      });
      Throwable refused = catchThrowable(() -> CarrierStream.connect(carrier, rt.port, "/media/twilio", signed(rt.port),
          CarrierStream.Dialect.TWILIO, 1));
      assertThat(refused).hasMessageContaining("503");
      // The idle stream is kept alive with pings while it waits.
      Thread.sleep(1_500);
      assertThat(drained.isComplete()).as("still waiting for the call").isFalse();
      assertThat(call.isClosed()).isFalse();
      call.stop();
      await("drained", Duration.ofSeconds(5), drained::isComplete);
      assertThat(rt.cdrs).extracting(c -> c.outcome()).containsExactly(CallOutcome.COMPLETED);
      call.close();
    } finally {
      carrier.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  @Test
  @DisplayName("A call still running at the drain timeout is closed with a reason and its CDR sent")
  void drainTimeoutClosesCalls() throws Exception {
    Vertx carrier = Vertx.vertx();
    try (RuntimeHarness rt = RuntimeHarness.start(Map.of("TELOPS_DRAIN_TIMEOUT_SECONDS", "1"))) {
      CarrierStream call = CarrierStream.connect(carrier, rt.port, "/media/twilio", signed(rt.port), CarrierStream.Dialect.TWILIO, 1);
      call.start("CAdrain2", Map.of(), null);
      await("call in flight", Duration.ofSeconds(5), () -> rt.module.callsInFlight() == 1);
      rt.module.stop().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      await("socket closed", Duration.ofSeconds(5), call::isClosed);
      assertThat(call.closed.get()).startsWith("1001").contains("drain timeout");
      await("CDR", Duration.ofSeconds(5), () -> !rt.cdrs.isEmpty());
      assertThat(rt.cdrs.get(0).outcome()).isEqualTo(CallOutcome.DROPPED);
      assertThat(rt.cdrs.get(0).hangupCause()).contains("drain timeout");
    } finally {
      carrier.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
