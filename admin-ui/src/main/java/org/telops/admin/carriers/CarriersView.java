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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Map<String, Tile> tiles = new LinkedHashMap<>();
  private Span empty;

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
    if (rows.isEmpty()) {
      if (empty == null) {
        cards.removeAll();
        tiles.clear();
        empty = new Span("No carrier reported yet: the carrier router publishes each carrier's state every few "
            + "seconds once the agent-runtime role is running.");
        cards.add(empty);
      }
    } else {
      if (empty != null) {
        cards.remove(empty);
        empty = null;
      }
      Set<String> seen = new HashSet<>();
      for (CarrierRow r : rows) {
        seen.add(r.name());
        tiles.computeIfAbsent(r.name(), n -> {
          Tile t = new Tile(n);
          cards.add(t);
          return t;
        }).show(r);
      }
      tiles.entrySet().removeIf(e -> {
        if (!seen.contains(e.getKey())) {
          cards.remove(e.getValue());
          return true;
        }
        return false;
      });
    }
    failovers.setItems(CarrierRow.failovers(50));
  }

  /**
   * One carrier's card, updated in place on every push: only the texts change, and the action buttons are rebuilt
   * only when the state they depend on changes — a click is never lost to a re-render.
   */
  private final class Tile extends Div {
    private final HorizontalLayout header = new HorizontalLayout();
    private final Span priority = new Span();
    private final Span circuit = new Span();
    private final Span inFlight = new Span();
    private final Span cpsQueue = new Span();
    private final Span errors = new Span();
    private final Span latency = new Span();
    private final Span connect = new Span();
    private final Span why = new Span();
    private final Div whyLine = line("Why", why);
    private final HorizontalLayout actions = new HorizontalLayout();
    private Span state;
    private String shownState;
    private String actionsFor;

    Tile(String name) {
      setId("carrier-" + name);
      addClassName("telops-card");
      getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
          .set("padding", "var(--lumo-space-m)").set("min-width", "280px").set("flex", "1 1 320px");
      header.add(new H3(name));
      add(header, line("Priority", priority), line("Circuit", circuit), line("Calls in flight", inFlight),
          line("CPS queue", cpsQueue), line("API errors", errors), line("API latency P95", latency),
          line("Connect success", connect), whyLine, actions);
    }

    void show(CarrierRow r) {
      if (!java.util.Objects.equals(shownState, r.state())) {
        Span badge = StateBadge.of(r.state());
        badge.setId("state-" + r.name());
        if (state == null) {
          header.add(badge);
        } else {
          header.replace(state, badge);
        }
        state = badge;
        shownState = r.state();
      }
      priority.setText(String.valueOf(r.priority()));
      circuit.setText(orDash(r.health() != null ? r.health().getString("circuit", r.circuit()) : r.circuit()));
      inFlight.setText(num(r.figure("inFlight"), ""));
      cpsQueue.setText(num(r.figure("cpsQueued"), ""));
      errors.setText(num(r.figure("errorRatePercent"), " %"));
      latency.setText(num(r.figure("apiLatencyP95Ms"), " ms"));
      connect.setText(num(r.figure("connectSuccessPercent"), " %"));
      boolean showWhy = r.reason() != null && !r.available();
      whyLine.setVisible(showWhy);
      why.setText(showWhy ? r.reason() + (r.changedBy() == null ? "" : " — " + r.changedBy() + ", "
          + BrowserTime.format(r.changedAt())) : "");
      String key = r.state() + "|" + r.available();
      if (CurrentUser.may(Role.ON_CALL) && !key.equals(actionsFor)) {
        actionsFor = key;
        actions.removeAll();
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
      }
    }
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

  private static Div line(String k, Span value) {
    Div d = new Div();
    Span key = new Span(k + ": ");
    key.getStyle().set("color", "var(--lumo-secondary-text-color)");
    d.add(key, value);
    return d;
  }

  private static String orDash(String v) {
    return v == null ? "—" : v;
  }

  private static String num(Number n, String unit) {
    return n == null ? "—" : (n.doubleValue() == Math.rint(n.doubleValue()) ? String.valueOf(n.longValue()) : String.valueOf(n)) + unit;
  }
}
