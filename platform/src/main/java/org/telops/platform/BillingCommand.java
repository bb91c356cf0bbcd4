package org.telops.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.telops.cdr.billing.BillingConfig;
import org.telops.cdr.billing.BillingService;
import org.telops.cdr.billing.invoice.CsvLineException;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * {@code telops billing rates import FILE} and {@code telops billing import FILE --carrier C --period P
 * [--replace]}: the same {@link BillingService} operations as the API, against TELOPS_DB_URL (or the
 * embedded database in TELOPS_DATA_DIR when no platform is running on it). Exit 0 done, 1 refused, 2 usage.
 */
final class BillingCommand {
  static final String USAGE = "usage: billing rates import FILE\n"
      + "       billing import FILE --carrier twilio|telnyx --period YYYY-MM [--replace]\n";

  private BillingCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    boolean rates = args.length == 3 && args[0].equals("rates") && args[1].equals("import");
    boolean invoice = args.length >= 2 && args[0].equals("import");
    if (!rates && !invoice) {
      err.print(USAGE);
      return 2;
    }
    Path file = Path.of(rates ? args[2] : args[1]);
    String carrier = null;
    String period = null;
    boolean replace = false;
    for (int i = 2; invoice && i < args.length; i++) {
      switch (args[i]) {
        case "--carrier" -> carrier = i + 1 < args.length ? args[++i] : null;
        case "--period" -> period = i + 1 < args.length ? args[++i] : null;
        case "--replace" -> replace = true;
        default -> {
          err.print("unknown option '" + args[i] + "'\n" + USAGE);
          return 2;
        }
      }
    }
    if (invoice && (carrier == null || period == null)) {
      err.print("billing import needs --carrier and --period\n" + USAGE);
      return 2;
    }
    if (!Files.isReadable(file)) {
      err.println("cannot read " + file.toAbsolutePath() + ": give the path of a CSV file");
      return 2;
    }
    String url = env.get("TELOPS_DB_URL");
    EmbeddedDatabase embedded = null;
    ExecutorService jobs = Executors.newSingleThreadExecutor();
    String actor = "cli:" + System.getProperty("user.name", "unknown");
    try {
      if (url == null || url.isBlank()) {
        Path dir = Path.of(env.getOrDefault("TELOPS_DATA_DIR", "./data")).toAbsolutePath().normalize();
        embedded = EmbeddedDatabase.start(dir.resolve("postgres"), Integer.parseInt(env.getOrDefault("TELOPS_EMBEDDED_DB_PORT", "54329")));
        url = embedded.jdbcUrl();
      }
      String user = env.getOrDefault("TELOPS_DB_USER", embedded != null ? embedded.user() : null);
      try (HikariDataSource ds = Databases.pool(url, user, env.get("TELOPS_DB_PASSWORD"), 3, "telops-billing-cli");
           InputStream in = Files.newInputStream(file)) {
        Migrate.run(ds, Migrate.TimescaleMode.parse(env.get("TELOPS_TIMESCALE")));
        BillingService billing = new BillingService(ds, BillingConfig.fromEnv(env, null), jobs);
        if (rates) {
          var r = billing.importRates(in, file.getFileName().toString(), actor);
          out.println("rate card version " + r.version() + ": " + r.rows() + " rows imported, " + r.closed()
              + " earlier rows closed where the new ones start (sha256 " + r.sha256() + ")");
          return 0;
        }
        var r = billing.importInvoice(carrier.toLowerCase(java.util.Locale.ROOT), YearMonth.parse(period), in,
            file.getFileName().toString(), actor, replace);
        (r.status().equals("created") ? out : err).println(r.status() + ": " + r.message() + " (invoice " + r.invoiceId()
            + ", " + r.lines() + " lines, sha256 " + r.sha256() + ")");
        if (r.status().equals("created")) {
          var s = billing.summary(carrier, YearMonth.parse(period));
          out.println("reconciled: variance " + s.varianceMicros() + " micros " + s.currency() + " (" + s.variancePercent()
              + " %)" + (s.disputed() ? " — over TELOPS_BILLING_DISPUTE_PERCENT, flagged for dispute" : ""));
          s.classes().forEach((k, v) -> out.println("  " + k.id() + ": " + v.count()));
        }
        return r.status().equals("conflict") ? 1 : 0;
      }
    } catch (CsvLineException e) {
      err.println(file + ": " + e.getMessage() + " — nothing of this file was stored");
      return 1;
    } catch (java.time.format.DateTimeParseException e) {
      err.println("--period '" + period + "' is not YYYY-MM, e.g. 2026-11");
      return 2;
    } catch (Exception e) {
      err.println("billing failed: " + e.getMessage());
      return 1;
    } finally {
      jobs.shutdownNow();
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
