package org.telops.cdr.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.telops.cdr.billing.reconcile.Item;
import org.telops.cdr.billing.reconcile.ItemClass;
import org.telops.cdr.billing.store.CallRating;
import org.telops.cdr.billing.store.CostReads;
import org.telops.cdr.billing.store.InvoiceStore;
import org.telops.cdr.billing.store.InvoiceStore.ImportResult;
import org.telops.cdr.billing.store.RateStore;
import org.telops.cdr.billing.store.ReconciliationReads;
import org.telops.cdr.billing.store.ReconciliationRun;
import org.telops.cdr.billing.store.RerateJobs;

/**
 * Billing operations for the API, the CLI and the admin UI (plain Java, blocking: call it from a worker
 * thread). {@code actor} is the authenticated user, written to audit_log. See the cdr-collector README.
 */
public final class BillingService {
  private final BillingConfig config;
  private final RateStore rates;
  private final CallRating rating;
  private final InvoiceStore invoices;
  private final ReconciliationRun reconcile;
  private final ReconciliationReads reads;
  private final RerateJobs rerates;
  private final CostReads costs;
  /** Lines read so far of imports in progress, by "carrier/period". */
  private final Map<String, Long> importing = new ConcurrentHashMap<>();

  public BillingService(DataSource db, BillingConfig config, ExecutorService jobs) {
    this.config = config;
    this.rates = new RateStore(db);
    this.rating = new CallRating(db, rates);
    this.invoices = new InvoiceStore(db);
    this.reconcile = new ReconciliationRun(db, rates);
    this.reads = new ReconciliationReads(db);
    this.rerates = new RerateJobs(db, rating, jobs);
    this.costs = new CostReads(db);
  }

  public BillingConfig config() {
    return config;
  }

  /** Imports a rate-card CSV as a new version (see {@link org.telops.cdr.billing.rating.RateCardCsv}). */
  public RateStore.ImportedRates importRates(InputStream csv, String sourceName, String actor)
      throws IOException, SQLException {
    return rates.importCsv(csv, sourceName, actor);
  }

  public List<org.telops.cdr.billing.rating.Rate> rates() throws SQLException {
    return rates.all();
  }

  /** Rates up to {@code limit} ended calls not yet rated. */
  public int rateEndedCalls(int limit) throws SQLException {
    return rating.rateEnded(limit);
  }

  /** Starts re-rating calls attempted in [from, to) (one carrier or all); returns the job id. */
  public long startRerate(Instant from, Instant to, String carrier, String actor) throws SQLException {
    return rerates.start(from, to, carrier, actor);
  }

  public RerateJobs.Job rerateStatus(long jobId) throws SQLException {
    return rerates.status(jobId);
  }

  /**
   * Imports an invoice and, when created, reconciles it at once. Bad line → {@link
   * org.telops.cdr.billing.invoice.CsvLineException}, nothing stored.
   */
  public ImportResult importInvoice(String carrier, YearMonth period, InputStream csv, String sourceName, String actor,
                                    boolean replace) throws IOException, SQLException {
    String key = carrier + "/" + period;
    try {
      ImportResult r = invoices.importCsv(carrier, period, csv, sourceName, actor, replace, n -> importing.put(key, n));
      if (r.status().equals("created")) {
        reconcile.run(r.invoiceId(), carrier, period, config.tolerances(), actor);
      }
      return r;
    } finally {
      importing.remove(key);
    }
  }

  /** Lines read so far of imports running now, by "carrier/YYYY-MM". */
  public Map<String, Long> importsInProgress() {
    return Map.copyOf(importing);
  }

  /** Downloads {@code carrier}'s invoice for {@code period} from the local carrier and imports it. */
  public ImportResult fetchLocalInvoice(String carrier, YearMonth period, String actor)
      throws IOException, SQLException, InterruptedException {
    if (config.localCarrierBaseUrl() == null) {
      throw new IllegalStateException("no local carrier: set TELOPS_BILLING_LOCAL_CARRIER_URL (e.g. "
          + "http://127.0.0.1:8080/sim) or import the carrier's file");
    }
    URI uri = URI.create(config.localCarrierBaseUrl() + "/" + carrier + "/invoices/" + period + ".csv");
    HttpResponse<InputStream> resp = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
        .send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = resp.body()) {
      if (resp.statusCode() != 200) {
        throw new IOException("local carrier answered HTTP " + resp.statusCode() + " for " + uri);
      }
      return importInvoice(carrier, period, body, uri.toString(), actor, true);
    }
  }

  /** Reconciles the period's invoice again (after a re-rating or a tolerance change). */
  public long reconcile(String carrier, YearMonth period, String actor) throws SQLException, IOException {
    return reconcile.run(invoiceOf(carrier, period), carrier, period, config.tolerances(), actor);
  }

  public ReconciliationReads.Summary summary(String carrier, YearMonth period) throws SQLException {
    return reads.summary(invoiceOf(carrier, period), config.disputePercent());
  }

  public List<Item> items(String carrier, YearMonth period, ItemClass kind, int limit, long offset) throws SQLException {
    return reads.items(invoiceOf(carrier, period), kind, limit, offset);
  }

  public void disputeCsv(String carrier, YearMonth period, Writer out) throws SQLException, IOException {
    long id = invoiceOf(carrier, period);
    reads.disputeCsv(id, reads.summary(id, config.disputePercent()).currency(), out);
  }

  /** Variance (billed − ours, micros) per UTC day of the month's calls: the finance view's chart. */
  public Map<java.time.LocalDate, Long> varianceByDay(String carrier, YearMonth period) throws SQLException {
    return costs.varianceByDay(invoiceOf(carrier, period));
  }

  /** Rated cost per day and carrier|region|tenant, split telephony/STT/LLM/TTS, calls attempted in [from, to). */
  public List<CostReads.CostRow> costs(Instant from, Instant to, String groupBy) throws SQLException {
    return costs.costs(from, to, groupBy);
  }

  /** Months × carriers: every imported invoice with status and variance. */
  public List<ReconciliationReads.MonthStatus> months() throws SQLException {
    return reads.months();
  }

  private long invoiceOf(String carrier, YearMonth period) throws SQLException {
    Long id = reads.invoiceId(carrier, period);
    if (id == null) {
      throw new NoInvoiceException(carrier, period);
    }
    return id;
  }

  /** No invoice imported for a carrier and month. */
  public static final class NoInvoiceException extends IllegalArgumentException {
    public NoInvoiceException(String carrier, YearMonth period) {
      super("no " + carrier + " invoice imported for " + period + ": import one with POST /api/v1/billing/invoices"
          + "?carrier=" + carrier + "&period=" + period);
    }
  }
}
