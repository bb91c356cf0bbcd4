package org.telops.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The committed Grafana files of this module, parsed: provisioning YAML and the dashboard JSON folder. */
final class Dashboards {
  static final Path ROOT = Path.of(System.getProperty("telops.dashboards.dir", "."));
  static final Path DATASOURCES = ROOT.resolve("provisioning/datasources/telops.yaml");
  static final Path PROVIDERS = ROOT.resolve("provisioning/dashboards/telops.yaml");
  static final Path JSON_DIR = ROOT.resolve("json");
  static final String PG_TYPE = "grafana-postgresql-datasource";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One query of one panel (or of a variable, then panel is the variable's name). */
  record Query(String dashboard, String panel, String datasourceUid, String sql, String promql) {
    String where() {
      return dashboard + " / " + panel;
    }
  }

  private Dashboards() {}

  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  static List<Path> files() {
    try (Stream<Path> s = Files.list(JSON_DIR)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode dashboard(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  static List<JsonNode> all() {
    return files().stream().map(Dashboards::dashboard).toList();
  }

  /** Panels, rows' nested panels included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : dashboard.path("panels")) {
      out.add(p);
      p.path("panels").forEach(out::add);
    }
    return out;
  }

  static List<JsonNode> variables(JsonNode dashboard) {
    List<JsonNode> out = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(out::add);
    return out;
  }

  /** Every query target of every panel; a target without its own datasource uses the panel's. */
  static List<Query> panelQueries(JsonNode dashboard) {
    List<Query> out = new ArrayList<>();
    String title = dashboard.path("title").asText();
    for (JsonNode p : panels(dashboard)) {
      for (JsonNode t : p.path("targets")) {
        JsonNode ds = t.has("datasource") ? t.path("datasource") : p.path("datasource");
        out.add(new Query(title, p.path("title").asText(), ds.path("uid").asText(null),
            t.path("rawSql").asText(null), t.path("expr").asText(null)));
      }
    }
    return out;
  }
}
