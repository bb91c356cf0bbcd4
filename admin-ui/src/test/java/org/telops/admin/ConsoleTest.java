package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.telops.admin.security.CurrentUser;
import org.telops.contracts.bus.Addresses;

/** Base of the browserless UI tests (Karibu-Testing): a fresh mock browser session per test on the shared bed. */
abstract class ConsoleTest {
  private static Routes routes;
  static ConsoleBed bed;

  @BeforeAll
  static void bed() throws Exception {
    bed = ConsoleBed.get();
    if (routes == null) {
      routes = new Routes().autoDiscoverViews("org.telops.admin");
    }
  }

  @BeforeEach
  void browser() {
    MockVaadin.setup(routes, UI::new);
    // The mock UI has a push connection with no browser on it; the console skips screens whose browser is away
    // (LiveRefresh), so each test's browser is connected unless the test says otherwise.
    pushBrowser = new PushBrowser();
    pushBrowser.connected = true;
    UI.getCurrent().getInternals().setPushConnection(pushBrowser);
    bed.sent.clear();
  }

  /** The test's browser end of server push: connected or away, as the test says. */
  static PushBrowser pushBrowser;

  static final class PushBrowser implements com.vaadin.flow.server.communication.PushConnection {
    volatile boolean connected;

    @Override
    public void push() {
      // MockVaadin.runUIQueue stands for the delivery
    }

    @Override
    public void disconnect() {
      connected = false;
    }

    @Override
    public boolean isConnected() {
      return connected;
    }
  }

  @AfterEach
  void close() {
    MockVaadin.tearDown();
  }

  /** Both carriers in the database and the live feed, available: earlier tests on the shared bed may have changed them. */
  static void carriersAvailable() throws Exception {
    bed.sql("INSERT INTO carrier_state (carrier, priority) VALUES ('twilio', 1), ('telnyx', 2) ON CONFLICT (carrier) DO UPDATE "
        + "SET mode = 'normal', circuit = 'closed', reason = NULL");
    for (String c : new String[] {"twilio", "telnyx"}) {
      bed.vertx.eventBus().publish(Addresses.CARRIER_STATE, new JsonObject().put("carrier", c).put("circuit", "closed")
          .put("mode", "normal").put("at", java.time.Instant.now().toString()));
    }
    for (int i = 0; i < 100 && !bed.live.carrierHealth().values().stream().allMatch(h -> "closed".equals(h.getString("circuit"))); i++) {
      Thread.sleep(10);
    }
  }

  /** Signs in through the login form, as a person would. */
  static void signIn(String user) {
    UI.getCurrent().navigate("login");
    LoginFormKt._login(_get(LoginForm.class), user, ConsoleBed.PASSWORD);
    if (CurrentUser.get().isEmpty()) {
      throw new AssertionError(user + " could not sign in");
    }
  }

  /** Runs what server push would deliver: tasks queued by {@code ui.access} from other threads. */
  static void push() {
    MockVaadin.runUIQueue();
  }

  /** Waits up to 4 s for the live feed to tick and the UI queue to hold the refresh, then runs it. */
  static void awaitPush(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 80; i++) {
      push();
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the screen did not update within 4 s");
  }
}
