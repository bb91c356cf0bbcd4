package org.telops.contracts.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallIdsTest {
  private static final String SID = "CA0123456789abcdef0123456789abcdef";

  @Test
  @DisplayName("The same carrier call always gets the same id, a name-based (version 3) UUID")
  void deterministic() {
    String id = CallIds.of("twilio", SID);
    assertThat(CallIds.of("twilio", SID)).isEqualTo(id);
    assertThat(UUID.fromString(id).version()).isEqualTo(3);
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
  }

  @Test
  @DisplayName("The carrier name is case- and whitespace-insensitive, so every module derives the same id")
  void carrierCaseInsensitive() {
    String id = CallIds.of("twilio", SID);
    assertThat(CallIds.of("Twilio", SID)).isEqualTo(id);
    assertThat(CallIds.of(" TWILIO ", " " + SID + " ")).isEqualTo(id);
  }

  @Test
  @DisplayName("The same carrier call id at two carriers, or two call ids at one carrier, give different ids")
  void differsPerCarrierAndCall() {
    assertThat(CallIds.of("twilio", "call-1")).isNotEqualTo(CallIds.of("telnyx", "call-1"));
    assertThat(CallIds.of("twilio", "call-1")).isNotEqualTo(CallIds.of("twilio", "call-2"));
    // Carrier call ids are case-sensitive tokens (Telnyx v3 ids are base64-like): they must not collide.
    assertThat(CallIds.of("telnyx", "v3:AbC")).isNotEqualTo(CallIds.of("telnyx", "v3:abc"));
  }

  @Test
  @DisplayName("A call id cannot be derived without both a carrier and a carrier call id")
  void needsBoth() {
    assertThatThrownBy(() -> CallIds.of("twilio", " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallIds.of(null, SID)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CallIds.of("", SID)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("Random ids for attempts the carrier never accepted are random (version 4) UUIDs")
  void randomIds() {
    String a = CallIds.random();
    assertThat(UUID.fromString(a).version()).isEqualTo(4);
    assertThat(CallIds.random()).isNotEqualTo(a);
  }
}
