package org.telops.admin.regions;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.telops.admin.Services;
import org.telops.admin.chart.LineChart;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.LiveRefresh;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.live.Topic;

/** Region health from the synthetic prober: state, round-trip percentiles over 6 h, failure reasons, latest probes. */
@Route(value = "regions", layout = MainLayout.class)
@PageTitle("Regions · telops")
@RolesAllowed("on-call")
public class RegionsView extends VerticalLayout {
  private final Grid<RegionReads.Health> health = new Grid<>();
  private final LineChart chart = new LineChart();
  private final Paragraph chartEmpty = new Paragraph("No round trip measured in the last 6 h: the prober calls every 30 s once it runs.");
  private final Grid<RegionReads.Reason> reasons = new Grid<>();
  private final Grid<RegionReads.Probe> probes = new Grid<>();

  public RegionsView() {
    health.setId("region-health");
    health.addColumn(RegionReads.Health::region).setHeader("Region").setAutoWidth(true);
    health.addComponentColumn(h -> StateBadge.of(h.status())).setHeader("State").setAutoWidth(true);
    health.addColumn(h -> h.carrier() == null ? "all" : h.carrier()).setHeader("Carrier").setAutoWidth(true);
    health.addColumn(RegionReads.Health::failures).setHeader("Failures in a row").setAutoWidth(true);
    health.addColumn(RegionReads.Health::reason).setHeader("Last reason").setFlexGrow(1);
    health.addColumn(h -> BrowserTime.format(h.changedAt())).setHeader("Since").setAutoWidth(true);
    health.setAllRowsVisible(true);
    health.setEmptyStateText("No probe yet: the first runs 30 s after start.");
    chart.setId("round-trip-chart");
    reasons.addColumn(RegionReads.Reason::region).setHeader("Region").setAutoWidth(true);
    reasons.addColumn(RegionReads.Reason::reason).setHeader("Failure").setFlexGrow(1);
    reasons.addColumn(RegionReads.Reason::count).setHeader("Probes").setAutoWidth(true);
    reasons.setAllRowsVisible(true);
    reasons.setEmptyStateText("No failed probe in 24 h.");
    probes.setId("latest-probes");
    probes.addColumn(p -> BrowserTime.format(p.at())).setHeader("When").setAutoWidth(true);
    probes.addColumn(RegionReads.Probe::region).setHeader("Region").setAutoWidth(true);
    probes.addColumn(RegionReads.Probe::carrier).setHeader("Carrier").setAutoWidth(true);
    probes.addComponentColumn(p -> StateBadge.of(p.outcome())).setHeader("Outcome").setAutoWidth(true);
    probes.addColumn(p -> p.reason() == null ? "" : p.reason()).setHeader("Reason").setAutoWidth(true);
    probes.addColumn(p -> p.roundTripMs() == null ? "—" : p.roundTripMs() + " ms").setHeader("Round trip").setAutoWidth(true);
    probes.addColumn(p -> p.mos() == null ? "—" : String.format("%.2f", p.mos())).setHeader("MOS").setAutoWidth(true);
    probes.addColumn(p -> p.wer() == null ? "—" : String.format("%.0f %%", 100 * p.wer())).setHeader("WER")
        .setTooltipGenerator(p -> p.phrase() == null ? "no phrase spoken"
            : "said \"" + p.phrase() + "\", the agent heard " + (p.heard() == null ? "nothing back" : "\"" + p.heard() + "\""))
        .setAutoWidth(true);
    probes.addComponentColumn(p -> p.callId() == null ? new com.vaadin.flow.component.html.Span("—")
        : new Anchor("calls/" + p.callId(), "call")).setHeader("Call").setAutoWidth(true);
    probes.setAllRowsVisible(true);
    probes.setEmptyStateText("No probe yet: the first runs 30 s after start.");
    add(new H2("Regions"), health, new H3("Round trip P50 / P95 / P99, last 6 h (15 min buckets)"), chart, chartEmpty,
        new H3("Failure reasons, last 24 h"), reasons, new H3("Latest probes"), probes);
    BrowserTime.init(com.vaadin.flow.component.UI.getCurrent(), this::refresh);
    LiveRefresh.on(this, this::refresh, Topic.REGIONS);
  }

  void refresh() {
    Instant now = Instant.now(Services.get().clock());
    health.setItems(RegionReads.health());
    List<RegionReads.Bucket> buckets = RegionReads.roundTrip(now.minusSeconds(6 * 3600), now);
    TreeSet<Instant> times = new TreeSet<>();
    Map<String, Map<Instant, RegionReads.Bucket>> byRegion = new TreeMap<>();
    for (RegionReads.Bucket b : buckets) {
      times.add(b.at());
      byRegion.computeIfAbsent(b.region(), r -> new TreeMap<>()).put(b.at(), b);
    }
    List<LineChart.Series> series = new ArrayList<>();
    byRegion.forEach((region, m) -> {
      // One colour per region; P50 solid, P95 dashed, P99 dotted.
      series.add(new LineChart.Series(region + " P50", times.stream().map(t -> m.get(t) == null ? null : m.get(t).p50()).toList(),
          false, region, "solid"));
      series.add(new LineChart.Series(region + " P95", times.stream().map(t -> m.get(t) == null ? null : m.get(t).p95()).toList(),
          false, region, "dashed"));
      series.add(new LineChart.Series(region + " P99", times.stream().map(t -> m.get(t) == null ? null : m.get(t).p99()).toList(),
          false, region, "dotted"));
    });
    chart.setData(times.stream().map(t -> BrowserTime.shortFormat(t).substring(6, 11)).toList(), series, "round trip ms", 0, null, null);
    chart.setVisible(!buckets.isEmpty());
    chartEmpty.setVisible(buckets.isEmpty());
    reasons.setItems(RegionReads.reasons(now.minusSeconds(24 * 3600), now));
    probes.setItems(RegionReads.latest(30));
  }
}
