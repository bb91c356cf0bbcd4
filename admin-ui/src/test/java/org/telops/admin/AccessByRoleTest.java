package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.sidenav.SideNavItem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.admin.admin.UsersView;
import org.telops.admin.billing.BillingView;
import org.telops.admin.calls.CallSearchView;
import org.telops.admin.carriers.CarriersView;
import org.telops.admin.home.HomeView;
import org.telops.admin.incidents.IncidentBoardView;
import org.telops.admin.security.CurrentUser;
import org.telops.admin.security.LoginView;

class AccessByRoleTest extends ConsoleTest {

  @Test
  @DisplayName("Without signing in, any page shows the login form instead")
  void anonymousGoesToLogin() {
    UI.getCurrent().navigate("carriers");
    _assertOne(LoginView.class);
    _assertNone(CarriersView.class);
  }

  @Test
  @DisplayName("A wrong password keeps the operator on the login form with an error, and the attempt is audited")
  void wrongPassword() throws Exception {
    UI.getCurrent().navigate("login");
    LoginForm form = _get(LoginForm.class);
    LoginFormKt._login(form, "oncall", "not-the-password-at-all");
    assertThat(form.isError()).isTrue();
    assertThat(CurrentUser.get()).isEmpty();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'ui.login' AND actor = 'oncall' AND outcome = 'failed'")).isPositive();
  }

  @Test
  @DisplayName("On-call sees the operational screens but not billing or admin, and is refused admin pages by URL")
  void onCall() {
    signIn("oncall");
    _assertOne(HomeView.class);
    assertThat(navLabels()).contains("Carriers", "Incidents", "Drills", "Calls", "Live calls").doesNotContain("Billing", "Users");
    UI.getCurrent().navigate("carriers");
    _assertOne(CarriersView.class);
    refused("admin/users");
    _assertNone(UsersView.class);
    refused("billing");
    _assertNone(BillingView.class);
  }

  @Test
  @DisplayName("Finance sees calls and billing, and neither carriers nor incidents, even by URL")
  void finance() {
    signIn("finance");
    assertThat(navLabels()).contains("Calls", "Billing").doesNotContain("Carriers", "Incidents", "Live calls", "Drills");
    UI.getCurrent().navigate("calls");
    _assertOne(CallSearchView.class);
    refused("carriers");
    _assertNone(CarriersView.class);
    refused("incidents");
    _assertNone(IncidentBoardView.class);
  }

  @Test
  @DisplayName("Admin sees every screen; signing out ends the session and is audited")
  void adminAndSignOut() throws Exception {
    signIn("admin");
    assertThat(navLabels()).contains("Users", "Tokens", "Audit log", "Billing", "Carriers");
    UI.getCurrent().navigate("admin/users");
    _assertOne(UsersView.class);
    long before = count("SELECT count(*) FROM audit_log WHERE action = 'ui.logout' AND actor = 'admin'");
    _click(_get(Button.class, spec -> spec.withId("sign-out")));
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'ui.logout' AND actor = 'admin'")).isEqualTo(before + 1);
  }

  /** In production Flow answers "access denied" (a 404-like page, nothing of the view built); Karibu throws it. */
  private static void refused(String route) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> UI.getCurrent().navigate(route))
        .isInstanceOf(com.github.mvysny.kaributesting.v10.MockAccessDeniedException.class);
  }

  private static List<String> navLabels() {
    return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
  }

  private static long count(String sql) throws Exception {
    try (Connection c = bed.ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
