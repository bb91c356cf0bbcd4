package org.telops.admin.carriers;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.telops.admin.components.Actions;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.components.ReasonDialog;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.Topic;
import org.telops.admin.security.CurrentUser;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.Role;

/** Carriers: state, circuit, health, CPS, calls in flight; force-open / drain / restore with a reason; failovers. */
@Route(value = "carriers", layout = MainLayout.class)
@PageTitle("Carriers · telops")
@RolesAllowed("on-call")
public class CarriersView extends VerticalLayout {
  private final FlexLayout cards = new FlexLayout();
  private final Grid<CarrierRow.FailoverEvent> failovers = new Grid<>();

  public CarriersView() {
    cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    cards.getStyle().set("gap", "var(--lumo-space-m)");
    cards.setWidthFull();
    failovers.setId("failovers");
    failovers.addColumn(e -> BrowserTime.format(e.at())).setHeader("When").setAutoWidth(true);
    failovers.addColumn(e -> e.from() + " → " + e.to()).setHeader("From → to").setAutoWidth(true);
    failovers.addColumn(CarrierRow.FailoverEvent::trigger).setHeader("Trigger").setAutoWidth(true);
    failovers.addColumn(e -> e.detectionMs() == null ? "—" : e.detectionMs() + " ms").setHeader("Detected in").setAutoWidth(true);
    failovers.addColumn(CarrierRow.FailoverEvent::reason).setHeader("Reason").setFlexGrow(1);
    failovers.setAllRowsVisible(true);
    failovers.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
    failovers.setEmptyStateText("No failover yet: one is recorded each time calls move from one carrier to another.");
    add(new H2("Carriers"), cards, new H3("Failover history"), failovers);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refresh, Topic.CARRIERS);
  }

  void refresh() {
    List<CarrierRow> rows = CarrierRow.load();
    cards.removeAll();
    if (rows.isEmpty()) {
      cards.add(new Span("No carrier reported yet: the carrier router publishes each carrier's state every few "
          + "seconds once the agent-runtime role is running."));
    }
    rows.forEach(r -> cards.add(card(r)));
    failovers.setItems(CarrierRow.failovers(50));
  }

  private Div card(CarrierRow r) {
    Div card = new Div();
    card.setId("carrier-" + r.name());
    card.addClassName("telops-card");
    card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
        .set("padding", "var(--lumo-space-m)").set("min-width", "280px").set("flex", "1 1 320px");
    H3 title = new H3(r.name());
    Span state = StateBadge.of(r.state());
    state.setId("state-" + r.name());
    card.add(new HorizontalLayout(title, state));
    card.add(line("Priority", String.valueOf(r.priority())));
    card.add(line("Circuit", r.health() != null ? r.health().getString("circuit", r.circuit()) : r.circuit()));
    card.add(line("Calls in flight", num(r.figure("inFlight"), "")));
    card.add(line("CPS queue", num(r.figure("cpsQueued"), "")));
    card.add(line("API errors", num(r.figure("errorRatePercent"), " %")));
    card.add(line("API latency P95", num(r.figure("apiLatencyP95Ms"), " ms")));
    card.add(line("Connect success", num(r.figure("connectSuccessPercent"), " %")));
    if (r.reason() != null && !r.available()) {
      card.add(line("Why", r.reason() + (r.changedBy() == null ? "" : " — " + r.changedBy() + ", " + BrowserTime.format(r.changedAt()))));
    }
    if (CurrentUser.may(Role.ON_CALL)) {
      HorizontalLayout actions = new HorizontalLayout();
      if (!"forced-open".equals(r.state())) {
        actions.add(action(r, "force-open", "Force open", "New calls stop going to " + r.name()
            + " at once and fail over to the next carrier; calls in progress carry on.", true));
      }
      if (!"draining".equals(r.state()) && !"forced-open".equals(r.state())) {
        actions.add(action(r, "drain", "Drain", "No new calls go to " + r.name() + "; calls in progress end normally.", false));
      }
      if (!r.available()) {
        actions.add(action(r, "restore", "Restore", r.name() + " takes new calls again (its circuit closes on the next success).", false));
      }
      card.add(actions);
    }
    return card;
  }

  private Button action(CarrierRow r, String action, String label, String consequence, boolean danger) {
    Button b = new Button(label, e -> new ReasonDialog(label + " " + r.name() + "?", consequence, label, danger,
        reason -> Actions.run(OperatorAddresses.CARRIER_OVERRIDE,
            new JsonObject().put("carrier", r.name()).put("action", action).put("reason", reason),
            label + " " + r.name(), done -> refresh())).open());
    b.setId(action + "-" + r.name());
    if (danger) {
      b.addThemeVariants(ButtonVariant.LUMO_ERROR);
    }
    return b;
  }

  private static Div line(String k, String v) {
    Div d = new Div();
    Span key = new Span(k + ": ");
    key.getStyle().set("color", "var(--lumo-secondary-text-color)");
    d.add(key, new Span(v == null ? "—" : v));
    return d;
  }

  private static String num(Number n, String unit) {
    return n == null ? "—" : (n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.longValue()) : String.valueOf(n)) + unit;
  }
}
