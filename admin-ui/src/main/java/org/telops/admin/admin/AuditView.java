package org.telops.admin.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import org.telops.admin.components.Actions;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.contracts.auth.OperatorAddresses;

/** The append-only audit log (admin), newest first, filtered by time, actor and action. */
@Route(value = "admin/audit", layout = MainLayout.class)
@PageTitle("Audit log · telops")
@RolesAllowed("admin")
public class AuditView extends VerticalLayout {
  private final DateTimePicker from = new DateTimePicker("From");
  private final DateTimePicker to = new DateTimePicker("To");
  private final TextField actor = new TextField("Actor");
  private final TextField action = new TextField("Action");
  private final Grid<JsonObject> grid = new Grid<>();

  public AuditView() {
    setSizeFull();
    action.setPlaceholder("e.g. carrier.override");
    Button apply = new Button("Filter", e -> refresh());
    apply.setId("audit-filter");
    apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    FlexLayout filters = new FlexLayout(from, to, actor, action, apply);
    filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    filters.setAlignItems(Alignment.BASELINE);
    filters.getStyle().set("gap", "var(--lumo-space-s)");
    grid.setId("audit");
    grid.addColumn(e -> BrowserTime.format(AdminJson.instant(e, "at"))).setHeader("When").setAutoWidth(true);
    grid.addColumn(e -> e.getString("actor") + " (" + e.getString("role") + ", " + e.getString("actorKind") + ")").setHeader("Who").setAutoWidth(true);
    grid.addColumn(e -> e.getString("action")).setHeader("Action").setAutoWidth(true);
    grid.addColumn(e -> e.getString("target")).setHeader("Target").setAutoWidth(true);
    grid.addComponentColumn(e -> StateBadge.of(e.getString("outcome"))).setHeader("Outcome").setAutoWidth(true);
    grid.addColumn(e -> e.getString("reason")).setHeader("Reason").setFlexGrow(1);
    grid.addColumn(e -> e.getString("sourceAddress")).setHeader("From").setAutoWidth(true);
    grid.setEmptyStateText("No audit entry matches.");
    grid.setSizeFull();
    add(new H2("Audit log"), filters, grid);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
  }

  void refresh() {
    ZoneId z = BrowserTime.zone();
    JsonObject q = new JsonObject().put("limit", 500);
    if (from.getValue() != null) q.put("from", from.getValue().atZone(z).toInstant().toString());
    if (to.getValue() != null) q.put("to", to.getValue().atZone(z).toInstant().toString());
    if (!actor.getValue().isBlank()) q.put("actor", actor.getValue().trim());
    if (!action.getValue().isBlank()) q.put("action", action.getValue().trim());
    Actions.load(OperatorAddresses.AUDIT_QUERY, q, "the audit log", r -> grid.setItems(AdminJson.objects(r.getJsonArray("entries"))));
  }
}
