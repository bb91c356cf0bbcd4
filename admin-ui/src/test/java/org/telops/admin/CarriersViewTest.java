package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.bus.Addresses;

class CarriersViewTest extends ConsoleTest {

  @BeforeEach
  void carriers() throws Exception {
    carriersAvailable();
    bed.answer(OperatorAddresses.CARRIER_OVERRIDE, body -> new JsonObject().put("message", "ok"));
  }

  @Test
  @DisplayName("Force open needs a reason, then goes to the bus as the signed-in on-call engineer")
  void forceOpenWithReason() throws Exception {
    signIn("oncall");
    UI.getCurrent().navigate("carriers");
    assertThat(state("twilio")).isEqualTo("available");
    _click(_get(Button.class, s -> s.withId("force-open-twilio")));
    Button confirm = _get(Button.class, s -> s.withId("confirm"));
    assertThat(confirm.isEnabled()).as("no reason typed").isFalse();
    _setValue(_get(TextArea.class, s -> s.withId("reason")), "carrier status page: degraded media");
    assertThat(confirm.isEnabled()).isTrue();
    _click(confirm);
    ConsoleBed.Sent sent = bed.awaitSent(OperatorAddresses.CARRIER_OVERRIDE);
    assertThat(sent.actor().name()).isEqualTo("oncall");
    assertThat(sent.body().getString("carrier")).isEqualTo("twilio");
    assertThat(sent.body().getString("action")).isEqualTo("force-open");
    assertThat(sent.body().getString("reason")).isEqualTo("carrier status page: degraded media");
  }

  @Test
  @DisplayName("A state change published on the bus reaches an open carriers screen without a reload")
  void liveStateChange() throws Exception {
    signIn("oncall");
    UI.getCurrent().navigate("carriers");
    assertThat(state("telnyx")).isEqualTo("available");
    bed.vertx.eventBus().publish(Addresses.CARRIER_STATE, new JsonObject().put("carrier", "telnyx").put("circuit", "open")
        .put("mode", "normal").put("reason", "3 failures in a row (HTTP 503)").put("at", java.time.Instant.now().toString()));
    awaitPush(() -> "circuit-open".equals(state("telnyx")));
  }

  @Test
  @DisplayName("A pushed update changes the cards in place: a button the engineer is about to click stays the same one")
  void updatesInPlace() throws Exception {
    signIn("oncall");
    UI.getCurrent().navigate("carriers");
    Button twilioForceOpen = _get(Button.class, s -> s.withId("force-open-twilio"));
    bed.vertx.eventBus().publish(Addresses.CARRIER_STATE, new JsonObject().put("carrier", "telnyx").put("circuit", "open")
        .put("mode", "normal").put("reason", "3 failures in a row (HTTP 503)").put("at", java.time.Instant.now().toString()));
    awaitPush(() -> "circuit-open".equals(state("telnyx")));
    assertThat(_get(Button.class, s -> s.withId("force-open-twilio"))).as("twilio's card was not rebuilt").isSameAs(twilioForceOpen);
    assertThat(twilioForceOpen.isAttached()).isTrue();
    _get(Button.class, s -> s.withId("restore-telnyx"));
    assertThat(_get(com.vaadin.flow.component.html.Div.class, s -> s.withId("carrier-telnyx")).getElement().getTextRecursively())
        .as("the reason is shown once the carrier is out").contains("3 failures in a row");
  }

  @Test
  @DisplayName("An admin sees the same actions; nobody gets a restore button for an available carrier")
  void noRestoreWhenAvailable() throws Exception {
    signIn("admin");
    UI.getCurrent().navigate("carriers");
    _get(Button.class, s -> s.withId("force-open-telnyx"));
    _assertNone(Button.class, s -> s.withId("restore-telnyx"));
  }

  private static String state(String carrier) {
    return _get(Span.class, s -> s.withId("state-" + carrier)).getText();
  }
}
