package org.telops.admin.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import org.telops.admin.components.Actions;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.ReasonDialog;
import org.telops.admin.layout.MainLayout;
import org.telops.contracts.auth.OperatorAddresses;

/** API tokens (admin): create (the secret is shown once, here), list with last use, revoke. */
@Route(value = "admin/tokens", layout = MainLayout.class)
@PageTitle("Tokens · telops")
@RolesAllowed("admin")
public class TokensView extends VerticalLayout {
  private final Grid<JsonObject> grid = new Grid<>();

  public TokensView() {
    grid.setId("tokens");
    grid.addColumn(t -> t.getString("name")).setHeader("Token").setAutoWidth(true);
    grid.addColumn(t -> t.getString("role")).setHeader("Role").setAutoWidth(true);
    grid.addColumn(t -> t.getString("createdBy")).setHeader("Created by").setAutoWidth(true);
    grid.addColumn(t -> BrowserTime.format(AdminJson.instant(t, "createdAt"))).setHeader("Created").setAutoWidth(true);
    grid.addColumn(t -> t.getString("expiresAt") == null ? "never" : BrowserTime.format(AdminJson.instant(t, "expiresAt"))).setHeader("Expires").setAutoWidth(true);
    grid.addColumn(t -> t.getString("lastUsedAt") == null ? "never" : BrowserTime.format(AdminJson.instant(t, "lastUsedAt"))).setHeader("Last used").setAutoWidth(true);
    grid.addComponentColumn(t -> {
      Button revoke = new Button("Revoke", e -> new ReasonDialog("Revoke token " + t.getString("name") + "?",
          "Scripts using it get 401 from now on.", "Revoke", true,
          reason -> Actions.run(OperatorAddresses.TOKEN_REVOKE, new JsonObject().put("name", t.getString("name")).put("reason", reason),
              "Revoke " + t.getString("name"), done -> refresh())).open());
      revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
      return revoke;
    }).setHeader("").setFlexGrow(1);
    grid.setAllRowsVisible(true);
    grid.setEmptyStateText("No API token. Scripts, Grafana and CI each get their own, so one can be revoked alone.");
    Button create = new Button("Create token", e -> createDialog().open());
    create.setId("create-token");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(new H2("API tokens"), create, grid);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
  }

  void refresh() {
    Actions.load(OperatorAddresses.TOKEN_LIST, new JsonObject(), "tokens", r -> grid.setItems(AdminJson.objects(r.getJsonArray("tokens"))));
  }

  private Dialog createDialog() {
    Dialog d = new Dialog();
    d.setHeaderTitle("Create an API token");
    TextField name = new TextField("Name");
    name.setId("token-name");
    name.setPlaceholder("e.g. grafana, ci-drills");
    Select<String> role = new Select<>();
    role.setLabel("Role");
    role.setItems(UsersView.ROLES);
    role.setValue("on-call");
    IntegerField days = new IntegerField("Expires in days (empty = never)");
    d.add(new FormLayout(name, role, days));
    Button save = new Button("Create", e -> {
      JsonObject body = new JsonObject().put("name", name.getValue().trim()).put("role", role.getValue());
      if (days.getValue() != null) {
        body.put("expiresInDays", days.getValue());
      }
      Actions.run(OperatorAddresses.TOKEN_CREATE, body, "Create token " + name.getValue().trim(), done -> {
        d.close();
        shown(done.getString("token")).open();
        refresh();
      });
    });
    save.setId("save-token");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    d.getFooter().add(new Button("Cancel", e -> d.close()), save);
    return d;
  }

  private static Dialog shown(String secret) {
    Dialog d = new Dialog();
    d.setHeaderTitle("Copy the token now");
    TextArea t = new TextArea();
    t.setId("token-secret");
    t.setValue(secret == null ? "" : secret);
    t.setReadOnly(true);
    t.setWidth("min(520px, 90vw)");
    d.add(new Paragraph("It is stored only as a hash and will not be shown again. Use it as: Authorization: Bearer <token>"), t);
    d.getFooter().add(new Button("Done", e -> d.close()));
    return d;
  }
}
