import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.telops.cdr.billing.BillingConfig;
import org.telops.cdr.billing.BillingService;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/**
 * Reconciles N CDRs against an N-line Twilio invoice on the embedded PostgreSQL, then times one SQL join
 * of the same data in psql in the same run. Args: dataDir N. Prints figures; not a test.
 */
public final class BillingBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), port);
    try (HikariDataSource ds = Databases.pool(db.jdbcUrl(), db.user(), null, 4, "billing-bench")) {
      Migrate.run(ds, Migrate.TimescaleMode.OFF);
      BillingService billing = new BillingService(ds, BillingConfig.fromEnv(Map.of(), null), Executors.newSingleThreadExecutor());
      billing.importRates(new java.io.ByteArrayInputStream((
          "carrier,direction,prefix,currency,connect_fee,rate_per_minute,first_increment,next_increment,rounding,valid_from,valid_to\n"
          + "twilio,outbound,,USD,0,0.0140,60,60,up,2026-01-01,\n").getBytes()), "bench", "bench");
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        // N answered calls in November 2026, 1..600 s, ids CA + 32 hex digits of i.
        st.execute("INSERT INTO calls (call_id, carrier_call_id, carrier, direction, from_number, to_number, attempted_at, "
            + "answered_at, ended_at, state, outcome, telephony_seconds, sources) SELECT 'c' || i, 'CA' || lpad(to_hex(i), 32, '0'), "
            + "'twilio', 'outbound', '+15550100', '+12025550100', TIMESTAMPTZ '2026-11-01' + (i % 2500000) * INTERVAL '1 s', "
            + "TIMESTAMPTZ '2026-11-01' + (i % 2500000) * INTERVAL '1 s' + INTERVAL '2 s', "
            + "TIMESTAMPTZ '2026-11-01' + (i % 2500000) * INTERVAL '1 s' + INTERVAL '2 s' + (1 + i % 600) * INTERVAL '1 s', "
            + "'ended', 'completed', 1 + i % 600, 'carrier' FROM generate_series(1, " + n + ") i");
        st.execute("ANALYZE calls");
      }
      System.out.printf("calls inserted: %,d in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      int rated = 0;
      for (int k; (k = billing.rateEndedCalls(20_000)) > 0; ) {
        rated += k;
      }
      System.out.printf("rating:   %,d calls in %.1f s (%,.0f calls/s)%n", rated, (System.nanoTime() - t0) / 1e9,
          rated / ((System.nanoTime() - t0) / 1e9));

      Path csv = dir.resolve("invoice.csv");
      SplittableRandom r = new SplittableRandom(7);
      int lines = 0;
      try (BufferedWriter w = Files.newBufferedWriter(csv)) {
        w.write("Sid,Duration,Price,PriceUnit\n");
        for (int i = 1; i <= n; i++) {
          long seconds = 1 + i % 600;
          long price = ((seconds + 59) / 60) * 14_000;
          double x = r.nextDouble();
          if (x < 0.005) {
            continue; // unbilled
          }
          if (x < 0.010) {
            price = price * 3 / 2; // overcharge
          } else if (x < 0.015) {
            price += 14_000; // a minute too many
          }
          w.write(String.format("CA%032x,%d,-%d.%06d,USD%n", i, seconds, price / 1_000_000, price % 1_000_000));
          lines++;
          if (x > 0.998) { // billed twice
            w.write(String.format("CA%032x,%d,-%d.%06d,USD%n", i, seconds, price / 1_000_000, price % 1_000_000));
            lines++;
          }
          if (x > 0.995 && x <= 0.998) { // phantom
            w.write(String.format("CA%032x,%d,-0.014000,USD%n", n + i, 30));
            lines++;
          }
        }
      }
      System.out.printf("invoice:  %,d lines, %,d bytes%n", lines, Files.size(csv));
      Runtime rt = Runtime.getRuntime();
      t0 = System.nanoTime();
      try (InputStream in = Files.newInputStream(csv)) {
        var res = billing.importInvoice("twilio", YearMonth.of(2026, 11), in, "bench.csv", "bench", false);
        System.out.printf("import + reconcile (API path): %s %,d lines in %.1f s%n", res.status(), res.lines(),
            (System.nanoTime() - t0) / 1e9);
      }
      t0 = System.nanoTime();
      long items = billing.reconcile("twilio", YearMonth.of(2026, 11), "bench");
      double javaSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf("reconcile again (merge join in Java, items COPYed back): %,d items in %.1f s; heap max %d MiB%n",
          items, javaSeconds, rt.maxMemory() >> 20);
      var s = billing.summary("twilio", YearMonth.of(2026, 11));
      s.classes().forEach((k, v) -> System.out.printf("  %-18s %,10d  variance %,d micros%n", k.id(), v.count(), v.varianceMicros()));
      System.out.printf("  variance %.2f %% (disputed: %s)%n", s.variancePercent(), s.disputed());
      System.out.println("PSQL_PORT=" + port);
      System.out.println("PSQL_USER=" + db.user());
      System.out.println("INVOICE_ID=" + s.invoiceId());
      System.out.flush();
      // Keep the database up while run.sh times the SQL join in psql.
      if (args.length > 2) {
        Files.writeString(Path.of(args[2]), port + " " + db.user() + " " + s.invoiceId() + "\n");
        while (!Files.exists(Path.of(args[2] + ".done"))) {
          Thread.sleep(200);
        }
      }
    } finally {
      db.close();
    }
    System.exit(0);
  }
}
