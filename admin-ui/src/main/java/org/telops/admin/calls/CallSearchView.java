package org.telops.admin.calls;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.telops.admin.Db;
import org.telops.admin.Services;
import org.telops.admin.components.BrowserTime;
import org.telops.admin.layout.MainLayout;

/** CDR search over millions of rows: filters in the URL, a lazy keyset grid, streamed CSV of the filtered set. */
@Route(value = "calls", layout = MainLayout.class)
@PageTitle("Calls · telops")
@RolesAllowed({"on-call", "finance"})
public class CallSearchView extends VerticalLayout implements BeforeEnterObserver {
  private final Select<String> preset = new Select<>();
  private final DateTimePicker from = new DateTimePicker("From");
  private final DateTimePicker to = new DateTimePicker("To");
  private final ComboBox<String> carrier = new ComboBox<>("Carrier");
  private final ComboBox<String> region = new ComboBox<>("Region");
  private final Select<String> direction = new Select<>();
  private final Select<String> outcome = new Select<>();
  private final TextField cause = new TextField("Hang-up cause");
  private final NumberField mosBelow = new NumberField("MOS below");
  private final TextField number = new TextField("Number contains");
  private final TextField callId = new TextField("Call id");
  private final Span zone = new Span();
  private final Grid<CallRow> grid = new Grid<>();
  private final Anchor csv = new Anchor();
  private CallQuery query = CallQuery.defaults();

  public CallSearchView() {
    setSizeFull();
    preset.setLabel("Window");
    preset.setItems(CallQuery.PRESETS);
    preset.setItemLabelGenerator(p -> switch (p) {
      case "15m" -> "Last 15 min";
      case "1h" -> "Last hour";
      case "6h" -> "Last 6 h";
      case "24h" -> "Last 24 h";
      case "7d" -> "Last 7 days";
      case "30d" -> "Last 30 days";
      default -> "Custom range";
    });
    preset.addValueChangeListener(e -> {
      from.setVisible("custom".equals(e.getValue()));
      to.setVisible("custom".equals(e.getValue()));
    });
    carrier.setItems(List.of("twilio", "telnyx"));
    carrier.setAllowCustomValue(true);
    carrier.addCustomValueSetListener(e -> carrier.setValue(e.getDetail()));
    region.setItems(Db.list("SELECT DISTINCT region FROM region_health ORDER BY 1", rs -> rs.getString(1)));
    region.setAllowCustomValue(true);
    region.addCustomValueSetListener(e -> region.setValue(e.getDetail()));
    direction.setLabel("Direction");
    direction.setItems("", "inbound", "outbound");
    direction.setItemLabelGenerator(s -> s.isEmpty() ? "Any" : s);
    outcome.setLabel("Outcome");
    outcome.setItems("", "completed", "busy", "no-answer", "failed", "canceled", "dropped");
    outcome.setItemLabelGenerator(s -> s.isEmpty() ? "Any" : s);
    mosBelow.setMin(1);
    mosBelow.setMax(4.5);
    mosBelow.setStep(0.1);
    number.setPlaceholder("e.g. 555");
    callId.setPlaceholder("exact call id");
    callId.setId("call-id");
    number.setId("number");
    Button search = new Button("Search", e -> navigate());
    search.setId("search");
    search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    search.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
    csv.setText("Download CSV");
    csv.setId("csv");
    FlexLayout filters = new FlexLayout(preset, from, to, carrier, region, direction, outcome, cause, mosBelow, number, callId, search);
    filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    filters.setAlignItems(Alignment.BASELINE);
    filters.getStyle().set("gap", "var(--lumo-space-s)");
    filters.setWidthFull();

    grid.setId("calls");
    grid.addComponentColumn(r -> new Anchor("calls/" + r.callId(), BrowserTime.format(r.attemptedAt()))).setHeader("Attempted").setAutoWidth(true).setFrozen(true);
    grid.addColumn(CallRow::direction).setHeader("Dir").setAutoWidth(true);
    grid.addColumn(CallRow::carrier).setHeader("Carrier").setAutoWidth(true);
    grid.addColumn(CallRow::region).setHeader("Region").setAutoWidth(true);
    grid.addColumn(CallRow::fromNumber).setHeader("From").setAutoWidth(true);
    grid.addColumn(CallRow::toNumber).setHeader("To").setAutoWidth(true);
    grid.addColumn(CallRow::outcome).setHeader("Outcome").setAutoWidth(true);
    grid.addColumn(CallRow::hangupCause).setHeader("Hang-up cause").setAutoWidth(true);
    grid.addColumn(r -> BrowserTime.duration(r.talk())).setHeader("Talk").setAutoWidth(true);
    grid.addColumn(r -> r.mos() == null ? "—" : String.format("%.2f", r.mos())).setHeader("MOS").setAutoWidth(true);
    grid.addColumn(r -> r.turnP95Ms() == null ? "—" : r.turnP95Ms() + " ms").setHeader("Turn P95").setAutoWidth(true);
    grid.addColumn(r -> CallRow.money(r.costTotalMicros(), r.currency())).setHeader("Cost").setAutoWidth(true);
    grid.setEmptyStateText("No call matches: widen the window or clear a filter.");
    grid.setSizeFull();
    add(new H2("Calls"), filters, new com.vaadin.flow.component.orderedlayout.HorizontalLayout(zone, csv), grid);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    query = CallQuery.from(event.getLocation().getQueryParameters());
    BrowserTime.init(event.getUI(), () -> {
      show(query);
      run();
    });
  }

  private void show(CallQuery q) {
    ZoneId z = BrowserTime.zone();
    preset.setValue(q.preset());
    if (q.from() != null) from.setValue(LocalDateTime.ofInstant(q.from(), z));
    if (q.to() != null) to.setValue(LocalDateTime.ofInstant(q.to(), z));
    from.setVisible("custom".equals(q.preset()));
    to.setVisible("custom".equals(q.preset()));
    carrier.setValue(q.carrier());
    region.setValue(q.region());
    direction.setValue(q.direction() == null ? "" : q.direction());
    outcome.setValue(q.outcome() == null ? "" : q.outcome());
    cause.setValue(q.hangupCause() == null ? "" : q.hangupCause());
    mosBelow.setValue(q.mosBelow());
    number.setValue(q.number() == null ? "" : q.number());
    callId.setValue(q.callId() == null ? "" : q.callId());
  }

  private void navigate() {
    ZoneId z = BrowserTime.zone();
    CallQuery q = new CallQuery(preset.getValue(), from.getValue() == null ? null : from.getValue().atZone(z).toInstant(),
        to.getValue() == null ? null : to.getValue().atZone(z).toInstant(), blank(carrier.getValue()), blank(region.getValue()),
        blank(direction.getValue()), blank(outcome.getValue()), blank(cause.getValue()), mosBelow.getValue(),
        blank(number.getValue()), blank(callId.getValue()));
    UI.getCurrent().navigate(CallSearchView.class, q.toParameters());
  }

  private void run() {
    Instant now = Instant.now(Services.get().clock());
    CallPager pager = new CallPager(query, now);
    grid.setItems(q -> pager.fetch(q.getOffset(), q.getLimit()).stream());
    zone.setText(query.callId() != null ? "Call " + query.callId()
        : BrowserTime.format(query.effectiveFrom(now)) + " → " + BrowserTime.format(query.effectiveTo(now)) + " (" + BrowserTime.zoneLabel() + ")");
    ZoneId z = BrowserTime.zone();
    CallQuery fixed = query;
    DownloadHandler download = ev -> {
      ev.setFileName("telops-calls-" + now.toString().replace(':', '-') + ".csv");
      ev.setContentType("text/csv; charset=utf-8");
      try {
        CsvExport.write(Services.get().db(), fixed, now, z, ev.getOutputStream());
      } catch (java.sql.SQLException e) {
        throw new java.io.IOException("CSV export failed: " + e.getMessage(), e);
      }
    };
    csv.setHref(download);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
