package org.telops.runtime.engine.pipeline;

import java.util.List;

/** A streaming chat model: the conversation so far in, tokens out as they come. */
public interface LanguageModel {

  String name();

  /** One message of the conversation: role "system", "user" or "assistant". */
  record Message(String role, String content) {}

  /** Called on the client's own threads. */
  interface Listener {
    void onToken(String text);

    /** The reply is complete; token counts as the server reported them (null when it did not). */
    void onDone(Long tokensIn, Long tokensOut);

    void onError(Throwable error);
  }

  /** Starts a reply; {@link Runnable#run()} on the result cancels it (no further callbacks). */
  Runnable stream(List<Message> conversation, Listener listener);
}
