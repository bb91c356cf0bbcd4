package org.telops.admin.home;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.util.List;
import org.telops.admin.Db;
import org.telops.admin.Services;
import org.telops.admin.carriers.CarrierRow;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.components.StateBadge;
import org.telops.admin.incidents.IncidentRow;
import org.telops.admin.incidents.SlaClock;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.Topic;

/** What is wrong now: carriers, regions, open incidents with SLA clocks, calls in flight, the last hour by region. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Now · telops")
@PermitAll
public class HomeView extends VerticalLayout {
  private final FlexLayout tiles = new FlexLayout();
  private final Grid<LastHour> lastHour = new Grid<>();

  public HomeView() {
    tiles.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    tiles.getStyle().set("gap", "var(--lumo-space-m)");
    tiles.setWidthFull();
    lastHour.setId("last-hour");
    lastHour.addColumn(LastHour::region).setHeader("Region").setAutoWidth(true);
    lastHour.addColumn(LastHour::calls).setHeader("Calls").setAutoWidth(true);
    lastHour.addColumn(h -> h.successPercent() == null ? "—" : String.format("%.1f %%", h.successPercent())).setHeader("Success").setAutoWidth(true);
    lastHour.addColumn(h -> h.mos() == null ? "—" : String.format("%.2f", h.mos())).setHeader("Mean MOS").setAutoWidth(true);
    lastHour.addColumn(h -> h.turnP95Ms() == null ? "—" : String.format("%.0f ms", h.turnP95Ms())).setHeader("Turn P95 (target 800 ms)").setAutoWidth(true);
    lastHour.setAllRowsVisible(true);
    lastHour.setEmptyStateText("No call ended in the last hour.");
    add(new H2("Now"), tiles, new H3("Last hour by region"), lastHour);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refresh, Topic.CARRIERS, Topic.REGIONS, Topic.INCIDENTS, Topic.CALLS);
  }

  void refresh() {
    Instant now = Instant.now(Services.get().clock());
    tiles.removeAll();
    tiles.add(carriers(), regions(), incidents(now), inFlight());
    lastHour.setItems(LastHour.byRegion(now));
  }

  private Component carriers() {
    Div t = tile("tile-carriers", "Carriers", "carriers");
    List<CarrierRow> rows = CarrierRow.load();
    if (rows.isEmpty()) {
      t.add(muted("No carrier reported yet (the agent runtime publishes every few seconds)."));
    }
    rows.forEach(r -> t.add(new Div(new Span(r.name() + " "), StateBadge.of(r.state()))));
    return t;
  }

  private Component regions() {
    Div t = tile("tile-regions", "Regions", "regions");
    record Region(String region, String status, String reason) {}
    List<Region> rs = Db.list("SELECT region, status, last_reason FROM region_health ORDER BY region",
        r -> new Region(r.getString(1), r.getString(2), r.getString(3)));
    if (rs.isEmpty()) {
      t.add(muted("No probe yet: the first runs 30 s after start."));
    }
    rs.forEach(r -> t.add(new Div(new Span(r.region() + " "), StateBadge.of(r.status()),
        new Span(r.reason() == null || "healthy".equals(r.status()) ? "" : " " + r.reason()))));
    return t;
  }

  private Component incidents(Instant now) {
    Div t = tile("tile-incidents", "Open incidents", "incidents");
    List<IncidentRow> open = IncidentRow.active();
    if (open.isEmpty()) {
      t.add(muted("None open."));
    }
    open.stream().limit(8).forEach(i -> t.add(new Div(new Anchor("incidents/" + i.id(), "#" + i.id() + " " + i.stack() + ": " + i.title()),
        new Span(" "), SlaClock.of(i, now))));
    if (open.size() > 8) {
      t.add(new Anchor("incidents", "and " + (open.size() - 8) + " more"));
    }
    return t;
  }

  private Component inFlight() {
    Div t = tile("tile-calls", "Calls in flight", "calls/live");
    int n = Services.get().live().calls().size();
    Span big = new Span(String.valueOf(n));
    big.setId("calls-in-flight");
    big.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "700");
    t.add(new Div(big));
    return t;
  }

  private static Div tile(String id, String title, String link) {
    Div d = new Div();
    d.setId(id);
    d.getStyle().set("flex", "1 1 260px").set("min-width", "240px").set("border", "1px solid var(--lumo-contrast-20pct)")
        .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-m)");
    H3 h = new H3();
    h.add(new Anchor(link, title));
    d.add(h);
    return d;
  }

  private static Span muted(String s) {
    Span x = new Span(s);
    x.getStyle().set("color", "var(--lumo-secondary-text-color)");
    return x;
  }
}
