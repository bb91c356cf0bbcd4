package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.bus.Addresses;

/** A screen whose browser is away is not refreshed every tick; it catches up as soon as its browser is back. */
class LiveRefreshTest extends ConsoleTest {

  @BeforeEach
  void carriers() throws Exception {
    carriersAvailable();
  }

  @Test
  @DisplayName("While the browser is away the carriers screen is left as it was; once it is back the missed change shows within a tick, with no new change")
  void awayThenBack() throws Exception {
    signIn("oncall");
    UI ui = UI.getCurrent();
    ui.navigate("carriers");
    assertThat(state("telnyx")).isEqualTo("available");
    pushBrowser.connected = false;

    bed.vertx.eventBus().publish(Addresses.CARRIER_STATE, new JsonObject().put("carrier", "telnyx").put("circuit", "open")
        .put("mode", "normal").put("reason", "3 failures in a row (HTTP 503)").put("at", java.time.Instant.now().toString()));
    for (int i = 0; i < 10; i++) { // ten ticks of the bed's 100 ms feed
      Thread.sleep(100);
      push();
    }
    assertThat(bed.live.carrierHealth().get("telnyx").getString("circuit")).as("the feed has the change").isEqualTo("open");
    assertThat(state("telnyx")).as("no refresh for a browser that is not there").isEqualTo("available");

    pushBrowser.connected = true;
    awaitPush(() -> "circuit-open".equals(state("telnyx")));
  }

  private static String state(String carrier) {
    return _get(Span.class, s -> s.withId("state-" + carrier)).getText();
  }
}
