package org.telops.admin.calls;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import org.telops.admin.Services;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.LiveCall;
import org.telops.admin.live.Topic;

/**
 * Calls in progress, from the bus: carrier, region, engine, duration, last 10 s MOS / jitter / loss. The duration is
 * counted in the browser ({@code <telops-elapsed>}), so a second going by costs no push; a refresh sends the rows that
 * changed (a state, a sample) among those the browser holds, and the whole viewport only when calls start or end.
 */
@Route(value = "calls/live", layout = MainLayout.class)
@com.vaadin.flow.component.dependency.JsModule("./telops-elapsed.js")
@PageTitle("Live calls · telops")
@RolesAllowed("on-call")
public class LiveCallsView extends VerticalLayout {
  private final Grid<LiveCall> grid = new Grid<>();
  private final Span count = new Span();
  private final List<LiveCall> items = new ArrayList<>();
  private final ListDataProvider<LiveCall> provider = new ListDataProvider<>(items) {
    @Override
    public Object getId(LiveCall call) {
      return call.callId(); // a call's new sample replaces its row, not adds one
    }
  };
  private int shown = -1;

  public LiveCallsView() {
    setSizeFull();
    grid.setId("live-calls");
    grid.addColumn(LiveCall::callId).setHeader("Call").setAutoWidth(true);
    grid.addColumn(LiveCall::carrier).setHeader("Carrier").setAutoWidth(true);
    grid.addColumn(LiveCall::region).setHeader("Region").setAutoWidth(true);
    grid.addColumn(LiveCall::state).setHeader("State").setAutoWidth(true);
    grid.addColumn(c -> c.engine() == null ? "—" : c.engine()).setHeader("Engine").setAutoWidth(true);
    grid.addColumn(LitRenderer.<LiveCall>of("<telops-elapsed .since=${item.since}></telops-elapsed>")
        .withProperty("since", c -> c.startedAt().toEpochMilli())).setHeader("Duration").setKey("duration").setWidth("7.5em").setFlexGrow(0);
    grid.addColumn(c -> c.mos() == null ? "—" : String.format("%.2f", c.mos())).setHeader("MOS").setAutoWidth(true);
    // Units in the headers: a column's auto width is measured on its first rows, often "—" before the first sample.
    grid.addColumn(c -> c.jitterMs() == null ? "—" : String.format("%.1f", c.jitterMs())).setHeader("Jitter ms").setAutoWidth(true);
    grid.addColumn(c -> c.lossPercent() == null ? "—" : String.format("%.1f", c.lossPercent())).setHeader("Loss %").setAutoWidth(true);
    grid.setEmptyStateText("No call in progress. Calls appear here when the carrier's webhook reaches the agent runtime.");
    grid.setSizeFull();
    grid.setItems(provider);
    add(new H2("Live calls"), count, grid);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    // The browser's clocks count from the server's: told once per page.
    addAttachListener(e -> e.getUI().getPage().executeJs("window.telopsClockSkew = $0 - Date.now()", (double) System.currentTimeMillis()));
    LiveRefresh.on(this, this::refresh, Topic.CALLS);
  }

  /**
   * One data provider for the view's life. The same calls in the same order: only the rows that changed are sent
   * (and only those in the browser's viewport). Calls started or ended: the viewport is sent again, and the scroll
   * position kept. With no call before and after, nothing is sent at all.
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
    boolean sameCalls = calls.size() == items.size();
    for (int i = 0; sameCalls && i < calls.size(); i++) {
      sameCalls = calls.get(i).callId().equals(items.get(i).callId());
    }
    if (!sameCalls) {
      items.clear();
      items.addAll(calls);
      provider.refreshAll();
      return;
    }
    var sent = grid.getDataCommunicator().getKeyMapper();
    for (int i = 0; i < calls.size(); i++) {
      if (!calls.get(i).equals(items.get(i))) {
        items.set(i, calls.get(i));
        // Only rows the browser holds: refreshItem would send any row, in or out of its viewport (500 calls' samples
        // were 12 KB a second per screen); a row scrolled to later is fetched with its current figures.
        if (sent.has(calls.get(i))) {
          provider.refreshItem(calls.get(i));
        }
      }
    }
  }
}
