package org.telops.runtime;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;
import org.telops.runtime.session.CallDefaults;
import org.telops.runtime.session.SessionSettings;

/**
 * The agent runtime's configuration, from TELOPS_* variables (README table). Carrier secrets and the
 * public base URL come from the platform's own records.
 *
 * @param engineByNumber called number (E.164 as the carrier sends it) → engine name
 * @param flowLocation YAML flow file, null = the built-in front desk
 * @param promptsDir directory of {@code <name>.ulaw} prompts, null = the built-in ones
 * @param transferTo number or SIP URI for the flow's transfer state, null = none (hang up instead)
 * @param telnyxStreamToken shared secret Telnyx sends back on the media WebSocket, null = not checked
 */
public record RuntimeConfig(CallDefaults defaults, String defaultEngine, Map<String, String> engineByNumber,
                            String flowLocation, String promptsDir, String transferTo, SessionSettings session,
                            int qualitySampleSeconds, int pingSeconds, int idleTimeoutSeconds, int maxFrameBytes,
                            int drainTimeoutSeconds, String telnyxApiBaseUrl, String telnyxStreamTrack,
                            String telnyxStreamToken, boolean texmlAllowUnsigned, int storeQueueCapacity,
                            int streamResumeSeconds) {

  private static boolean dtmfInEvents(String v) {
    return switch (v) {
      case "digits" -> true;
      case "masked" -> false;
      default -> throw new ConfigException("TELOPS_CALL_EVENTS_DTMF=" + v + " is not masked or digits: masked (the default) "
          + "records that a key was pressed, digits records which");
    };
  }

  public static RuntimeConfig fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    CallDefaults defaults = new CallDefaults(name(env, "TELOPS_RUNTIME_TENANT", "demo"),
        name(env, "TELOPS_RUNTIME_REGION", "local"), env.string("TELOPS_RUNTIME_AGENT", "front-desk"));
    SessionSettings session = new SessionSettings(
        env.integer("TELOPS_VAD_SILENCE_MS", 300, 60, 5_000),
        env.integer("TELOPS_VAD_MIN_SPEECH_MS", 100, 20, 2_000),
        env.integer("TELOPS_MARK_INTERVAL_MS", 500, 20, 10_000),
        env.integer("TELOPS_MEDIA_REORDER_FRAMES", 5, 0, 100),
        env.bool("TELOPS_INBAND_DTMF", true),
        dtmfInEvents(env.string("TELOPS_CALL_EVENTS_DTMF", "masked")));
    String api = env.string("TELOPS_TELNYX_API_BASE_URL", "https://api.telnyx.com");
    try {
      URI u = URI.create(api);
      if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException("TELOPS_TELNYX_API_BASE_URL=" + api + " is not an http(s) URL: use https://api.telnyx.com");
    }
    String track = env.string("TELOPS_TELNYX_STREAM_TRACK", "both_tracks");
    if (!track.matches("inbound_track|outbound_track|both_tracks")) {
      throw new ConfigException("TELOPS_TELNYX_STREAM_TRACK=" + track + " is not a Telnyx track: use inbound_track or both_tracks");
    }
    return new RuntimeConfig(defaults, env.string("TELOPS_AGENT_ENGINE", "scripted").toLowerCase(java.util.Locale.ROOT),
        numberMap(env.string("TELOPS_AGENT_ENGINE_BY_NUMBER", "")), env.string("TELOPS_AGENT_FLOW", null),
        env.string("TELOPS_AGENT_PROMPTS_DIR", null), env.string("TELOPS_AGENT_TRANSFER_TO", null), session,
        env.integer("TELOPS_QUALITY_SAMPLE_SECONDS", 10, 1, 3_600),
        env.integer("TELOPS_WS_PING_SECONDS", 20, 1, 3_600),
        env.integer("TELOPS_WS_IDLE_TIMEOUT_SECONDS", 60, 2, 86_400),
        env.integer("TELOPS_MEDIA_MAX_FRAME_BYTES", 64 * 1024, 1_024, 16 * 1024 * 1024),
        env.integer("TELOPS_DRAIN_TIMEOUT_SECONDS", 30, 0, 86_400),
        api.endsWith("/") ? api.substring(0, api.length() - 1) : api, track,
        env.string("TELOPS_TELNYX_STREAM_TOKEN", null),
        env.bool("TELOPS_TELNYX_TEXML_ALLOW_UNSIGNED", false),
        env.integer("TELOPS_RUNTIME_STORE_QUEUE", 100_000, 100, 10_000_000),
        env.integer("TELOPS_STREAM_RESUME_SECONDS", 10, 0, 300));
  }

  private static String name(Env env, String var, String dflt) {
    String v = env.string(var, dflt).toLowerCase(java.util.Locale.ROOT);
    if (!CallDefaults.isName(v)) {
      throw new ConfigException(var + "=" + v + " is not a name: use lower-case letters, digits, '-' or '_' (≤ 63)");
    }
    return v;
  }

  /** "+15550100=probe-responder,+15550101=echo" → map; a malformed pair fails start-up. */
  static Map<String, String> numberMap(String spec) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException("TELOPS_AGENT_ENGINE_BY_NUMBER has '" + pair.trim() + "': write number=engine pairs "
            + "separated by commas, e.g. +15550100=probe-responder");
      }
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim().toLowerCase(java.util.Locale.ROOT));
    }
    return m;
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_RUNTIME_TENANT", defaults.tenant());
    m.put("TELOPS_RUNTIME_REGION", defaults.region());
    m.put("TELOPS_RUNTIME_AGENT", defaults.agent());
    m.put("TELOPS_AGENT_ENGINE", defaultEngine);
    m.put("TELOPS_AGENT_ENGINE_BY_NUMBER", engineByNumber.toString());
    m.put("TELOPS_AGENT_FLOW", flowLocation == null ? "(built-in front-desk)" : flowLocation);
    m.put("TELOPS_AGENT_PROMPTS_DIR", promptsDir == null ? "(built-in)" : promptsDir);
    m.put("TELOPS_AGENT_TRANSFER_TO", transferTo == null ? "(not set)" : transferTo);
    m.put("TELOPS_VAD_SILENCE_MS", String.valueOf(session.silenceMs()));
    m.put("TELOPS_VAD_MIN_SPEECH_MS", String.valueOf(session.minSpeechMs()));
    m.put("TELOPS_MARK_INTERVAL_MS", String.valueOf(session.markIntervalMs()));
    m.put("TELOPS_MEDIA_REORDER_FRAMES", String.valueOf(session.reorderWindowFrames()));
    m.put("TELOPS_INBAND_DTMF", String.valueOf(session.inBandDtmf()));
    m.put("TELOPS_CALL_EVENTS_DTMF", session.dtmfDigitsInEvents() ? "digits" : "masked");
    m.put("TELOPS_QUALITY_SAMPLE_SECONDS", String.valueOf(qualitySampleSeconds));
    m.put("TELOPS_WS_PING_SECONDS", String.valueOf(pingSeconds));
    m.put("TELOPS_WS_IDLE_TIMEOUT_SECONDS", String.valueOf(idleTimeoutSeconds));
    m.put("TELOPS_MEDIA_MAX_FRAME_BYTES", String.valueOf(maxFrameBytes));
    m.put("TELOPS_DRAIN_TIMEOUT_SECONDS", String.valueOf(drainTimeoutSeconds));
    m.put("TELOPS_TELNYX_API_BASE_URL", telnyxApiBaseUrl);
    m.put("TELOPS_TELNYX_STREAM_TRACK", telnyxStreamTrack);
    m.put("TELOPS_STREAM_RESUME_SECONDS", String.valueOf(streamResumeSeconds));
    m.put("TELOPS_TELNYX_STREAM_TOKEN", Env.mask(telnyxStreamToken));
    m.put("TELOPS_TELNYX_TEXML_ALLOW_UNSIGNED", String.valueOf(texmlAllowUnsigned));
    m.put("TELOPS_RUNTIME_STORE_QUEUE", String.valueOf(storeQueueCapacity));
    return m;
  }
}
