package org.telops.admin.calls;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.telops.admin.chart.LineChart;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.components.StateBadge;
import org.telops.admin.incidents.IncidentRow;
import org.telops.admin.layout.MainLayout;

/** One call: timeline, quality chart of its 10 s samples, turns with latency breakdown, cost split, raw record, incidents. */
@Route(value = "calls/:callId", layout = MainLayout.class)
@PageTitle("Call · telops")
@RolesAllowed({"on-call", "finance"})
public class CallDetailView extends VerticalLayout implements BeforeEnterObserver {
  private String callId;

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    callId = event.getRouteParameters().get("callId").orElse("");
    BrowserTime.init(event.getUI(), this::render);
  }

  void render() {
    removeAll();
    CallDetail d = CallDetail.load(callId);
    if (d == null) {
      add(new H2("No call " + callId), new Paragraph("No CDR has this id. A call's record is written when it ends "
          + "(within a second); a live call is on the Live calls screen."), new Anchor("calls", "Search calls"));
      return;
    }
    H2 title = new H2("Call " + callId);
    title.getStyle().set("overflow-wrap", "anywhere");
    add(title, new Div(StateBadge.of(d.str("outcome")), new Span("  " + d.str("direction") + " · " + d.str("carrier")
        + " · " + d.str("region") + " · " + d.str("from_number") + " → " + d.str("to_number") + " · times in " + BrowserTime.zoneLabel())));
    Span media = new Span(d.mediaLabel());
    media.setId("media-path");
    add(new Div(media));

    add(new H3("Timeline"));
    Grid<CallDetail.Moment> timeline = new Grid<>();
    timeline.setId("call-timeline");
    timeline.addColumn(m -> BrowserTime.format(m.at())).setHeader("When").setAutoWidth(true);
    timeline.addColumn(CallDetail.Moment::what).setHeader("What").setAutoWidth(true);
    timeline.addColumn(CallDetail.Moment::detail).setHeader("Detail").setFlexGrow(1);
    timeline.setItems(d.timeline());
    timeline.setAllRowsVisible(true);
    // Details are sentences an engineer reads whole (why a stream dropped, what a barge-in cut): wrap, do not clip.
    timeline.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
    add(timeline);

    add(new H3("Quality (10 s samples)"));
    if (d.samples().isEmpty()) {
      add(new Paragraph("No quality sample: the media stream never started or lasted under 10 s."));
    } else {
      LineChart chart = new LineChart();
      chart.setId("quality-chart");
      List<CallDetail.Sample> s = d.samples();
      chart.setData(s.stream().map(x -> BrowserTime.shortFormat(x.at()).substring(6)).toList(), List.of(
          new LineChart.Series("MOS", s.stream().map(CallDetail.Sample::mos).toList(), false),
          new LineChart.Series("Jitter ms", s.stream().map(CallDetail.Sample::jitterMs).toList(), true),
          new LineChart.Series("Loss %", s.stream().map(CallDetail.Sample::lossPercent).toList(), true)),
          "MOS", 1, 4.5, "ms / %");
      add(chart);
    }

    add(new H3("Turns"));
    Grid<CallDetail.Turn> turns = new Grid<>();
    turns.setId("turns");
    turns.addColumn(CallDetail.Turn::turnNo).setHeader("#").setAutoWidth(true);
    turns.addColumn(t -> BrowserTime.format(t.startedAt())).setHeader("End of speech").setAutoWidth(true);
    turns.addColumn(t -> ms(t.eosDetectMs())).setHeader("EOS detect").setAutoWidth(true);
    turns.addColumn(t -> ms(t.sttMs())).setHeader("STT").setAutoWidth(true);
    turns.addColumn(t -> ms(t.llmFirstTokenMs())).setHeader("LLM 1st token").setAutoWidth(true);
    turns.addColumn(t -> ms(t.ttsFirstByteMs())).setHeader("TTS 1st byte").setAutoWidth(true);
    turns.addColumn(t -> ms(t.firstAudioMs())).setHeader("First audio").setAutoWidth(true);
    turns.addColumn(t -> t.bargedIn() ? "yes" : "").setHeader("Barge-in").setAutoWidth(true);
    turns.addColumn(CallDetail.Turn::engine).setHeader("Engine").setAutoWidth(true);
    turns.setItems(d.turns());
    turns.setAllRowsVisible(true);
    turns.setEmptyStateText("No turn: the caller never spoke, or the engine does not take turns.");
    add(turns);

    add(new H3("Cost"));
    String cur = d.str("currency");
    add(new Div(new Span("Telephony " + CallRow.money(d.micros("cost_telephony_micros"), cur) + " · STT "
        + CallRow.money(d.micros("cost_stt_micros"), cur) + " · LLM " + CallRow.money(d.micros("cost_llm_micros"), cur)
        + " · TTS " + CallRow.money(d.micros("cost_tts_micros"), cur) + " · total " + CallRow.money(d.micros("cost_total_micros"), cur))));

    add(new H3("Incidents citing this call"));
    List<IncidentRow> incidents = IncidentRow.citing(callId);
    if (incidents.isEmpty()) {
      add(new Paragraph("None."));
    }
    incidents.forEach(i -> add(new Div(new Anchor("incidents/" + i.id(), "#" + i.id() + " " + i.title()), new Span(" " + i.status()))));

    add(new H3("Raw record"));
    Grid<Map.Entry<String, Object>> raw = new Grid<>();
    raw.setId("raw-record");
    raw.addColumn(Map.Entry::getKey).setHeader("Column").setAutoWidth(true);
    raw.addColumn(e -> e.getValue() instanceof Instant t ? BrowserTime.format(t) + " (" + t + ")" : String.valueOf(e.getValue()))
        .setHeader("Value").setFlexGrow(1);
    raw.setItems(List.copyOf(d.raw().entrySet()));
    raw.setAllRowsVisible(true);
    add(raw);
  }

  private static String ms(Integer v) {
    return v == null ? "—" : v + " ms";
  }
}
