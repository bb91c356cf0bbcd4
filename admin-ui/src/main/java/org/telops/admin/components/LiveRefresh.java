package org.telops.admin.components;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.EnumSet;
import java.util.Set;
import org.telops.admin.Services;
import org.telops.admin.live.Topic;

/**
 * Keeps a screen current by server push: while the component is attached, a change on one of its topics runs
 * {@code refresh} in the UI (at most once per live-feed tick), and the browser gets it without a reload.
 */
public final class LiveRefresh {
  private LiveRefresh() {}

  public static void on(Component component, Runnable refresh, Topic first, Topic... more) {
    Set<Topic> topics = EnumSet.of(first, more);
    component.addAttachListener(attach -> {
      UI ui = attach.getUI();
      Runnable remove = Services.get().live().listen(changed -> {
        if (changed.stream().anyMatch(topics::contains)) {
          ui.access(() -> {
            try {
              refresh.run();
            } catch (RuntimeException e) {
              Notices.error("Live update failed", e.getMessage());
            }
          });
        }
      });
      component.addDetachListener(detach -> {
        remove.run();
        detach.unregisterListener();
      });
    });
  }
}
