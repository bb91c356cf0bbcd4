package org.telops.admin.calls;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.telops.admin.Services;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.LiveCall;
import org.telops.admin.live.Topic;

/** Calls in progress, from the bus: carrier, region, engine, duration, last 10 s MOS / jitter / loss. */
@Route(value = "calls/live", layout = MainLayout.class)
@PageTitle("Live calls · telops")
@RolesAllowed("on-call")
public class LiveCallsView extends VerticalLayout {
  private final Grid<LiveCall> grid = new Grid<>();
  private final Span count = new Span();
  private final List<LiveCall> items = new ArrayList<>();
  private final ListDataProvider<LiveCall> provider = new ListDataProvider<>(items);
  private int shown = -1;

  public LiveCallsView() {
    setSizeFull();
    grid.setId("live-calls");
    grid.addColumn(LiveCall::callId).setHeader("Call").setAutoWidth(true);
    grid.addColumn(LiveCall::carrier).setHeader("Carrier").setAutoWidth(true);
    grid.addColumn(LiveCall::region).setHeader("Region").setAutoWidth(true);
    grid.addColumn(LiveCall::state).setHeader("State").setAutoWidth(true);
    grid.addColumn(c -> c.engine() == null ? "—" : c.engine()).setHeader("Engine").setAutoWidth(true);
    grid.addColumn(c -> BrowserTime.duration(Duration.between(c.startedAt(), Instant.now()))).setHeader("Duration").setAutoWidth(true);
    grid.addColumn(c -> c.mos() == null ? "—" : String.format("%.2f", c.mos())).setHeader("MOS").setAutoWidth(true);
    grid.addColumn(c -> c.jitterMs() == null ? "—" : String.format("%.1f ms", c.jitterMs())).setHeader("Jitter").setAutoWidth(true);
    grid.addColumn(c -> c.lossPercent() == null ? "—" : String.format("%.1f %%", c.lossPercent())).setHeader("Loss").setAutoWidth(true);
    grid.setEmptyStateText("No call in progress. Calls appear here when the carrier's webhook reaches the agent runtime.");
    grid.setSizeFull();
    grid.setItems(provider);
    add(new H2("Live calls"), count, grid);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refresh, Topic.CALLS, Topic.TICK);
  }

  /**
   * One data provider for the view's life: a refresh sends the browser only the rows in its viewport and keeps its
   * scroll position; with no call before and after, nothing is sent at all.
   */
  void refresh() {
    List<LiveCall> calls = Services.get().live().calls();
    if (calls.isEmpty() && shown == 0) {
      return;
    }
    if (calls.size() != shown) {
      count.setText(calls.size() + " call(s) in progress in this process's view of the bus; quality figures are the last 10 s sample.");
      shown = calls.size();
    }
    items.clear();
    items.addAll(calls);
    provider.refreshAll();
  }
}
