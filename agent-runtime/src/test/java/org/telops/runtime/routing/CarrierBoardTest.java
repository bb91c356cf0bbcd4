package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The carrier board: which carriers may take a new call, and why not")
class CarrierBoardTest {
  private final Instant now = Instant.parse("2026-11-22T03:00:00Z");
  private final CarrierBoard board = new CarrierBoard(List.of("twilio", "telnyx"), Map.of(), now);

  @Test
  @DisplayName("With both healthy, new calls try the primary first, then the secondary")
  void order() {
    assertThat(board.plan(null, now).carriers()).containsExactly("twilio", "telnyx");
  }

  @Test
  @DisplayName("An open circuit is skipped and the operator sentence names the count, the last error and where calls go")
  void openMessage() {
    board.setCircuit("twilio", CarrierBoard.Circuit.OPEN, 3, "HTTP 503 from /Calls.json", now);
    assertThat(board.plan(null, now).carriers()).containsExactly("telnyx");
    assertThat(board.openedMessage("twilio", now)).isEqualTo(
        "carrier twilio: circuit OPEN after 3 failures (last: HTTP 503 from /Calls.json); new calls go to telnyx");
    board.setCircuit("twilio", CarrierBoard.Circuit.HALF_OPEN, 3, null, now);
    assertThat(board.plan(null, now).carriers()).containsExactly("twilio", "telnyx");
    board.setCircuit("twilio", CarrierBoard.Circuit.OPEN, 4, "HTTP 500 from /Calls.json", now);
    assertThat(board.status("twilio").reason())
        .isEqualTo("circuit OPEN again: the half-open trial call failed (last: HTTP 500 from /Calls.json)");
    board.setCircuit("twilio", CarrierBoard.Circuit.HALF_OPEN, 4, null, now);
    board.setCircuit("twilio", CarrierBoard.Circuit.CLOSED, 0, null, now);
    assertThat(board.status("twilio").failures()).isZero();
  }

  @Test
  @DisplayName("Forced open and draining carriers are skipped with who and why; restore brings them back closed")
  void modes() {
    board.setMode("twilio", CarrierBoard.Mode.FORCED_OPEN, "alice", "carrier incident #12", now);
    board.setMode("telnyx", CarrierBoard.Mode.DRAINING, "bob", "maintenance", now);
    CarrierBoard.Plan plan = board.plan(null, now);
    assertThat(plan.carriers()).isEmpty();
    assertThat(plan.skipped()).containsEntry("twilio", "forced open by alice (carrier incident #12)")
        .containsEntry("telnyx", "draining by bob (maintenance)");
    assertThat(CarrierBoard.noCarrierMessage(plan, "us-east")).startsWith(
        "no carrier can take a new call in region us-east: twilio forced open by alice (carrier incident #12); telnyx "
            + "draining by bob (maintenance) — restore a carrier");
    board.setMode("twilio", CarrierBoard.Mode.NORMAL, "alice", "fixed", now);
    assertThat(board.status("twilio").circuit()).isEqualTo(CarrierBoard.Circuit.CLOSED);
    assertThat(board.plan(null, now).carriers()).containsExactly("twilio");
  }

  @Test
  @DisplayName("A region the prober removed is skipped for that region only, per carrier or for all")
  void regions() {
    board.removeRegion("twilio", "eu-west", "3 probes failed");
    assertThat(board.plan("eu-west", now).carriers()).containsExactly("telnyx");
    assertThat(board.plan("eu-west", now).skipped().get("twilio")).isEqualTo("region eu-west removed (3 probes failed)");
    assertThat(board.plan("us-east", now).carriers()).containsExactly("twilio", "telnyx");
    assertThat(board.plan(null, now).carriers()).containsExactly("twilio", "telnyx");
    board.removeRegion(null, "us-east", "region down");
    assertThat(board.plan("us-east", now).carriers()).isEmpty();
    board.restoreRegion("twilio", "eu-west");
    board.restoreRegion(null, "us-east");
    assertThat(board.plan("eu-west", now).carriers()).containsExactly("twilio", "telnyx");
    assertThat(board.plan("us-east", now).carriers()).containsExactly("twilio", "telnyx");
  }

  @Test
  @DisplayName("A 429 backs the carrier off until its Retry-After, without opening the circuit")
  void throttle() {
    board.throttle("twilio", now.plusMillis(800));
    assertThat(board.plan(null, now).carriers()).containsExactly("telnyx");
    assertThat(board.unavailableReason("twilio", null, now)).isEqualTo("throttled by the carrier (HTTP 429) for 800 ms more");
    assertThat(board.status("twilio").circuit()).isEqualTo(CarrierBoard.Circuit.CLOSED);
    assertThat(board.plan(null, now.plusMillis(800)).carriers()).containsExactly("twilio", "telnyx");
  }

  @Test
  @DisplayName("A carrier without credentials is never tried, and an unknown name is refused with the known ones")
  void unconfigured() {
    CarrierBoard b = new CarrierBoard(List.of("twilio", "telnyx"), Map.of("telnyx", "TELOPS_TELNYX_API_KEY is not set"), now);
    assertThat(b.plan(null, now).skipped().get("telnyx")).isEqualTo("not configured (TELOPS_TELNYX_API_KEY is not set)");
    assertThatThrownBy(() -> b.status("vonage")).hasMessage("unknown carrier 'vonage': this router has twilio, telnyx");
  }
}
