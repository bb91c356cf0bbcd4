package org.telops.runtime.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SentenceBufferTest {
  @Test
  @DisplayName("Tokens are cut at sentence ends followed by a space; decimals stay whole; the rest comes at the end")
  void cuts() {
    SentenceBuffer b = new SentenceBuffer();
    List<String> out = new ArrayList<>();
    for (String t : List.of("We open", " at 9.30", " today. Is", " that all", "? Call", " again")) {
      out.addAll(b.add(t));
    }
    assertThat(out).containsExactly("We open at 9.30 today.", "Is that all?");
    assertThat(b.finish()).isEqualTo("Call again");
    assertThat(b.finish()).isNull();
  }

  @Test
  @DisplayName("API keys are masked in logs: a prefix and the last four characters only")
  void masks() {
    assertThat(ChatCompletionsClient.mask("sk-proj-abcdefghijklmnop1234")).isEqualTo("sk-…1234");
    assertThat(ChatCompletionsClient.mask("short")).isEqualTo("****");
    assertThat(ChatCompletionsClient.mask(null)).isEqualTo("(none)");
  }
}
