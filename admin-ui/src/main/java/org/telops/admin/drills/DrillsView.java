package org.telops.admin.drills;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.telops.admin.Services;
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

/** Failover drills: definitions and next run, run now / abort, a running drill's live timeline, verdicts, history. */
@Route(value = "drills", layout = MainLayout.class)
@PageTitle("Drills · telops")
@RolesAllowed("on-call")
public class DrillsView extends VerticalLayout {
  private final Grid<DrillReads.Drill> drills = new Grid<>();
  private final Div running = new Div();
  private final Grid<DrillReads.Run> history = new Grid<>();

  public DrillsView() {
    drills.setId("drills");
    drills.addColumn(DrillReads.Drill::name).setHeader("Drill").setAutoWidth(true);
    drills.addColumn(d -> d.targetCarrier() + ": " + d.fault() + " for " + d.durationSeconds() + " s").setHeader("Breaks").setAutoWidth(true);
    drills.addColumn(d -> d.schedule() == null ? "on demand" : d.schedule() + (d.window() == null ? "" : " in " + d.window())).setHeader("Schedule").setAutoWidth(true);
    drills.addColumn(d -> d.nextRunAt() == null ? (d.enabled() ? "—" : "disabled") : BrowserTime.format(d.nextRunAt())).setHeader("Next run").setAutoWidth(true);
    drills.addColumn(DrillReads.Drill::criteria).setHeader("Pass criteria").setFlexGrow(1);
    if (CurrentUser.may(Role.ON_CALL)) {
      drills.addComponentColumn(d -> {
        Button run = new Button("Run now", e -> new ReasonDialog("Run drill " + d.name() + " now?",
            "This breaks " + d.targetCarrier() + " (" + d.fault() + ") for " + d.durationSeconds()
                + " s on this platform and places test calls; real calls fail over as in an outage.", "Run now", true,
            reason -> Actions.run(OperatorAddresses.DRILL_RUN, new JsonObject().put("id", String.valueOf(d.id())).put("reason", reason),
                "Drill " + d.name(), done -> refresh())).open());
        run.setId("run-" + d.id());
        run.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return run;
      }).setHeader("").setKey("run").setAutoWidth(true);
    }
    drills.setAllRowsVisible(true);
    drills.setEmptyStateText("No drill defined. An admin defines one here or with POST /api/v1/drills.");
    history.setId("drill-history");
    history.addColumn(r -> "#" + r.runId()).setHeader("Run").setAutoWidth(true);
    history.addColumn(DrillReads.Run::drillName).setHeader("Drill").setAutoWidth(true);
    history.addComponentColumn(r -> StateBadge.of(r.status())).setHeader("Verdict").setAutoWidth(true);
    history.addColumn(r -> BrowserTime.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
    history.addColumn(r -> BrowserTime.duration(r.endedAt() == null ? null : Duration.between(r.startedAt(), r.endedAt()))).setHeader("Took").setAutoWidth(true);
    history.addColumn(DrillReads.Run::triggeredBy).setHeader("By").setAutoWidth(true);
    history.addColumn(r -> r.verdict() == null ? "" : r.verdict().getString("summary", "")).setHeader("Summary").setFlexGrow(1);
    history.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(DrillsView::timeline));
    history.setAllRowsVisible(true);
    history.setEmptyStateText("No drill has run yet.");
    VerticalLayout top = new VerticalLayout(new H2("Drills"), drills);
    top.setPadding(false);
    if (CurrentUser.may(Role.ADMIN)) {
      Button define = new Button("Define a drill", e -> new DrillForm(this::refresh).open());
      define.setId("define-drill");
      top.add(define);
    }
    add(top, new H3("Running now"), running, new H3("History (click a run for its timeline)"), history);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refreshRunning, Topic.CARRIERS, Topic.TICK);
  }

  void refresh() {
    drills.setItems(DrillReads.drills(Instant.now(Services.get().clock())));
    refreshRunning();
  }

  void refreshRunning() {
    List<DrillReads.Run> runs = DrillReads.runs(30);
    history.setItems(runs);
    running.removeAll();
    List<DrillReads.Run> now = runs.stream().filter(r -> "running".equals(r.status())).toList();
    if (now.isEmpty()) {
      running.add(new Paragraph("No drill is running."));
    }
    for (DrillReads.Run r : now) {
      Div box = new Div();
      box.setId("running-" + r.runId());
      HorizontalLayout head = new HorizontalLayout(new Span("#" + r.runId() + " " + r.drillName() + " since "
          + BrowserTime.format(r.startedAt()) + " by " + r.triggeredBy()));
      if (CurrentUser.may(Role.ON_CALL)) {
        Button abort = new Button("Abort", e -> new ReasonDialog("Abort drill run #" + r.runId() + "?",
            "The injected fault is removed now and the run is recorded as aborted.", "Abort", true,
            reason -> Actions.run(OperatorAddresses.DRILL_ABORT, new JsonObject().put("id", String.valueOf(r.drillId())).put("reason", reason),
                "Abort drill " + r.drillName(), done -> refreshRunning())).open());
        abort.setId("abort-" + r.runId());
        abort.addThemeVariants(ButtonVariant.LUMO_ERROR);
        head.add(abort);
      }
      box.add(head, timeline(r));
      running.add(box);
    }
  }

  static Grid<JsonObject> timeline(DrillReads.Run r) {
    Grid<JsonObject> g = new Grid<>();
    g.addColumn(e -> BrowserTime.format(parse(e.getString("at")))).setHeader("When").setAutoWidth(true);
    g.addColumn(e -> e.getString("event")).setHeader("Step").setAutoWidth(true);
    g.addColumn(e -> e.getString("detail")).setHeader("Detail").setFlexGrow(1);
    g.setItems(r.timeline().stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList());
    g.setAllRowsVisible(true);
    g.setEmptyStateText("No step recorded yet.");
    return g;
  }

  private static Instant parse(String s) {
    try {
      return s == null ? null : Instant.parse(s);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
