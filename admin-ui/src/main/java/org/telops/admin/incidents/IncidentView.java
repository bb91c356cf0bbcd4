package org.telops.admin.incidents;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import org.telops.admin.Services;
import org.telops.admin.components.Actions;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.Topic;
import org.telops.admin.security.CurrentUser;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.auth.Role;

/** One incident: SLA clock, evidence with example calls, acknowledge / resolve with a note, timeline. */
@Route(value = "incidents/:id", layout = MainLayout.class)
@PageTitle("Incident · telops")
@RolesAllowed("on-call")
public class IncidentView extends VerticalLayout implements BeforeEnterObserver {
  private final Div header = new Div();
  private final VerticalLayout evidence = new VerticalLayout();
  private final Grid<IncidentRow.Event> timeline = new Grid<>();
  private final TextArea note = new TextArea("Note (goes on the timeline and in the audit log)");
  private final HorizontalLayout actions = new HorizontalLayout();
  private long id = -1;

  public IncidentView() {
    note.setId("note");
    note.setWidth("min(640px, 100%)");
    note.setMaxLength(2000);
    timeline.setId("incident-timeline");
    timeline.addColumn(e -> BrowserTime.format(e.at())).setHeader("When").setAutoWidth(true);
    timeline.addColumn(IncidentRow.Event::kind).setHeader("What").setAutoWidth(true);
    timeline.addColumn(IncidentRow.Event::actor).setHeader("Who").setAutoWidth(true);
    timeline.addColumn(IncidentRow.Event::detail).setHeader("Detail").setFlexGrow(1);
    timeline.setAllRowsVisible(true);
    evidence.setPadding(false);
    add(header, new H3("Evidence"), evidence, new H3("Act"), note, actions, new H3("Timeline"), timeline);
    LiveRefresh.on(this, this::refresh, Topic.INCIDENTS, Topic.TICK);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    try {
      id = Long.parseLong(event.getRouteParameters().get("id").orElse(""));
    } catch (NumberFormatException e) {
      id = -1;
    }
    BrowserTime.init(event.getUI(), this::refresh);
  }

  void refresh() {
    IncidentRow i = id < 0 ? null : IncidentRow.find(id);
    header.removeAll();
    evidence.removeAll();
    actions.removeAll();
    if (i == null) {
      header.add(new H2("No incident #" + (id < 0 ? "?" : id)), new Paragraph("It may have been mistyped; the board lists every open incident."),
          new Anchor("incidents", "Back to the incident board"));
      timeline.setItems();
      return;
    }
    Instant now = Instant.now(Services.get().clock());
    H2 title = new H2("#" + i.id() + " " + i.title());
    title.getStyle().set("overflow-wrap", "anywhere");
    header.add(title, new Div(StateBadge.of(i.status()), new Span("  " + i.stack() + " · "
        + (i.carrier() == null ? "all carriers" : i.carrier()) + " · " + (i.region() == null ? "all regions" : i.region())
        + " · opened " + BrowserTime.format(i.openedAt()) + " " + BrowserTime.zoneLabel() + "  "), SlaClock.of(i, now)));
    if (i.acknowledgedBy() != null) {
      header.add(new Paragraph("Acknowledged by " + i.acknowledgedBy() + " at " + BrowserTime.format(i.acknowledgedAt())));
    }
    var alerts = IncidentRow.alerts(i.id());
    if (alerts.isEmpty()) {
      evidence.add(new Span("No alert is attached (it was opened by hand or its alerts were purged by retention)."));
    }
    for (IncidentRow.Alert a : alerts) {
      Div d = new Div();
      d.add(new Div(StateBadge.of(a.status()), new Span(" " + a.rule() + ": " + (a.summary() == null ? "" : a.summary()))));
      if (a.triage() != null) {
        d.add(new Div(new Span("Triage: " + a.triage())));
      }
      Div calls = new Div(new Span(a.callIds().isEmpty() ? "No example call." : "Example calls: "));
      a.callIds().stream().limit(10).forEach(c -> {
        Anchor link = new Anchor("calls/" + c, c);
        link.getStyle().set("margin-right", "var(--lumo-space-s)");
        calls.add(link);
      });
      d.add(calls);
      evidence.add(d);
    }
    if (i.open() && CurrentUser.may(Role.ON_CALL)) {
      if (i.acknowledgedAt() == null) {
        Button ack = new Button("Acknowledge", e -> act(OperatorAddresses.INCIDENT_ACKNOWLEDGE, "Acknowledge #" + i.id()));
        ack.setId("acknowledge");
        ack.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        actions.add(ack);
      }
      Button resolve = new Button("Resolve", e -> act(OperatorAddresses.INCIDENT_RESOLVE, "Resolve #" + i.id()));
      resolve.setId("resolve");
      resolve.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
      actions.add(resolve);
    } else if (!i.open()) {
      actions.add(new Span("Resolved by " + i.resolvedBy() + " at " + BrowserTime.format(i.resolvedAt()) + "."));
    }
    timeline.setItems(IncidentRow.timeline(i.id()));
  }

  private void act(String address, String what) {
    JsonObject body = new JsonObject().put("id", id);
    if (!note.getValue().isBlank()) {
      body.put("note", note.getValue().trim());
    }
    Actions.run(address, body, what, done -> {
      note.clear();
      Services.get().live().mark(Topic.INCIDENTS);
      refresh();
    });
  }
}
