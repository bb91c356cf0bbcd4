package org.telops.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.runtime.engine.scripted.Flow;
import org.telops.runtime.engine.scripted.FlowLoader;
import org.telops.runtime.engine.scripted.PromptLibrary;

class FlowAndEnginesTest {
  final PromptLibrary prompts = new PromptLibrary(null);

  @Test
  @DisplayName("The built-in front desk loads: a consent greeting that cannot be interrupted, then a menu")
  void builtIn() {
    Flow f = FlowLoader.load(null, prompts);
    assertThat(f.start()).isEqualTo("greeting");
    assertThat(f.states().get("greeting").interruptible()).isFalse();
    assertThat(f.states().get("menu").dtmf()).containsEntry("1", "hours").containsEntry("9", "goodbye");
    assertThat(f.states().get("transfer").transfer()).isTrue();
    assertThat(f.states().get("goodbye").hangup()).isTrue();
  }

  @Test
  @DisplayName("A flow that names a missing state or prompt is refused with the state, the name and the choices")
  void invalidFlows(@TempDir Path dir) throws Exception {
    Path f1 = dir.resolve("a.yaml");
    Files.writeString(f1, "start: hello\nstates:\n  hello: {say: [greeting], next: nowhere}\n");
    assertThatThrownBy(() -> FlowLoader.load(f1.toString(), prompts))
        .hasMessageContaining("state 'hello' goes to 'nowhere', which is not defined");
    Path f2 = dir.resolve("b.yaml");
    Files.writeString(f2, "start: hello\nstates:\n  hello: {say: [nope], hangup: true}\n");
    assertThatThrownBy(() -> FlowLoader.load(f2.toString(), prompts)).hasMessageContaining("prompt 'nope'");
    Path f3 = dir.resolve("c.yaml");
    Files.writeString(f3, "start: hello\nstates:\n  hello: {say: [greeting]}\n");
    assertThatThrownBy(() -> FlowLoader.load(f3.toString(), prompts)).hasMessageContaining("would stall");
  }

  @Test
  @DisplayName("The engine is the one the call names, else the one for the called number, else the default")
  void selection() {
    ConversationEngine a = named("scripted");
    ConversationEngine b = named("probe-responder");
    ConversationEngine c = named("echo");
    EngineRegistry r = new EngineRegistry(List.of(a, b, c), "scripted", Map.of("+15550199", "probe-responder"));
    assertThat(r.select("echo", "+15550199")).isSameAs(c);
    assertThat(r.select(null, "+15550199")).isSameAs(b);
    assertThat(r.select("unknown", "+15550100")).isSameAs(a);
    assertThatThrownBy(() -> new EngineRegistry(List.of(a), "gpt", Map.of())).hasMessageContaining("TELOPS_AGENT_ENGINE=gpt");
  }

  static ConversationEngine named(String n) {
    return new ConversationEngine() {
      public String name() { return n; }
      public EngineSession open(CallInfo call, EngineOutput output) { return null; }
    };
  }

  @Test
  @DisplayName("Every built-in prompt is non-empty μ-law 8 kHz audio of a plausible length")
  void prompts() throws Exception {
    Map<String, Object> flow = new ObjectMapper(new YAMLFactory()).readValue(
        getClass().getClassLoader().getResource("flows/front-desk.yaml"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
    assertThat(flow).containsKey("states");
    for (String p : List.of("greeting", "menu", "nomatch", "hours", "transfer", "goodbye")) {
      int ms = prompts.get(p).length / 8;
      assertThat(ms).as(p).isBetween(1_000, 15_000);
    }
  }
}
