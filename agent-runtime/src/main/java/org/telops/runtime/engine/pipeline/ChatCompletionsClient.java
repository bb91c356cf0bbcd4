package org.telops.runtime.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * OpenAI-compatible chat completions with streaming: {@code POST {base}/chat/completions} with
 * {@code "stream": true, "stream_options": {"include_usage": true}}; the reply is server-sent events, one
 * {@code data: {chat.completion.chunk}} per line carrying {@code choices[0].delta.content}, a last chunk with
 * {@code usage} ({@code prompt_tokens}, {@code completion_tokens}) and {@code data: [DONE]}. OpenAI and the
 * many servers that speak the protocol (vLLM, llama.cpp server, Ollama's /v1) are served by this one client.
 */
public final class ChatCompletionsClient implements LanguageModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String apiKey;
  private final String model;
  private final Duration timeout;
  private final HttpClient http;

  /** @param baseUrl e.g. https://api.openai.com/v1; @param apiKey null for local servers without keys */
  public ChatCompletionsClient(String baseUrl, String apiKey, String model, Duration timeout) {
    this.endpoint = URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + "chat/completions");
    this.apiKey = apiKey;
    this.model = model;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public String name() {
    return "chat-completions " + endpoint.getHost() + " " + model;
  }

  /** "sk-…abcd": enough to tell keys apart in a log, never the key. */
  public static String mask(String key) {
    return key == null ? "(none)" : key.length() <= 8 ? "****" : key.substring(0, 3) + "…" + key.substring(key.length() - 4);
  }

  String body(List<Message> conversation) {
    ObjectNode b = JSON.createObjectNode().put("model", model).put("stream", true);
    b.putObject("stream_options").put("include_usage", true);
    ArrayNode msgs = b.putArray("messages");
    conversation.forEach(m -> msgs.addObject().put("role", m.role()).put("content", m.content()));
    return b.toString();
  }

  @Override
  public Runnable stream(List<Message> conversation, Listener listener) {
    AtomicBoolean cancelled = new AtomicBoolean();
    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", "application/json").header("Accept", "text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body(conversation)));
    if (apiKey != null) {
      req.header("Authorization", "Bearer " + apiKey);
    }
    var pending = http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines());
    Stream<?>[] open = new Stream<?>[1];
    pending.whenComplete((resp, err) -> {
      if (err != null) {
        if (!cancelled.get()) {
          listener.onError(err);
        }
        return;
      }
      try (Stream<String> lines = resp.body()) {
        open[0] = lines;
        if (resp.statusCode() != 200) {
          throw new IllegalStateException(name() + " answered HTTP " + resp.statusCode() + ": "
              + String.join(" ", lines.limit(5).toList()));
        }
        Long in = null;
        Long out = null;
        for (Iterator<String> it = lines.iterator(); it.hasNext() && !cancelled.get(); ) {
          String line = it.next();
          if (!line.startsWith("data:")) {
            continue;   // blank separators, comments (": keep-alive"), event/id fields
          }
          String data = line.substring(5).trim();
          if (data.equals("[DONE]")) {
            break;
          }
          JsonNode chunk = JSON.readTree(data);
          JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
          if (content.isTextual() && !content.asText().isEmpty()) {
            listener.onToken(content.asText());
          }
          if (chunk.hasNonNull("usage")) {
            in = chunk.get("usage").path("prompt_tokens").asLong();
            out = chunk.get("usage").path("completion_tokens").asLong();
          }
        }
        if (!cancelled.get()) {
          listener.onDone(in, out);
        }
      } catch (Exception e) {
        if (!cancelled.get()) {
          listener.onError(e);
        }
      }
    });
    return () -> {
      cancelled.set(true);
      pending.cancel(true);
      Stream<?> s = open[0];
      if (s != null) {
        s.close();
      }
    };
  }
}
