package org.telops.admin.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/** Puts view access control on every UI before its first navigation. */
public class ConsoleInit implements VaadinServiceInitListener {
  @Override
  public void serviceInit(ServiceInitEvent event) {
    ConsoleAccessControl access = new ConsoleAccessControl();
    event.getSource().addUIInitListener(e -> {
      e.getUI().addBeforeEnterListener(access);
    });
  }
}
