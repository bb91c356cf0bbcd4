package org.telops.carriersim.config;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.telops.contracts.config.ConfigException;
import org.telops.contracts.config.Env;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * The secrets the sim plays the carriers with: it accepts Twilio Basic auth and the Telnyx Bearer key,
 * and signs webhooks with the Twilio auth token and the Telnyx Ed25519 private key. Whatever is not set
 * is generated at start ({@link #generated()} names it, so the start-up log can say so).
 *
 * @param telnyxPublicKey base64 of the 32 raw bytes: what the platform needs as TELOPS_TELNYX_PUBLIC_KEY;
 *     null when only the private key was given (the JDK cannot derive it) and TELOPS_TELNYX_PUBLIC_KEY is unset
 */
public record SimCredentials(String twilioAccountSid, String twilioAuthToken, String telnyxApiKey,
                             PrivateKey telnyxPrivateKey, String telnyxPublicKey, List<String> generated) {

  public static SimCredentials fromEnv(Map<String, String> environment) {
    Env env = new Env(environment);
    SecureRandom random = new SecureRandom();
    List<String> generated = new ArrayList<>();
    String sid = env.string("TELOPS_TWILIO_ACCOUNT_SID", null);
    if (sid == null) {
      sid = "AC" + hex(random, 16);
      generated.add("TELOPS_TWILIO_ACCOUNT_SID");
    }
    String token = env.string("TELOPS_TWILIO_AUTH_TOKEN", null);
    if (token == null) {
      token = hex(random, 16);
      generated.add("TELOPS_TWILIO_AUTH_TOKEN");
    }
    String apiKey = env.string("TELOPS_TELNYX_API_KEY", null);
    if (apiKey == null) {
      apiKey = "KEY" + hex(random, 16).toUpperCase(java.util.Locale.ROOT);
      generated.add("TELOPS_TELNYX_API_KEY");
    }
    String privateText = env.string("TELOPS_SIM_TELNYX_PRIVATE_KEY", null);
    PrivateKey privateKey;
    String publicKey = env.string("TELOPS_TELNYX_PUBLIC_KEY", null);
    if (privateText == null) {
      KeyPair pair = generateEd25519();
      privateKey = pair.getPrivate();
      publicKey = TelnyxSignatures.rawPublicKeyBase64(pair.getPublic());
      generated.add("TELOPS_SIM_TELNYX_PRIVATE_KEY");
    } else {
      privateKey = parsePrivateKey(privateText);
    }
    return new SimCredentials(sid, token, apiKey, privateKey, publicKey, List.copyOf(generated));
  }

  public static KeyPair generateEd25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519", e);
    }
  }

  /** Base64 PKCS#8, the form {@code PrivateKey.getEncoded()} gives. */
  public static String encodePrivateKey(PrivateKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  static PrivateKey parsePrivateKey(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64.trim());
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new ConfigException("TELOPS_SIM_TELNYX_PRIVATE_KEY is not a base64 PKCS#8 Ed25519 private key ("
          + e.getMessage() + "): unset it to let the sim generate one, or use Base64(PrivateKey.getEncoded())");
    }
  }

  private static String hex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
