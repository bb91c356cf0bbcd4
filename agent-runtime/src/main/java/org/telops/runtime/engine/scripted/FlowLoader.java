package org.telops.runtime.engine.scripted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads a {@link Flow} from YAML and checks it: every branch names a state, every prompt exists. */
public final class FlowLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public static final String DEFAULT_RESOURCE = "flows/front-desk.yaml";

  private FlowLoader() {}

  /** {@code location}: a file path, or "classpath:" + resource (null = the built-in front desk). */
  public static Flow load(String location, PromptLibrary prompts) {
    String where = location == null ? "classpath:" + DEFAULT_RESOURCE : location;
    try {
      JsonNode root;
      if (where.startsWith("classpath:")) {
        String resource = where.substring("classpath:".length());
        try (InputStream in = FlowLoader.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalArgumentException("flow " + where + " not found on the class path");
          }
          root = YAML.readTree(in);
        }
      } else {
        root = YAML.readTree(Files.readString(Path.of(where)));
      }
      return parse(root, where, prompts);
    } catch (IOException e) {
      throw new IllegalArgumentException("flow " + where + " cannot be read: " + e.getMessage()
          + " — fix the YAML or point TELOPS_AGENT_FLOW at another file", e);
    }
  }

  static Flow parse(JsonNode root, String where, PromptLibrary prompts) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("flow " + where + ": the document must be a mapping with 'start' and 'states'");
    }
    String start = text(root, "start");
    JsonNode statesNode = root.get("states");
    if (start == null || statesNode == null || !statesNode.isObject()) {
      throw new IllegalArgumentException("flow " + where + ": needs 'start' (a state name) and 'states' (a mapping)");
    }
    Map<String, Flow.State> states = new LinkedHashMap<>();
    statesNode.fields().forEachRemaining(e -> states.put(e.getKey(), state(e.getKey(), e.getValue(), where)));
    Flow flow = new Flow(text(root, "name") == null ? where : text(root, "name"), start, states);
    validate(flow, where, prompts);
    return flow;
  }

  private static Flow.State state(String name, JsonNode n, String where) {
    List<String> say = new ArrayList<>();
    JsonNode s = n.get("say");
    if (s != null && s.isArray()) {
      s.forEach(p -> say.add(p.asText()));
    } else if (s != null) {
      say.add(s.asText());
    }
    Map<String, String> dtmf = new LinkedHashMap<>();
    JsonNode d = n.get("dtmf");
    if (d != null) {
      d.fields().forEachRemaining(e -> dtmf.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asText()));
    }
    Map<String, List<String>> keywords = new LinkedHashMap<>();
    JsonNode k = n.get("keywords");
    if (k != null) {
      k.fields().forEachRemaining(e -> {
        List<String> words = new ArrayList<>();
        e.getValue().forEach(w -> words.add(w.asText().toLowerCase(Locale.ROOT)));
        keywords.put(e.getKey(), words);
      });
    }
    return new Flow.State(name, List.copyOf(say), text(n, "next"), dtmf, keywords, text(n, "nomatch"),
        n.has("timeout_ms") ? n.get("timeout_ms").asInt() : 8000, text(n, "timeout"),
        !n.has("interruptible") || n.get("interruptible").asBoolean(), n.path("hangup").asBoolean(false),
        n.path("transfer").asBoolean(false));
  }

  private static void validate(Flow flow, String where, PromptLibrary prompts) {
    Set<String> names = flow.states().keySet();
    if (!names.contains(flow.start())) {
      throw new IllegalArgumentException("flow " + where + ": start state '" + flow.start() + "' is not defined (states: " + names + ")");
    }
    for (Flow.State s : flow.states().values()) {
      List<String> targets = new ArrayList<>(s.dtmf().values());
      targets.addAll(s.keywords().keySet());
      for (String t : new String[] {s.next(), s.nomatch(), s.timeout()}) {
        if (t != null) {
          targets.add(t);
        }
      }
      for (String t : targets) {
        if (!names.contains(t)) {
          throw new IllegalArgumentException("flow " + where + ": state '" + s.name() + "' goes to '" + t
              + "', which is not defined (states: " + names + ")");
        }
      }
      for (String p : s.say()) {
        if (!prompts.has(p)) {
          throw new IllegalArgumentException("flow " + where + ": state '" + s.name() + "' says prompt '" + p
              + "', which is not in " + prompts.describe());
        }
      }
      if (!s.waitsForInput() && s.next() == null && !s.hangup() && !s.transfer()) {
        throw new IllegalArgumentException("flow " + where + ": state '" + s.name()
            + "' neither waits for input nor has next, hangup or transfer: the call would stall there");
      }
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
