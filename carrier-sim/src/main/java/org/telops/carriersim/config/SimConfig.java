package org.telops.carriersim.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.telops.carriersim.billing.BillingErrors;
import org.telops.carriersim.billing.RateCard;
import org.telops.carriersim.call.FarEnd;
import org.telops.carriersim.call.NumberPlan;
import org.telops.carriersim.media.ImpairmentProfile;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;

/**
 * The carrier simulator's configuration, read once from the environment (TELOPS_SIM_… plus the shared
 * carrier credentials). Every default makes a call work against a platform on {@code webhookBaseUrl}.
 *
 * @param webhookBaseUrl base of the default webhook URLs (the platform's public base URL)
 * @param twilioStatusEvents StatusCallbackEvents sent to the default status URL (a create-call with its own
 *     StatusCallback and no StatusCallbackEvent gets only "completed", as on Twilio)
 * @param seed seeds every random choice (outcomes, loss, callback shuffling); logged so a run can be repeated
 */
public record SimConfig(SimCredentials credentials, String host, int port, String webhookBaseUrl,
                        String twilioVoiceUrl, String twilioStatusUrl, Set<String> twilioStatusEvents,
                        String telnyxWebhookUrl, String telnyxConnectionId, NumberPlan numbers,
                        Map<String, ImpairmentProfile> impairments, FarEnd farEnd, int maxCallSeconds,
                        double callbackReorderPercent, double callbackDuplicatePercent, int callbackHoldMs, long seed,
                        RateCard rates, BillingErrors invoiceErrors, int webhookTimeoutMs, int telnyxAnswerTimeoutMs,
                        int historyLimit, int maxBufferedAudioMs) {

  /** @param defaultBaseUrl the platform's public base URL (standalone: TELOPS_PUBLIC_BASE_URL or http://127.0.0.1:8080) */
  public static SimConfig fromEnv(Map<String, String> environment, String defaultBaseUrl) {
    Env env = new Env(environment);
    String base = strip(env.string("TELOPS_SIM_WEBHOOK_BASE_URL", defaultBaseUrl));
    if (!base.matches("https?://.+")) {
      throw new ConfigException("TELOPS_SIM_WEBHOOK_BASE_URL=" + base + " is not an http(s) URL: use the platform's "
          + "public base URL, e.g. http://127.0.0.1:8080");
    }
    Set<String> events = new LinkedHashSet<>(Arrays.asList(
        env.string("TELOPS_SIM_TWILIO_STATUS_EVENTS", "initiated,ringing,answered,completed").split("\\s*,\\s*")));
    if (!Set.of("initiated", "ringing", "answered", "completed").containsAll(events)) {
      throw new ConfigException("TELOPS_SIM_TWILIO_STATUS_EVENTS=" + events + ": use initiated, ringing, answered, completed");
    }
    long seed = env.string("TELOPS_SIM_SEED", null) == null ? System.nanoTime() : parseLong(env, "TELOPS_SIM_SEED");
    return new SimConfig(SimCredentials.fromEnv(environment),
        env.string("TELOPS_SIM_HOST", "127.0.0.1"),
        env.integer("TELOPS_SIM_PORT", 8089, 0, 65535),
        base,
        env.string("TELOPS_SIM_TWILIO_VOICE_URL", base + "/carriers/twilio/voice"),
        env.string("TELOPS_SIM_TWILIO_STATUS_URL", base + "/carriers/twilio/status"),
        Set.copyOf(events),
        env.string("TELOPS_SIM_TELNYX_WEBHOOK_URL", base + "/carriers/telnyx/webhook"),
        env.string("TELOPS_SIM_TELNYX_CONNECTION_ID", "1494404757140276705"),
        NumberPlan.parse(env.string("TELOPS_SIM_HOSTED_PREFIX", "+1555"), env.string("TELOPS_SIM_NUMBERS", null),
            env.string("TELOPS_SIM_REGIONS", null), env.string("TELOPS_SIM_DEFAULT_REGION", "us-east")),
        ImpairmentProfile.parse("TELOPS_SIM_IMPAIRMENTS", env.string("TELOPS_SIM_IMPAIRMENTS", null)),
        FarEnd.parse(env.string("TELOPS_SIM_FAR_END", null), env.string("TELOPS_SIM_FAR_END_AUDIO", "echo"),
            env.integer("TELOPS_SIM_RING_MS", 800, 0, 120_000), env.integer("TELOPS_SIM_NO_ANSWER_MS", 5_000, 0, 600_000),
            env.integer("TELOPS_SIM_FAR_END_HANGUP_SECONDS", 0, 0, 86_400)),
        env.integer("TELOPS_SIM_MAX_CALL_SECONDS", 14_400, 1, 86_400),
        percent(env, "TELOPS_SIM_CALLBACK_REORDER_PERCENT", 5),
        percent(env, "TELOPS_SIM_CALLBACK_DUPLICATE_PERCENT", 5),
        env.integer("TELOPS_SIM_CALLBACK_HOLD_MS", 1_500, 0, 60_000),
        seed,
        RateCard.parse(env.string("TELOPS_SIM_RATES", null), env.integer("TELOPS_SIM_BILLING_INCREMENT_SECONDS", 60, 1, 3600),
            env.string("TELOPS_SIM_CURRENCY", "USD")),
        BillingErrors.parse("TELOPS_SIM_INVOICE_ERRORS", env.string("TELOPS_SIM_INVOICE_ERRORS", null), seed),
        env.integer("TELOPS_SIM_WEBHOOK_TIMEOUT_MS", 15_000, 100, 120_000),
        env.integer("TELOPS_SIM_TELNYX_ANSWER_TIMEOUT_MS", 30_000, 100, 600_000),
        env.integer("TELOPS_SIM_HISTORY_LIMIT", 100_000, 10, 10_000_000),
        env.integer("TELOPS_SIM_MAX_BUFFERED_AUDIO_MS", 20_000, 100, 600_000));
  }

  public ImpairmentProfile impairment(String region) {
    return impairments.getOrDefault(region, ImpairmentProfile.CLEAN);
  }

  /** Effective configuration for the start-up log; secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_SIM_HOST / TELOPS_SIM_PORT (standalone)", host + ":" + port);
    m.put("TELOPS_SIM_WEBHOOK_BASE_URL", webhookBaseUrl);
    m.put("TELOPS_SIM_TWILIO_VOICE_URL", twilioVoiceUrl);
    m.put("TELOPS_SIM_TWILIO_STATUS_URL", twilioStatusUrl);
    m.put("TELOPS_SIM_TWILIO_STATUS_EVENTS", String.join(",", twilioStatusEvents));
    m.put("TELOPS_SIM_TELNYX_WEBHOOK_URL", telnyxWebhookUrl);
    m.put("TELOPS_SIM_TELNYX_CONNECTION_ID", telnyxConnectionId);
    // Generated values differ per start: the module's start-up warning names the ones in use.
    m.put("TELOPS_SIM_TELNYX_PRIVATE_KEY", credentials.generated().contains("TELOPS_SIM_TELNYX_PRIVATE_KEY")
        ? "(not set: generated at start)" : "****");
    m.put("TELOPS_SIM_HOSTED_PREFIX", numbers.hostedPrefix());
    m.put("TELOPS_SIM_NUMBERS", numbers.hosted().toString());
    m.put("TELOPS_SIM_REGIONS", numbers.regionsByPrefix() + " default " + numbers.defaultRegion());
    Map<String, String> imp = new LinkedHashMap<>();
    impairments.forEach((k, v) -> imp.put(k, v.describe()));
    m.put("TELOPS_SIM_IMPAIRMENTS", imp.toString());
    m.put("TELOPS_SIM_FAR_END", farEnd.toString());
    m.put("TELOPS_SIM_MAX_CALL_SECONDS", String.valueOf(maxCallSeconds));
    m.put("TELOPS_SIM_CALLBACK_REORDER_PERCENT / DUPLICATE_PERCENT / HOLD_MS",
        callbackReorderPercent + " / " + callbackDuplicatePercent + " / " + callbackHoldMs);
    m.put("TELOPS_SIM_SEED", String.valueOf(seed));
    m.put("TELOPS_SIM_RATES", rates.describe());
    m.put("TELOPS_SIM_INVOICE_ERRORS", invoiceErrors.toString());
    m.put("TELOPS_SIM_WEBHOOK_TIMEOUT_MS", String.valueOf(webhookTimeoutMs));
    m.put("TELOPS_SIM_TELNYX_ANSWER_TIMEOUT_MS", String.valueOf(telnyxAnswerTimeoutMs));
    m.put("TELOPS_SIM_HISTORY_LIMIT", String.valueOf(historyLimit));
    m.put("TELOPS_SIM_MAX_BUFFERED_AUDIO_MS", String.valueOf(maxBufferedAudioMs));
    return m;
  }

  private static String strip(String url) {
    String u = url.trim();
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }

  private static double percent(Env env, String name, double defaultValue) {
    String v = env.string(name, null);
    return v == null ? defaultValue : Pairs.percent(name, "value", v);
  }

  private static long parseLong(Env env, String name) {
    String v = env.string(name, null);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "=" + v + " is not a whole number: use any integer, or unset it for a random seed");
    }
  }
}
