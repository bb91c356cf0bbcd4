package org.telops.contracts.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carrier secrets. Unset means the carrier's webhooks are refused (403) and a warning is logged at start:
 * an unverifiable webhook is never trusted.
 *
 * @param telnyxPublicKey base64 of the 32-byte Ed25519 public key from the Telnyx portal
 * @param telnyxToleranceSeconds how old a signed Telnyx timestamp may be (replay window)
 */
public record CarrierCredentials(String twilioAccountSid, String twilioAuthToken, String telnyxApiKey,
                                 String telnyxPublicKey, int telnyxToleranceSeconds) {

  public static CarrierCredentials fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    return new CarrierCredentials(
        env.string("TELOPS_TWILIO_ACCOUNT_SID", null),
        env.string("TELOPS_TWILIO_AUTH_TOKEN", null),
        env.string("TELOPS_TELNYX_API_KEY", null),
        env.string("TELOPS_TELNYX_PUBLIC_KEY", null),
        env.integer("TELOPS_TELNYX_TOLERANCE_SECONDS", 300, 1, 86_400));
  }

  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TELOPS_TWILIO_ACCOUNT_SID", twilioAccountSid == null ? "(not set)" : Env.mask(twilioAccountSid));
    m.put("TELOPS_TWILIO_AUTH_TOKEN", Env.mask(twilioAuthToken));
    m.put("TELOPS_TELNYX_API_KEY", Env.mask(telnyxApiKey));
    m.put("TELOPS_TELNYX_PUBLIC_KEY", telnyxPublicKey == null ? "(not set)" : telnyxPublicKey);
    m.put("TELOPS_TELNYX_TOLERANCE_SECONDS", String.valueOf(telnyxToleranceSeconds));
    return m;
  }
}
