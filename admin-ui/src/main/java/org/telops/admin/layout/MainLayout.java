package org.telops.admin.layout;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.telops.admin.security.CurrentUser;
import org.telops.admin.security.SignIn;
import org.telops.contracts.auth.Actor;
import org.telops.contracts.auth.Role;

/** The frame of every screen: navigation (only what the role may open), who is signed in, theme, sign-out. */
public class MainLayout extends AppLayout {

  public MainLayout() {
    Actor me = CurrentUser.require();
    boolean dark = ThemeChoice.isDark(me.name());
    ThemeChoice.apply(UI.getCurrent(), dark);

    Span brand = new Span("telops");
    brand.addClassNames(LumoUtility.FontWeight.BOLD, LumoUtility.FontSize.LARGE);
    Span who = new Span(me.name() + " · " + me.role().wireName());
    who.setId("signed-in-as");
    who.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
    Button theme = new Button(dark ? "Light" : "Dark", VaadinIcon.ADJUST.create());
    theme.setId("theme-toggle");
    theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    theme.addClickListener(e -> {
      boolean nowDark = !ThemeChoice.isDark(me.name());
      ThemeChoice.remember(me.name(), nowDark);
      ThemeChoice.apply(UI.getCurrent(), nowDark);
      theme.setText(nowDark ? "Light" : "Dark");
    });
    Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> {
      SignIn.signOut();
      UI.getCurrent().getPage().setLocation("login");
    });
    signOut.setId("sign-out");
    signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), brand, who, theme, signOut);
    bar.setWidthFull();
    bar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
    bar.expand(who);
    bar.addClassNames(LumoUtility.Padding.End.MEDIUM);
    addToNavbar(bar);
    addToDrawer(nav(me));
    setPrimarySection(Section.DRAWER);
  }

  static SideNav nav(Actor me) {
    SideNav nav = new SideNav();
    nav.addItem(new SideNavItem("Now", "", VaadinIcon.DASHBOARD.create()));
    if (me.role().allows(Role.ON_CALL)) {
      nav.addItem(new SideNavItem("Live calls", "calls/live", VaadinIcon.PHONE.create()));
    }
    nav.addItem(new SideNavItem("Calls", "calls", VaadinIcon.SEARCH.create()));
    if (me.role().allows(Role.ON_CALL)) {
      nav.addItem(new SideNavItem("Carriers", "carriers", VaadinIcon.CONNECT.create()));
      nav.addItem(new SideNavItem("Regions", "regions", VaadinIcon.GLOBE.create()));
      nav.addItem(new SideNavItem("Incidents", "incidents", VaadinIcon.WARNING.create()));
      nav.addItem(new SideNavItem("Drills", "drills", VaadinIcon.FLASK.create()));
    }
    if (me.role().allows(Role.FINANCE)) {
      nav.addItem(new SideNavItem("Billing", "billing", VaadinIcon.INVOICE.create()));
    }
    if (me.role().allows(Role.ADMIN)) {
      SideNavItem admin = new SideNavItem("Admin");
      admin.addItem(new SideNavItem("Users", "admin/users", VaadinIcon.USERS.create()));
      admin.addItem(new SideNavItem("Tokens", "admin/tokens", VaadinIcon.KEY.create()));
      admin.addItem(new SideNavItem("Audit log", "admin/audit", VaadinIcon.RECORDS.create()));
      admin.setExpanded(true);
      nav.addItem(admin);
    }
    return nav;
  }
}
