package org.telops.admin;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.Theme;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * Server push for the whole console. WEBSOCKET_XHR: server → browser over a WebSocket, browser → server as plain
 * requests, so every action the operator takes is an ordinary HTTP request through the session.
 */
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
@Theme(themeClass = Lumo.class)
public class ConsoleShell implements AppShellConfigurator {
}
