package org.telops.runtime.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outbound call requests")
class CallRequestTest {

  @Test
  @DisplayName("A request with E.164 numbers and a tenant is accepted; agent and region are optional")
  void valid() {
    CallRequest r = CallRequest.of(Map.of("to", "+14155550100", "from", "+15550100199", "tenant", "demo"), "api");
    assertThat(r.agent()).isNull();
    assertThat(r.region()).isNull();
    assertThat(TwilioCallApi.query(new CallRequest("+1", "+1", "de mo", "a&b", "eu-west", "api")))
        .isEqualTo("?tenant=de+mo&region=eu-west&agent=a%26b");
  }

  @Test
  @DisplayName("A bad number or a missing tenant is refused naming the field and what to write instead")
  void invalid() {
    Map<String, String> m = new HashMap<>(Map.of("to", "4155550100", "from", "+15550100199", "tenant", "demo"));
    assertThatThrownBy(() -> CallRequest.of(m, "api")).isInstanceOf(CallRequest.InvalidField.class)
        .hasMessage("to: '4155550100' is not an E.164 number: use + and 7 to 15 digits, e.g. +14155550100");
    m.put("to", "+14155550100");
    m.remove("tenant");
    assertThatThrownBy(() -> CallRequest.of(m, "api")).hasMessage("tenant: required");
    m.put("tenant", "demo");
    m.put("region", "eu west");
    assertThatThrownBy(() -> CallRequest.of(m, "api")).hasMessageStartingWith("region: 'eu west' is not a name");
  }
}
