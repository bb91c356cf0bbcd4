package org.telops.signatures.twilio;

import com.twilio.security.RequestValidator;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.TreeMap;
import org.telops.signatures.Verdict;

/**
 * X-Twilio-Signature checks through the Twilio SDK's {@link RequestValidator} (HMAC-SHA1 over the full
 * URL plus the sorted form parameters; for JSON bodies a bodySHA256 query parameter). The URL must be
 * the one Twilio called — the public base URL, not the local one.
 */
public final class TwilioSignatures {
  public static final String HEADER = "X-Twilio-Signature";

  private final RequestValidator validator;

  /** @param authToken null when not configured: every request is then refused. */
  public TwilioSignatures(String authToken) {
    this.validator = authToken == null || authToken.isBlank() ? null : new RequestValidator(authToken);
  }

  public boolean configured() {
    return validator != null;
  }

  /** A form-encoded callback (status callbacks, voice webhooks). */
  public Verdict verifyForm(String url, Map<String, String> params, String signature) {
    Verdict pre = precheck(signature);
    if (pre != null) {
      return pre;
    }
    return validator.validate(url, params, signature) ? Verdict.ok()
        : Verdict.refused("mismatch", "X-Twilio-Signature does not match " + url);
  }

  /** A JSON body: the URL carries bodySHA256 which must match the body, and the URL is signed. */
  public Verdict verifyJson(String url, String body, String signature) {
    Verdict pre = precheck(signature);
    if (pre != null) {
      return pre;
    }
    try {
      return validator.validate(url, body, signature) ? Verdict.ok()
          : Verdict.refused("mismatch", "X-Twilio-Signature or bodySHA256 does not match " + url);
    } catch (URISyntaxException | RuntimeException e) {
      return Verdict.refused("malformed", "cannot check URL " + url + ": " + e.getMessage());
    }
  }

  private Verdict precheck(String signature) {
    if (validator == null) {
      return Verdict.refused("not-configured", "TELOPS_TWILIO_AUTH_TOKEN is not set");
    }
    if (signature == null || signature.isBlank()) {
      return Verdict.refused("unsigned", "no " + HEADER + " header");
    }
    return null;
  }

  /**
   * Computes the signature Twilio would send — for the carrier simulator and tests, which play Twilio.
   * Same algorithm the SDK validates: base64(HMAC-SHA1(token, url + Σ sorted(name + value))).
   */
  public static String sign(String authToken, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }
}
