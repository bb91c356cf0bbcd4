package org.telops.admin.incidents;

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
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import org.telops.admin.Services;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.Topic;

/** The incident board: one column per stack, in triage order, each card with its SLA countdown; then history. */
@Route(value = "incidents", layout = MainLayout.class)
@PageTitle("Incidents · telops")
@RolesAllowed("on-call")
public class IncidentBoardView extends VerticalLayout {
  private final FlexLayout board = new FlexLayout();
  private final Grid<IncidentRow> history = new Grid<>();

  public IncidentBoardView() {
    board.setWidthFull();
    board.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    board.getStyle().set("gap", "var(--lumo-space-m)");
    history.setId("incident-history");
    history.addComponentColumn(i -> new Anchor("incidents/" + i.id(), "#" + i.id())).setHeader("Incident").setAutoWidth(true);
    history.addColumn(IncidentRow::stack).setHeader("Stack").setAutoWidth(true);
    history.addColumn(IncidentRow::title).setHeader("Title").setFlexGrow(1);
    history.addColumn(i -> BrowserTime.format(i.openedAt())).setHeader("Opened").setAutoWidth(true);
    history.addColumn(i -> SlaClock.text(i, Instant.now())).setHeader("Time to resolve").setAutoWidth(true);
    history.addColumn(IncidentRow::resolvedBy).setHeader("Resolved by").setAutoWidth(true);
    history.setAllRowsVisible(true);
    history.setEmptyStateText("No incident resolved yet.");
    add(new H2("Incidents"), board, new H3("Recently resolved"), history);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refresh, Topic.INCIDENTS, Topic.TICK);
  }

  void refresh() {
    Instant now = Instant.now(Services.get().clock());
    List<IncidentRow> open = IncidentRow.active();
    board.removeAll();
    for (String stack : IncidentRow.STACKS) {
      Div column = new Div();
      column.setId("stack-" + stack);
      column.getStyle().set("flex", "1 1 220px").set("min-width", "220px").set("background", "var(--lumo-contrast-5pct)")
          .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-s)");
      List<IncidentRow> mine = open.stream().filter(i -> i.stack().equals(stack)).toList();
      H3 title = new H3(Character.toUpperCase(stack.charAt(0)) + stack.substring(1) + " (" + mine.size() + ")");
      column.add(title);
      if (mine.isEmpty()) {
        Span none = new Span("Nothing open.");
        none.getStyle().set("color", "var(--lumo-secondary-text-color)");
        column.add(none);
      }
      mine.forEach(i -> column.add(card(i, now)));
      board.add(column);
    }
    history.setItems(IncidentRow.recentResolved(20));
  }

  private static Div card(IncidentRow i, Instant now) {
    Div card = new Div();
    card.setId("incident-" + i.id());
    card.getStyle().set("background", "var(--lumo-base-color)").set("border-radius", "var(--lumo-border-radius-m)")
        .set("padding", "var(--lumo-space-s)").set("margin-bottom", "var(--lumo-space-s)")
        .set("box-shadow", "var(--lumo-box-shadow-xs)");
    Anchor link = new Anchor("incidents/" + i.id(), "#" + i.id() + " " + i.title());
    link.getStyle().set("font-weight", "600").set("overflow-wrap", "anywhere");
    Div where = new Div(new Span(String.join(" · ", java.util.stream.Stream.of(i.carrier(), i.region(), i.tenant())
        .filter(java.util.Objects::nonNull).toList())));
    where.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
    card.add(new Div(link), where, new Div(StateBadge.of(i.status()), new Span(" "), SlaClock.of(i, now)));
    return card;
  }
}
