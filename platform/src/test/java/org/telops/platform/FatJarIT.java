package org.telops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as an operator runs it: {@code java -jar platform/target/telops.jar} in its own
 * process (the shaded jar, built in the package phase before this runs), with no configuration but where
 * to keep data. A class the shade plugin left out shows up here, and nowhere else.
 */
class FatJarIT {

  @Test
  @DisplayName("The runnable jar starts the whole platform on its defaults, probe calls succeed; after kill -9 it starts "
      + "again with no manual step and keeps every acknowledged CDR; SIGTERM stops it cleanly")
  void jarRunsThePlatform() throws Exception {
    Path jar = Path.of("target", "telops.jar").toAbsolutePath();
    assertThat(jar).as("the shaded jar (mvn package)").exists();
    Path dir = Files.createTempDirectory("telops-jar");
    int port = TestPlatform.freePort();
    // setsid: the jar leads a process group of its own, as in a terminal, so a Ctrl-C (SIGINT to the group) can be
    // sent to it without reaching the build.
    // perl (in every Debian) first restores SIGINT's default: a build started in the background ignores SIGINT, and
    // the JVM keeps an inherited "ignore" — a terminal's Ctrl-C is never ignored.
    ProcessBuilder pb = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
        "setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", jar.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("TELOPS_"));
    pb.environment().put("TELOPS_DATA_DIR", dir.toString());
    pb.environment().put("TELOPS_HTTP_PORT", String.valueOf(port));
    pb.environment().put("TELOPS_ADMIN_PORT", "0");
    pb.environment().put("TELOPS_EMBEDDED_DB_PORT", String.valueOf(TestPlatform.freePort()));
    pb.environment().put("TELOPS_PROBE_INTERVAL_SECONDS", "4");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("telops.log").toFile());
    Process p = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String base = "http://127.0.0.1:" + port;
    try {
      String regions = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!regions.contains("\"ap-south\"") || !ready(http, base) || countSuccesses(regions) < 3) {
        assertThat(p.isAlive()).as("the process is running; its log:\n%s", log(dir)).isTrue();
        assertThat(System.nanoTime()).as("ready with probes in all regions within 120 s; log:\n%s", log(dir))
            .isLessThan(deadline);
        Thread.sleep(1_000);
        regions = get(http, base + "/api/v1/regions", bootstrapToken(dir));
      }
      String token = bootstrapToken(dir);

      // The embedded PostgreSQL is in a session of its own: a terminal's Ctrl-C (its process group) reaches only telops.
      long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
      assertThat(session(postmaster)).as("postmaster's session").isNotEqualTo(session(p.pid()));

      // Crash: 500 CDRs acknowledged (200 = committed), then kill -9 of the java process.
      io.vertx.core.json.JsonArray cdrs = new io.vertx.core.json.JsonArray();
      for (int i = 0; i < 500; i++) {
        cdrs.add(new io.vertx.core.json.JsonObject().put("callId", "crash-" + i).put("carrier", "twilio")
            .put("attemptedAt", "2026-12-01T10:00:00Z"));
      }
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cdrs"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(cdrs.encode())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Files.move(dir.resolve("telops.log"), dir.resolve("telops-first.log"));
      p = pb.start();
      long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!ready(http, base)) {
        assertThat(p.isAlive()).as("restarted after kill -9; its log:\n%s", log(dir)).isTrue();
        assertThat(System.nanoTime()).as("ready again within 120 s; log:\n%s", log(dir)).isLessThan(until);
        Thread.sleep(500);
      }
      assertThat(log(dir)).as("the start says what it found").containsAnyOf("found an embedded PostgreSQL still running",
          "found a stale");
      String export = get(http, base + "/api/v1/cdrs?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&format=ndjson", token);
      assertThat(export.lines().filter(l -> l.contains("\"crash-")).count()).as("acknowledged CDRs after kill -9").isEqualTo(500);

      // CDRs accepted (202, queued) just before SIGTERM, then before a Ctrl-C to the process group: all stored.
      for (String signal : List.of("TERM", "INT")) {
        String prefix = signal.toLowerCase() + "-";
        HttpResponse<String> queued = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cdrs?async=true"))
            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(batch(prefix, 2_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        long t0 = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-s", signal, "--", signal.equals("INT") ? "-" + p.pid() : String.valueOf(p.pid()))
            .inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s of SIG%s", signal).isTrue();
        System.out.printf("SIG%s with 2,000 CDRs just queued: stopped in %d ms%n", signal, (System.nanoTime() - t0) / 1_000_000);
        assertThat(log(dir)).contains("telops stopped");
        Files.move(dir.resolve("telops.log"), dir.resolve("telops-" + signal + ".log"), StandardCopyOption.REPLACE_EXISTING);
        p = pb.start();
        long again = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!ready(http, base)) {
          assertThat(p.isAlive()).as("restarted after SIG%s; its log:\n%s", signal, log(dir)).isTrue();
          assertThat(System.nanoTime()).as("ready again within 120 s; log:\n%s", log(dir)).isLessThan(again);
          Thread.sleep(500);
        }
        String after = get(http, base + "/api/v1/cdrs?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z&format=ndjson&limit=10000", token);
        assertThat(after.lines().filter(l -> l.contains("\"" + prefix)).count())
            .as("CDRs queued just before SIG%s, after the restart", signal).isEqualTo(2_000);
      }

      p.destroy(); // SIGTERM: drain, then exit
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s of SIGTERM").isTrue();
      assertThat(log(dir)).contains("telops stopped");
    } finally {
      p.destroyForcibly();
    }
  }

  private static String batch(String prefix, int n) {
    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
    for (int i = 0; i < n; i++) {
      a.add(new io.vertx.core.json.JsonObject().put("callId", prefix + i).put("carrier", "twilio")
          .put("attemptedAt", "2026-12-01T11:00:00Z"));
    }
    return a.encode();
  }

  /** The session id of a process, from /proc/PID/stat (the field after ppid and pgrp). */
  private static long session(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[3]);
  }

  private static boolean ready(HttpClient http, String base) {
    return get(http, base + "/health/ready").contains("\"outcome\":\"UP\"");
  }

  /** Regions whose probes have succeeded at least once, from GET /api/v1/regions. */
  private static int countSuccesses(String regions) {
    if (!regions.startsWith("{")) {
      return 0;
    }
    io.vertx.core.json.JsonObject o = new io.vertx.core.json.JsonObject(regions);
    int n = 0;
    for (Object r : o.getJsonArray("regions")) {
      io.vertx.core.json.JsonObject probes = ((io.vertx.core.json.JsonObject) r).getJsonObject("probes");
      if (probes != null && probes.getLong("success", 0L) > 0) {
        n++;
      }
    }
    return n;
  }

  /** The first start on the embedded database prints a random admin token once (no TELOPS_ADMIN_* set here). */
  private static String bootstrapToken(Path dir) throws Exception {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("admin API token\\s+(telops_[A-Za-z0-9_-]+)").matcher(log(dir));
    return m.find() ? m.group(1) : "none-yet";
  }

  private static String get(HttpClient http, String url) {
    return get(http, url, null);
  }

  private static String get(HttpClient http, String url, String token) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      return "";
    }
  }

  private static String log(Path dir) throws Exception {
    Path f = dir.resolve("telops.log");
    return Files.exists(f) ? Files.readString(f) : "(no log)";
  }
}
