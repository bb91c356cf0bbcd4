package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Grafana files")
class DashboardFilesTest {
  private static final Set<String> DASHBOARDS = Set.of("telops / Call quality", "telops / Latency",
      "telops / Regions and probes", "telops / Carriers and failover", "telops / Incidents", "telops / Cost",
      "telops / Runtime");

  static Set<String> provisionedUids() {
    Set<String> uids = new HashSet<>();
    Dashboards.yaml(Dashboards.DATASOURCES).path("datasources").forEach(d -> uids.add(d.path("uid").asText()));
    return uids;
  }

  @Test
  @DisplayName("The datasource file provisions PostgreSQL telops-pg (env connection, password in secureJsonData) and Prometheus telops-prom.")
  void datasources() {
    JsonNode file = Dashboards.yaml(Dashboards.DATASOURCES);
    assertThat(file.path("apiVersion").asInt()).isEqualTo(1);
    JsonNode pg = file.path("datasources").get(0);
    assertThat(pg.path("uid").asText()).isEqualTo("telops-pg");
    assertThat(pg.path("type").asText()).isEqualTo(Dashboards.PG_TYPE);
    assertThat(pg.path("url").asText()).isEqualTo("$__env{TELOPS_GRAFANA_DB_HOST}");
    assertThat(pg.path("jsonData").path("timescaledb").asText()).isEqualTo("$__env{TELOPS_GRAFANA_TIMESCALEDB}");
    assertThat(pg.path("secureJsonData").path("password").asText()).isEqualTo("$__env{TELOPS_GRAFANA_DB_PASSWORD}");
    assertThat(pg.has("password")).as("no clear password outside secureJsonData").isFalse();
    JsonNode prom = file.path("datasources").get(1);
    assertThat(prom.path("uid").asText()).isEqualTo("telops-prom");
    assertThat(prom.path("type").asText()).isEqualTo("prometheus");
  }

  @Test
  @DisplayName("The dashboard provider is a file provider with a path.")
  void provider() {
    JsonNode p = Dashboards.yaml(Dashboards.PROVIDERS).path("providers").get(0);
    assertThat(p.path("type").asText()).isEqualTo("file");
    assertThat(p.path("options").path("path").asText()).isNotBlank();
  }

  @Test
  @DisplayName("All seven dashboards are there, and their uids and titles are unique.")
  void uniqueDashboards() {
    List<JsonNode> all = Dashboards.all();
    List<String> uids = all.stream().map(d -> d.path("uid").asText()).toList();
    assertThat(uids).doesNotHaveDuplicates().allSatisfy(u -> assertThat(u).matches("[a-z0-9-]{1,40}"));
    assertThat(all.stream().map(d -> d.path("title").asText()).collect(Collectors.toSet())).isEqualTo(DASHBOARDS);
  }

  @Test
  @DisplayName("Every panel and query variable uses a provisioned datasource and has a query; panel ids are unique per dashboard.")
  void panelsHaveProvisionedDatasourcesAndQueries() {
    Set<String> uids = provisionedUids();
    for (JsonNode d : Dashboards.all()) {
      List<JsonNode> panels = Dashboards.panels(d);
      assertThat(panels).as(d.path("title").asText()).isNotEmpty();
      assertThat(panels.stream().map(p -> p.path("id").asInt()).toList()).doesNotHaveDuplicates();
      for (JsonNode p : panels) {
        String where = d.path("title").asText() + " / " + p.path("title").asText();
        assertThat(p.path("datasource").path("uid").asText()).as(where).isIn(uids);
        assertThat(p.path("targets").size()).as(where + " has no query").isPositive();
      }
      for (Dashboards.Query q : Dashboards.panelQueries(d)) {
        assertThat(q.datasourceUid()).as(q.where()).isIn(uids);
        String text = "telops-pg".equals(q.datasourceUid()) ? q.sql() : q.promql();
        assertThat(text).as(q.where() + " has an empty query").isNotBlank();
      }
      for (JsonNode v : Dashboards.variables(d)) {
        if ("query".equals(v.path("type").asText())) {
          assertThat(v.path("datasource").path("uid").asText()).isIn(uids);
          assertThat(v.path("query").asText()).isNotBlank();
        }
      }
    }
  }

  @Test
  @DisplayName("Every $variable a panel's SQL uses is defined on its dashboard.")
  void variablesDefined() {
    Pattern ref = Pattern.compile("\\$\\{?([a-z]\\w*)");
    for (JsonNode d : Dashboards.all()) {
      Set<String> defined = Dashboards.variables(d).stream().map(v -> v.path("name").asText()).collect(Collectors.toSet());
      for (Dashboards.Query q : Dashboards.panelQueries(d)) {
        if (q.sql() == null) {
          continue;
        }
        Matcher m = ref.matcher(q.sql());
        while (m.find()) {
          assertThat(m.group(1)).as(q.where()).isIn(defined);
        }
      }
    }
  }

  @Test
  @DisplayName("Worst calls link each call id to the admin UI's /calls/{callId} through the adminui variable.")
  void worstCallsLink() {
    JsonNode d = Dashboards.dashboard(Dashboards.JSON_DIR.resolve("call-quality.json"));
    JsonNode worst = Dashboards.panels(d).stream().filter(p -> p.path("title").asText().startsWith("Worst calls"))
        .findFirst().orElseThrow();
    assertThat(worst.toString()).contains("${adminui}/calls/${__data.fields.call_id}");
    assertThat(Dashboards.variables(d)).anySatisfy(v -> {
      assertThat(v.path("name").asText()).isEqualTo("adminui");
      assertThat(v.path("query").asText()).isEqualTo("http://127.0.0.1:8081");
    });
  }

  @Test
  @DisplayName("Every telops_ metric a Prometheus panel queries is registered somewhere in telops' main sources.")
  void prometheusMetricsExist() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(Dashboards.ROOT.toAbsolutePath().normalize().getParent())) {
      for (Path main : modules.map(m -> m.resolve("src/main")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> s = Files.walk(main)) {
          all.append(javaText(s));
        }
      }
    }
    String sources = all.toString();
    assertThat(sources.contains("telops_")).as("telops main sources found next to dashboards/").isTrue();
    Pattern metric = Pattern.compile("telops_[a-z_]+");
    int checked = 0;
    for (JsonNode d : Dashboards.all()) {
      for (Dashboards.Query q : Dashboards.panelQueries(d)) {
        if (q.promql() == null) {
          continue;
        }
        Matcher m = metric.matcher(q.promql());
        while (m.find()) {
          String registered = m.group().replaceAll("_total$", "");
          assertThat(sources.contains("\"" + registered + "\""))
              .as(q.where() + " queries " + m.group() + ", which no main source registers as \"" + registered + "\"")
              .isTrue();
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  private static String javaText(Stream<Path> files) {
    return files.filter(p -> p.toString().endsWith(".java")).map(p -> {
      try {
        return Files.readString(p);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).collect(Collectors.joining("\n"));
  }
}
