package org.telops.admin.security;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import java.security.Principal;
import java.util.function.Predicate;

/**
 * Flow's view access control ({@code @RolesAllowed}, {@code @PermitAll}, {@code @AnonymousAllowed}) with the
 * operator read from the Vaadin session instead of the servlet container's realm: the platform's users table is
 * the one realm, and the same check runs on every navigation whatever the transport. {@code admin} passes every
 * role check, as in the REST API.
 */
public class ConsoleAccessControl extends NavigationAccessControl {

  public ConsoleAccessControl() {
    setLoginView(LoginView.class);
  }

  @Override
  protected Principal getPrincipal(VaadinRequest request) {
    return CurrentUser.principal(VaadinSession.getCurrent());
  }

  @Override
  protected Predicate<String> getRolesChecker(VaadinRequest request) {
    VaadinSession session = VaadinSession.getCurrent();
    return role -> CurrentUser.hasRole(session, role);
  }
}
