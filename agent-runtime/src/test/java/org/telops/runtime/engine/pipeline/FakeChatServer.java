package org.telops.runtime.engine.pipeline;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local server speaking OpenAI's streaming chat-completions wire format (server-sent events of
 * chat.completion.chunk objects, a usage chunk, then {@code data: [DONE]}), the way carrier-sim stands in for the
 * carriers. Each request takes the next scripted reply; a reply of null never answers (a provider timing out).
 */
public final class FakeChatServer implements AutoCloseable {
  public final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  public final List<Long> lastTokenNanos = new CopyOnWriteArrayList<>();
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<String> replies;
  private final long tokenGapMs;

  public FakeChatServer(List<String> replies, long tokenGapMs, String requiredKey) throws Exception {
    this.replies = replies;
    this.tokenGapMs = tokenGapMs;
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      if (!req.path().equals("/v1/chat/completions") || !req.method().name().equals("POST")) {
        req.response().setStatusCode(404).end();
        return;
      }
      if (requiredKey != null && !("Bearer " + requiredKey).equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).end("{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        return;
      }
      JsonObject json = body.toJsonObject();
      int n = requests.size();
      requests.add(json);
      String reply = n < replies.size() ? replies.get(n) : "Okay.";
      if (reply == null) {
        return;   // never answers
      }
      HttpServerResponse res = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
      String[] tokens = reply.split("(?<= )");
      send(res, tokens, 0, json.getJsonArray("messages").size() * 10L);
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void send(HttpServerResponse res, String[] tokens, int i, long promptTokens) {
    if (i < tokens.length) {
      JsonObject chunk = new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
          .put("model", "fake").put("choices", new JsonArray().add(new JsonObject().put("index", 0)
              .put("delta", new JsonObject().put("content", tokens[i])).putNull("finish_reason")));
      res.write("data: " + chunk.encode() + "\n\n");
      if (tokenGapMs <= 0) {
        send(res, tokens, i + 1, promptTokens); // an LLM that answers at once: every token now
      } else {
        vertx.setTimer(tokenGapMs, t -> send(res, tokens, i + 1, promptTokens));
      }
      return;
    }
    lastTokenNanos.add(System.nanoTime());
    JsonObject usage = new JsonObject().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
        .put("choices", new JsonArray()).put("usage", new JsonObject().put("prompt_tokens", promptTokens)
            .put("completion_tokens", tokens.length).put("total_tokens", promptTokens + tokens.length));
    res.write("data: " + usage.encode() + "\n\n");
    res.end("data: [DONE]\n\n");
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
