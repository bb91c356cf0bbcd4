package org.telops.runtime.recordpath;

import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.contracts.config.Env;

/**
 * The record path: a call whose media stream cannot start, or dies, goes on over {@code <Play>}/{@code <Record>}.
 *
 * @param enabled TELOPS_RECORD_PATH (default true): false ends such calls as before (hang up, CDR "dropped")
 * @param replyTimeoutMs TELOPS_RECORD_PATH_REPLY_MS (default 5000): the longest a turn webhook waits for the agent's
 *     reply before answering with what there is (Twilio gives up on a webhook after 15 s)
 * @param silenceSeconds TELOPS_RECORD_PATH_SILENCE_SECONDS (default 2): silence that ends the caller's recorded turn
 * @param maxRecordSeconds TELOPS_RECORD_PATH_MAX_RECORD_SECONDS (default 30): the longest recorded turn
 */
public record RecordPathConfig(boolean enabled, int replyTimeoutMs, int silenceSeconds, int maxRecordSeconds) {

  public static RecordPathConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new RecordPathConfig(env.bool("TELOPS_RECORD_PATH", true),
        env.integer("TELOPS_RECORD_PATH_REPLY_MS", 5_000, 200, 14_000),
        env.integer("TELOPS_RECORD_PATH_SILENCE_SECONDS", 2, 1, 10),
        env.integer("TELOPS_RECORD_PATH_MAX_RECORD_SECONDS", 30, 2, 600));
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_RECORD_PATH", String.valueOf(enabled));
    m.put("TELOPS_RECORD_PATH_REPLY_MS", String.valueOf(replyTimeoutMs));
    m.put("TELOPS_RECORD_PATH_SILENCE_SECONDS", String.valueOf(silenceSeconds));
    m.put("TELOPS_RECORD_PATH_MAX_RECORD_SECONDS", String.valueOf(maxRecordSeconds));
    return m;
  }
}
