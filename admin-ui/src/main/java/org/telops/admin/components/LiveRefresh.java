package org.telops.admin.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.PushConnection;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.telops.admin.Services;
import org.telops.admin.live.Topic;

/**
 * Keeps a screen current by server push: while the component is attached, a change on one of its topics runs
 * {@code refresh} in the UI (at most once per live-feed tick), and the browser gets it without a reload.
 *
 * <p>A screen whose browser is not connected (a laptop asleep, a dropped network, a page still loading) is not
 * refreshed: the work and the changes queued for a browser that is not there would be spent each second until the
 * session ends. The refresh it missed is owed, and runs at the first tick after its browser is back, whether or not
 * its topics changed again — so a reconnected screen is current within one tick.
 */
public final class LiveRefresh {
  private LiveRefresh() {}

  public static void on(Component component, Runnable refresh, Topic first, Topic... more) {
    Set<Topic> topics = EnumSet.of(first, more);
    component.addAttachListener(attach -> {
      UI ui = attach.getUI();
      AtomicBoolean owed = new AtomicBoolean();
      Runnable remove = Services.get().live().listen(changed -> {
        boolean relevant = changed.stream().anyMatch(topics::contains);
        if (!relevant && !owed.get()) {
          return;
        }
        // The push connection's state is read under the session's lock (inside access), where connecting and
        // disconnecting change it; skipping the refresh is what saves the work.
        ui.access(() -> {
          if (!browserConnected(ui)) {
            owed.set(true);
            return;
          }
          owed.set(false);
          try {
            refresh.run();
          } catch (RuntimeException e) {
            Notices.error("Live update failed", e.getMessage());
          }
        });
      });
      component.addDetachListener(detach -> {
        remove.run();
        detach.unregisterListener();
      });
    });
  }

  /**
   * Whether the UI's browser can receive a push now. A UI without a push connection (push off) is refreshed as
   * before: its changes go with the browser's next request.
   */
  static boolean browserConnected(UI ui) {
    PushConnection push = ui.getInternals().getPushConnection();
    return push == null || push.isConnected();
  }
}
