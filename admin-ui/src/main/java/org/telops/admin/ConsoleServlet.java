package org.telops.admin;

import com.vaadin.flow.server.VaadinServlet;
import jakarta.servlet.annotation.WebInitParam;
import jakarta.servlet.annotation.WebServlet;

/**
 * The console's servlet. closeIdleSessions: push heartbeats do not keep a session alive, so an unattended browser is
 * signed out after TELOPS_ADMIN_SESSION_TIMEOUT_MINUTES like any other.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true, initParams = {
    @WebInitParam(name = "closeIdleSessions", value = "true"),
    @WebInitParam(name = "productionMode", value = "true")})
public class ConsoleServlet extends VaadinServlet {
}
