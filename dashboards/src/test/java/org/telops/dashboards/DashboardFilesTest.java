package org.telops.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provisioning files and dashboard JSON as Grafana reads them: structure only, no Grafana needed. */
@DisplayName("Grafana provisioning files")
class DashboardFilesTest {
  private static final Path ROOT = Path.of(System.getProperty("user.dir"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static List<JsonNode> dashboards() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("json"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.add(JSON.readTree(p.toFile()));
      }
    }
    return out;
  }

  static Set<String> provisionedUids() throws IOException {
    JsonNode ds = YAML.readTree(ROOT.resolve("provisioning/datasources/telops.yaml").toFile());
    Set<String> uids = new HashSet<>();
    ds.get("datasources").forEach(d -> uids.add(d.get("uid").asText()));
    return uids;
  }

  @Test
  @DisplayName("All seven dashboards exist and their uids are unique.")
  void uniqueUids() throws IOException {
    List<String> uids = dashboards().stream().map(d -> d.get("uid").asText()).toList();
    assertThat(uids).hasSize(7).doesNotHaveDuplicates().allMatch(u -> u.length() <= 40);
  }

  @Test
  @DisplayName("Every panel and every query names a provisioned datasource uid and has a query.")
  void panelsUseProvisionedDatasourcesAndHaveQueries() throws IOException {
    Set<String> provisioned = provisionedUids();
    assertThat(provisioned).containsExactlyInAnyOrder("telops-postgres", "telops-prometheus");
    for (JsonNode d : dashboards()) {
      for (JsonNode p : d.get("panels")) {
        String where = d.get("uid").asText() + " / " + p.get("title").asText();
        assertThat(provisioned).as(where).contains(p.at("/datasource/uid").asText());
        assertThat(p.get("targets")).as(where).isNotEmpty();
        for (JsonNode t : p.get("targets")) {
          assertThat(provisioned).as(where).contains(t.at("/datasource/uid").asText());
          String query = t.has("rawSql") ? t.get("rawSql").asText() : t.path("expr").asText();
          assertThat(query).as(where).isNotBlank();
        }
      }
    }
  }

  @Test
  @DisplayName("Worst-call tables link call_id to the admin UI's /calls/{callId} through the admin_ui constant.")
  void worstCallsLinkToTheAdminUi() throws IOException {
    JsonNode quality = dashboards().stream().filter(d -> d.get("uid").asText().equals("telops-call-quality"))
        .findFirst().orElseThrow();
    assertThat(quality.toString()).contains("${admin_ui}/calls/${__value.raw}").contains("http://127.0.0.1:8081");
  }

  @Test
  @DisplayName("The datasource takes url, database, user, password and the timescaledb flag from the environment.")
  void datasourceFromEnvironment() throws IOException {
    String yaml = Files.readString(ROOT.resolve("provisioning/datasources/telops.yaml"));
    assertThat(yaml).contains("$__env{TELOPS_GRAFANA_DB_URL}", "$__env{TELOPS_GRAFANA_DB_NAME}",
        "$__env{TELOPS_GRAFANA_DB_USER}", "$__env{TELOPS_GRAFANA_DB_PASSWORD}", "$__env{TELOPS_GRAFANA_TIMESCALEDB}",
        "secureJsonData");
  }
}
