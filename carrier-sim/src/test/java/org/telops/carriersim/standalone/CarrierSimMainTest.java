package org.telops.carriersim.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CarrierSimMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CarrierSimMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("--help prints the paths and exits 0")
  void help() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("/2010-04-01").contains("/v2/calls").contains("/faults");
  }

  @Test
  @DisplayName("An unknown argument or a bad port exits 2 naming it")
  void badArguments() {
    assertThat(run("--colour")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour");
    assertThat(run("--port", "eighty")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("TELOPS_SIM_PORT=eighty");
  }
}
