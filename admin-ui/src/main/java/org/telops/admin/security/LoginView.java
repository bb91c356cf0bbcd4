package org.telops.admin.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import org.telops.admin.AdminUiModule;

/** Sign-in with the platform's users (bcrypt, throttled after 5 failures); back to the page asked for. */
@Route("login")
@PageTitle("Sign in · telops")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
  private final LoginForm form = new LoginForm();

  public LoginView() {
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    LoginI18n i18n = LoginI18n.createDefault();
    i18n.getForm().setTitle("telops console");
    i18n.getForm().setUsername("User name");
    i18n.setAdditionalInformation("First start on the embedded database printed the admin password once; "
        + "TELOPS_ADMIN_PASSWORD sets it while no admin exists. Lost it? telops users add NAME --role admin");
    form.setI18n(i18n);
    form.setForgotPasswordButtonVisible(false);
    form.addLoginListener(e -> {
      SignIn.Result r = SignIn.attempt(e.getUsername(), e.getPassword(), AdminUiModule.sessionTimeout());
      if (r.ok()) {
        Object target = VaadinSession.getCurrent().getSession() == null ? null
            : VaadinSession.getCurrent().getSession().getAttribute(NavigationAccessControl.SESSION_STORED_REDIRECT);
        UI.getCurrent().navigate(target instanceof String s && !s.isBlank() && !s.startsWith("login") ? s : "");
      } else {
        LoginI18n.ErrorMessage err = new LoginI18n.ErrorMessage();
        err.setTitle("Not signed in");
        err.setMessage(r.message());
        i18n.setErrorMessage(err);
        form.setI18n(i18n);
        form.setError(true);
      }
    });
    add(new H1("telops"), new Paragraph("Operations console for voice-agent telephony"), form);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (CurrentUser.get().isPresent()) {
      event.forwardTo("");
    }
  }
}
