package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandLineIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("--help lists serve, migrate and analyze-pcap")
  void help() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("serve").contains("migrate").contains("analyze-pcap");
  }

  @Test
  @DisplayName("An unknown command or role exits 2 and says what exists")
  void unknown() {
    assertThat(run(Map.of(), "frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown command 'frobnicate'");
    assertThat(run(Map.of(), "serve", "--role", "nope")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown role(s) [nope]").contains("cdr-collector");
  }

  @Test
  @DisplayName("A bad TELOPS_HTTP_PORT stops start-up with the variable, the value and the valid range")
  void badConfig() {
    assertThat(run(Map.of("TELOPS_HTTP_PORT", "eighty"), "serve")).isEqualTo(2);
    assertThat(err.toString()).contains("TELOPS_HTTP_PORT=eighty").contains("0 to 65535");
  }

  @Test
  @DisplayName("A database that is down gives 'cannot reach PostgreSQL at …: connection refused' and what to do")
  void databaseDown() throws Exception {
    int port = TestPlatform.freePort();
    assertThat(run(Map.of("TELOPS_DB_URL", "jdbc:postgresql://127.0.0.1:" + port + "/telops", "TELOPS_DB_USER", "telops",
        "TELOPS_HTTP_PORT", "0", "TELOPS_ADMIN_PORT", "0"), "serve")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach PostgreSQL at 127.0.0.1:" + port + "/telops: connection refused"
        + " — set TELOPS_DB_URL or unset it to use the embedded database");
  }

  @Test
  @DisplayName("migrate applies the schema to the embedded database in TELOPS_DATA_DIR and exits 0, twice")
  void migrate() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("telops-migrate");
    Map<String, String> env = Map.of("TELOPS_DATA_DIR", dir.toString(), "TELOPS_EMBEDDED_DB_PORT",
        String.valueOf(TestPlatform.freePort()));
    assertThat(run(env, "migrate")).isZero();
    assertThat(out.toString()).containsPattern("[1-9][0-9]* script\\(s\\) applied").containsPattern("schema at version [0-9.]+");
    out.reset();
    assertThat(run(env, "migrate")).isZero();
    assertThat(out.toString()).contains("0 script(s) applied");
  }
}
