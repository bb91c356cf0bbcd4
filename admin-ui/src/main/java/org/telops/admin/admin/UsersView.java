package org.telops.admin.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.telops.admin.components.Actions;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.layout.MainLayout;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.UserDirectory;

/** Users and roles (admin): add, change role, disable / enable, set a new password. */
@Route(value = "admin/users", layout = MainLayout.class)
@PageTitle("Users · telops")
@RolesAllowed("admin")
public class UsersView extends VerticalLayout {
  static final List<String> ROLES = List.of("on-call", "finance", "admin");
  private final Grid<JsonObject> grid = new Grid<>();

  public UsersView() {
    grid.setId("users");
    grid.addColumn(u -> u.getString("name")).setHeader("User").setAutoWidth(true);
    grid.addColumn(u -> u.getString("role")).setHeader("Role").setAutoWidth(true);
    grid.addColumn(u -> u.getBoolean("disabled", false) ? "disabled" : "active").setHeader("State").setAutoWidth(true);
    grid.addColumn(u -> BrowserTime.format(AdminJson.instant(u, "lastLoginAt"))).setHeader("Last sign-in").setAutoWidth(true);
    grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(1);
    grid.setAllRowsVisible(true);
    Button add = new Button("Add user", e -> addDialog().open());
    add.setId("add-user");
    add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    add(new H2("Users"), add, grid);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
  }

  void refresh() {
    Actions.load(OperatorAddresses.USER_LIST, new JsonObject(), "users",
        r -> grid.setItems(AdminJson.objects(r.getJsonArray("users"))));
  }

  private HorizontalLayout actions(JsonObject u) {
    String name = u.getString("name");
    Select<String> role = new Select<>();
    role.setItems(ROLES);
    role.setValue(u.getString("role"));
    role.setWidth("9em");
    role.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        update(new JsonObject().put("name", name).put("role", e.getValue()), "Role of " + name + " → " + e.getValue());
      }
    });
    boolean disabled = u.getBoolean("disabled", false);
    Button toggle = new Button(disabled ? "Enable" : "Disable",
        e -> update(new JsonObject().put("name", name).put("disabled", !disabled), (disabled ? "Enable " : "Disable ") + name));
    toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, disabled ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
    Button password = new Button("Set password", e -> passwordDialog(name).open());
    password.addThemeVariants(ButtonVariant.LUMO_SMALL);
    return new HorizontalLayout(role, toggle, password);
  }

  private void update(JsonObject body, String what) {
    Actions.run(OperatorAddresses.USER_UPDATE, body, what, done -> refresh());
  }

  private Dialog addDialog() {
    Dialog d = new Dialog();
    d.setHeaderTitle("Add a user");
    TextField name = new TextField("User name");
    name.setId("new-user-name");
    Select<String> role = new Select<>();
    role.setLabel("Role");
    role.setItems(ROLES);
    role.setValue("on-call");
    PasswordField password = new PasswordField("Password");
    password.setId("new-user-password");
    password.setHelperText("at least " + UserDirectory.MIN_PASSWORD_LENGTH + " characters; tell it to the user out of band");
    d.add(new FormLayout(name, role, password));
    Button save = new Button("Add", e -> Actions.run(OperatorAddresses.USER_ADD, new JsonObject().put("name", name.getValue().trim())
        .put("role", role.getValue()).put("password", password.getValue()), "Add user " + name.getValue().trim(), done -> {
          d.close();
          refresh();
        }));
    save.setId("save-user");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    d.getFooter().add(new Button("Cancel", e -> d.close()), save);
    return d;
  }

  private Dialog passwordDialog(String name) {
    Dialog d = new Dialog();
    d.setHeaderTitle("New password for " + name);
    PasswordField password = new PasswordField("Password");
    password.setHelperText("at least " + UserDirectory.MIN_PASSWORD_LENGTH + " characters");
    d.add(password);
    Button save = new Button("Set", e -> Actions.run(OperatorAddresses.USER_UPDATE,
        new JsonObject().put("name", name).put("password", password.getValue()), "Password of " + name, done -> d.close()));
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    d.getFooter().add(new Button("Cancel", e -> d.close()), save);
    return d;
  }
}
