package org.telops.admin.billing;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.telops.admin.Services;
import org.telops.admin.components.Notices;
import org.telops.admin.components.StateBadge;
import org.telops.admin.layout.MainLayout;
import org.telops.admin.security.CurrentUser;
import org.telops.cdr.billing.BillingService;
import org.telops.cdr.billing.store.InvoiceStore;
import org.telops.cdr.billing.store.ReconciliationReads;

/**
 * Month-end for finance: every month × carrier with its invoice status and variance; import an invoice (upload, or
 * fetch from the local carrier); the reconciliation of a month by class; the dispute file.
 */
@Route(value = "billing", layout = MainLayout.class)
@PageTitle("Billing · telops")
@RolesAllowed("finance")
public class BillingView extends VerticalLayout {
  private final Grid<ReconciliationReads.MonthStatus> months = new Grid<>();
  private final Select<String> carrier = new Select<>();
  private final TextField period = new TextField("Month (YYYY-MM)");
  private final VerticalLayout detail = new VerticalLayout();
  private final com.vaadin.flow.component.progressbar.ProgressBar rerateProgress = new com.vaadin.flow.component.progressbar.ProgressBar(0, 100);
  private final com.vaadin.flow.component.html.Span rerateText = new com.vaadin.flow.component.html.Span();
  private long rerateJob = -1;

  public BillingView() {
    carrier.setLabel("Carrier");
    carrier.setItems("twilio", "telnyx");
    carrier.setValue("twilio");
    period.setValue(YearMonth.now().minusMonths(1).toString());
    period.setId("billing-period");
    Button fetch = new Button("Fetch from the local carrier", e -> fetch());
    fetch.setId("fetch-invoice");
    fetch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Upload upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
      try (InputStream in = new FileInputStream(file)) {
        importFile(in, meta.fileName());
      } finally {
        file.delete();
      }
    }));
    upload.setAcceptedFileTypes(".csv", "text/csv");
    upload.setDropLabel(new com.vaadin.flow.component.html.Span("or drop the carrier's invoice CSV here"));
    FlexLayout actions = new FlexLayout(carrier, period, fetch, upload);
    actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    actions.setAlignItems(Alignment.BASELINE);
    actions.getStyle().set("gap", "var(--lumo-space-s)");

    Upload rates = new Upload(UploadHandler.toTempFile((meta, file) -> {
      try (InputStream in = new FileInputStream(file)) {
        org.telops.cdr.billing.store.RateStore.ImportedRates r = service().importRates(in, meta.fileName(), CurrentUser.require().name());
        Notices.ok("Rate card version " + r.version() + ": " + r.rows() + " rows" + (r.closed() > 0 ? ", " + r.closed() + " earlier rows closed" : ""));
      } catch (Exception e) {
        Notices.error(meta.fileName() + " was not imported", String.valueOf(e.getMessage()));
      } finally {
        file.delete();
      }
    }));
    rates.setAcceptedFileTypes(".csv", "text/csv");
    rates.setUploadButton(new Button("Import a rate card (CSV)"));
    rates.setDropLabel(new com.vaadin.flow.component.html.Span("a new effective-dated version; earlier rows stay for re-rating the past"));
    Button rerate = new Button("Re-rate this month", e -> rerate());
    rerate.setId("rerate");
    rerateProgress.setId("rerate-progress");
    rerateProgress.setVisible(false);
    rerateText.setId("rerate-text");
    FlexLayout rating = new FlexLayout(rates, rerate, rerateProgress, rerateText);
    rating.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    rating.setAlignItems(Alignment.CENTER);
    rating.getStyle().set("gap", "var(--lumo-space-s)");
    rating.setWidthFull();

    months.setId("billing-months");
    months.addColumn(m -> m.period().toString()).setHeader("Month").setAutoWidth(true);
    months.addColumn(ReconciliationReads.MonthStatus::carrier).setHeader("Carrier").setAutoWidth(true);
    months.addComponentColumn(m -> StateBadge.of(m.status())).setHeader("Status").setAutoWidth(true);
    months.addColumn(ReconciliationReads.MonthStatus::lines).setHeader("Lines").setAutoWidth(true);
    months.addColumn(m -> money(m.billedMicros(), m.currency())).setHeader("Billed").setAutoWidth(true);
    months.addColumn(m -> m.varianceMicros() == null ? "—" : money(m.varianceMicros(), m.currency())
        + (m.variancePercent() == null ? "" : String.format(Locale.ROOT, " (%.2f %%)", m.variancePercent()))).setHeader("Variance").setAutoWidth(true);
    months.setAllRowsVisible(true);
    months.setEmptyStateText("No invoice imported yet: fetch one from the local carrier or upload the carrier's CSV.");
    months.addItemClickListener(e -> show(e.getItem().carrier(), e.getItem().period()));
    detail.setPadding(false);
    add(new H2("Billing"), new Paragraph("Invoices are matched to our CDRs by the carrier's call id; each line and each "
        + "unbilled call gets a class. Click a month for its reconciliation."), actions, rating, months, detail);
    refresh();
    org.telops.admin.components.LiveRefresh.on(this, this::progress, org.telops.admin.live.Topic.TICK);
  }

  void refresh() {
    try {
      months.setItems(service().months());
    } catch (java.sql.SQLException e) {
      Notices.error("Could not read invoices", e.getMessage());
    }
  }

  private void fetch() {
    YearMonth p = period();
    if (p == null) {
      return;
    }
    String c = carrier.getValue();
    String actor = CurrentUser.require().name();
    UI ui = UI.getCurrent();
    Notices.ok("Fetching the " + c + " invoice for " + p + "…");
    Thread worker = new Thread(() -> {
      try {
        InvoiceStore.ImportResult r = service().fetchLocalInvoice(c, p, actor);
        ui.access(() -> {
          Notices.ok(c + " " + p + ": " + r.status() + ", " + r.lines() + " lines" + (r.message() == null ? "" : " — " + r.message()));
          refresh();
          show(c, p);
        });
      } catch (Exception e) {
        ui.access(() -> Notices.error("Fetching the " + c + " invoice for " + p + " failed", String.valueOf(e.getMessage())));
      }
    }, "telops-billing-fetch");
    worker.setDaemon(true);
    worker.start();
  }

  private void importFile(InputStream in, String name) {
    YearMonth p = period();
    if (p == null) {
      return;
    }
    try {
      InvoiceStore.ImportResult r = service().importInvoice(carrier.getValue(), p, in, name, CurrentUser.require().name(), false);
      Notices.ok(name + ": " + r.status() + ", " + r.lines() + " lines" + (r.message() == null ? "" : " — " + r.message()));
      refresh();
      show(carrier.getValue(), p);
    } catch (Exception e) {
      // A bad line names its line number and column; nothing of the file is stored.
      Notices.error(name + " was not imported", String.valueOf(e.getMessage()));
    }
  }

  /** Re-rates the chosen month and carrier with the rate cards in force then; progress below, every second. */
  private void rerate() {
    YearMonth p = period();
    if (p == null) {
      return;
    }
    try {
      java.time.Instant from = p.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      java.time.Instant to = p.plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      rerateJob = service().startRerate(from, to, carrier.getValue(), CurrentUser.require().name());
      rerateProgress.setVisible(true);
      progress();
    } catch (Exception e) {
      Notices.error("Re-rating " + carrier.getValue() + " " + p + " did not start", String.valueOf(e.getMessage()));
    }
  }

  void progress() {
    if (rerateJob < 0) {
      return;
    }
    try {
      org.telops.cdr.billing.store.RerateJobs.Job j = service().rerateStatus(rerateJob);
      rerateProgress.setValue(Math.min(100, j.percent()));
      rerateText.setText("re-rating job " + j.id() + ": " + j.state() + ", " + j.done() + " of " + j.total() + " calls"
          + (j.error() == null ? "" : " — " + j.error()));
      if (!"running".equals(j.state()) && !"queued".equals(j.state())) {
        rerateJob = -1;
        refresh();
      }
    } catch (Exception e) {
      rerateText.setText("re-rating job " + rerateJob + ": " + e.getMessage());
      rerateJob = -1;
    }
  }

  private void show(String c, YearMonth p) {
    detail.removeAll();
    try {
      ReconciliationReads.Summary s = service().summary(c, p);
      detail.add(new H3("Reconciliation " + c + " " + p));
      Grid<java.util.Map.Entry<?, ReconciliationReads.ClassTotal>> classes = new Grid<>();
      classes.setId("reconciliation-classes");
      classes.addColumn(e -> String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).replace('_', '-')).setHeader("Class").setAutoWidth(true);
      classes.addColumn(e -> e.getValue().count()).setHeader("Items").setAutoWidth(true);
      classes.addColumn(e -> money(e.getValue().ourMicros(), s.currency())).setHeader("Ours").setAutoWidth(true);
      classes.addColumn(e -> money(e.getValue().billedMicros(), s.currency())).setHeader("Billed").setAutoWidth(true);
      classes.addColumn(e -> money(e.getValue().varianceMicros(), s.currency())).setHeader("Variance").setAutoWidth(true);
      classes.setItems(new java.util.ArrayList<>(s.classes().entrySet()));
      classes.setAllRowsVisible(true);
      Div totals = new Div();
      totals.setText(String.format(Locale.ROOT, "Our %d s rated %s · billed %d s %s · variance %s (%.2f %%)%s", s.ourSeconds(),
          money(s.ourMicros(), s.currency()), s.billedSeconds(), money(s.billedMicros(), s.currency()),
          money(s.varianceMicros(), s.currency()), s.variancePercent(), s.disputed() ? " — beyond "
              + s.disputePercent() + " %: dispute" : ""));
      Anchor dispute = new Anchor((DownloadHandler) ev -> {
        ev.setFileName("dispute-" + c + "-" + p + ".csv");
        ev.setContentType("text/csv; charset=utf-8");
        try (OutputStreamWriter w = new OutputStreamWriter(ev.getOutputStream(), StandardCharsets.UTF_8)) {
          service().disputeCsv(c, p, w);
        } catch (java.sql.SQLException e) {
          throw new java.io.IOException(e.getMessage(), e);
        }
      }, "Download the dispute file (CSV)");
      dispute.setId("dispute-csv");
      detail.add(totals, classes, dispute);
    } catch (BillingService.NoInvoiceException e) {
      detail.add(new Paragraph(e.getMessage()));
    } catch (Exception e) {
      Notices.error("Could not read the reconciliation of " + c + " " + p, String.valueOf(e.getMessage()));
    }
  }

  private YearMonth period() {
    try {
      return YearMonth.parse(period.getValue().trim());
    } catch (DateTimeParseException e) {
      period.setInvalid(true);
      period.setErrorMessage("write the month as YYYY-MM, e.g. " + YearMonth.now().minusMonths(1));
      return null;
    }
  }

  private static BillingService service() {
    return Services.get().billing();
  }

  static String money(long micros, String currency) {
    return java.math.BigDecimal.valueOf(micros, 6).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString()
        + " " + (currency == null ? "" : currency.trim());
  }
}
