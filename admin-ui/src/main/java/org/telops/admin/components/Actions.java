package org.telops.admin.components;

import com.vaadin.flow.component.UI;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.telops.admin.Services;
import org.telops.admin.security.CurrentUser;

/** Runs an operator action on the bus as the signed-in user and reports the outcome in the page. */
public final class Actions {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Actions.class);
  private Actions() {}

  /** A read served on the bus (users, tokens, audit): no toast on success, the error named on failure. */
  public static void load(String address, JsonObject body, String what, Consumer<JsonObject> then) {
    UI ui = UI.getCurrent();
    Services.get().act(address, CurrentUser.require(), body).onComplete(ar -> inPage(ui, () -> {
      if (ar.succeeded()) {
        then.accept(ar.result());
      } else {
        Notices.error("Could not load " + what, Notices.describe(ar.cause()));
      }
    }));
  }

  public static void run(String address, JsonObject body, String what, Consumer<JsonObject> after) {
    UI ui = UI.getCurrent();
    org.telops.contracts.auth.Actor who = CurrentUser.require();
    long t0 = System.nanoTime();
    Services.get().act(address, who, body).onComplete(ar -> {
      log.info("console: {} by {}: {} in {} ms", what, who.name(), ar.succeeded() ? "ok" : "refused (" + ar.cause().getMessage() + ")",
          (System.nanoTime() - t0) / 1_000_000);
      inPage(ui, () -> {
        if (ar.succeeded()) {
          Notices.ok(what + ": done");
          if (after != null) {
            after.accept(ar.result());
          }
        } else {
          Notices.error(what + " was refused", Notices.describe(ar.cause()));
        }
      });
    });
  }

  /**
   * Shows an outcome in the page it came from. The engineer may have closed or left that page before the answer
   * came: the action still happened (the log line above and the audit record say so), there is just no page to tell.
   */
  private static void inPage(UI ui, com.vaadin.flow.server.Command command) {
    try {
      ui.access(command);
    } catch (com.vaadin.flow.component.UIDetachedException e) {
      log.debug("the page closed before its answer came");
    }
  }
}
