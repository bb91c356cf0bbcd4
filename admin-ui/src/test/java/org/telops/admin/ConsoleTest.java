package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.telops.admin.security.CurrentUser;

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
    bed.sent.clear();
  }

  @AfterEach
  void close() {
    MockVaadin.tearDown();
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
