package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BillingCommandIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("billing rates import and billing import work on the embedded database: a bad line exits 1 naming it, a repeat is recognised")
  void ratesAndInvoice() throws Exception {
    Path dir = Files.createTempDirectory("telops-billing-cli");
    Map<String, String> env = Map.of("TELOPS_DATA_DIR", dir.toString(), "TELOPS_EMBEDDED_DB_PORT",
        String.valueOf(TestPlatform.freePort()));
    Path rates = Files.writeString(dir.resolve("rates.csv"), "carrier,direction,prefix,currency,connect_fee,"
        + "rate_per_minute,first_increment,next_increment,rounding,valid_from,valid_to\n"
        + "twilio,outbound,,USD,0,0.0140,60,60,up,2026-01-01,\n");
    assertThat(run(env, "billing", "rates", "import", rates.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("rate card version 1: 1 rows imported");

    Path bad = Files.writeString(dir.resolve("bad.csv"), "Sid,Duration,Price,PriceUnit\nCA1,61,-0.028,USD\nCA2,x,-0.01,USD\n");
    assertThat(run(env, "billing", "import", bad.toString(), "--carrier", "twilio", "--period", "2026-11")).isEqualTo(1);
    assertThat(err.toString()).contains("line 3, column Duration").contains("nothing of this file was stored");

    Path good = Files.writeString(dir.resolve("good.csv"), "Sid,Duration,Price,PriceUnit\nCA1,61,-0.028,USD\n");
    assertThat(run(env, "billing", "import", good.toString(), "--carrier", "twilio", "--period", "2026-11")).isZero();
    assertThat(out.toString()).contains("created").contains("phantom: 1");
    assertThat(run(env, "billing", "import", good.toString(), "--carrier", "twilio", "--period", "2026-11")).isZero();
    assertThat(err.toString()).contains("duplicate").contains("already imported");
    assertThat(run(env, "billing", "import", good.toString())).isEqualTo(2);
  }
}
