package org.telops.signatures.telnyx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.telops.signatures.Verdict;

/**
 * Telnyx webhook signatures: Ed25519 over {@code "<telnyx-timestamp>|<raw body>"} with the JDK's own
 * Ed25519, and a timestamp tolerance so a captured webhook cannot be replayed later.
 */
public final class TelnyxSignatures {
  public static final String SIGNATURE_HEADER = "telnyx-signature-ed25519";
  public static final String TIMESTAMP_HEADER = "telnyx-timestamp";
  /** DER prefix of an X.509 SubjectPublicKeyInfo for a raw 32-byte Ed25519 key. */
  private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final PublicKey publicKey;
  private final long toleranceSeconds;

  /**
   * @param publicKeyBase64 the portal's key: base64 of 32 raw bytes (or of a full X.509 key); null = refuse all
   * @throws IllegalArgumentException when the key is not an Ed25519 public key
   */
  public TelnyxSignatures(String publicKeyBase64, long toleranceSeconds) {
    this.publicKey = publicKeyBase64 == null || publicKeyBase64.isBlank() ? null : parsePublicKey(publicKeyBase64);
    this.toleranceSeconds = toleranceSeconds;
  }

  public boolean configured() {
    return publicKey != null;
  }

  public Verdict verify(String timestamp, String signatureBase64, byte[] rawBody, Instant now) {
    if (publicKey == null) {
      return Verdict.refused("not-configured", "TELOPS_TELNYX_PUBLIC_KEY is not set");
    }
    if (timestamp == null || signatureBase64 == null || timestamp.isBlank() || signatureBase64.isBlank()) {
      return Verdict.refused("unsigned", "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header");
    }
    long ts;
    byte[] sig;
    try {
      ts = Long.parseLong(timestamp.trim());
      sig = Base64.getDecoder().decode(signatureBase64.trim());
    } catch (IllegalArgumentException e) {
      return Verdict.refused("malformed", "unreadable signature headers: " + e.getMessage());
    }
    if (sig.length != 64) {
      return Verdict.refused("malformed", "Ed25519 signature must be 64 bytes, got " + sig.length);
    }
    long age = now.getEpochSecond() - ts;
    if (Math.abs(age) > toleranceSeconds) {
      return Verdict.refused("stale", "timestamp " + ts + " is " + age + " s from now (tolerance " + toleranceSeconds + " s)");
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update((timestamp.trim() + "|").getBytes(StandardCharsets.UTF_8));
      verifier.update(rawBody);
      return verifier.verify(sig) ? Verdict.ok() : Verdict.refused("mismatch", "Ed25519 signature does not match the body");
    } catch (GeneralSecurityException e) {
      return Verdict.refused("malformed", "cannot verify: " + e.getMessage());
    }
  }

  /** Signs as Telnyx does — for the carrier simulator and tests. Returns base64. */
  public static String sign(PrivateKey privateKey, String timestamp, byte[] rawBody) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update((timestamp + "|").getBytes(StandardCharsets.UTF_8));
      signer.update(rawBody);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 unavailable", e);
    }
  }

  /** The 32 raw bytes of an Ed25519 public key, base64 — the form the Telnyx portal shows. */
  public static String rawPublicKeyBase64(PublicKey key) {
    byte[] spki = key.getEncoded();
    byte[] raw = java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    return Base64.getEncoder().encodeToString(raw);
  }

  static PublicKey parsePublicKey(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TELOPS_TELNYX_PUBLIC_KEY is not base64: " + e.getMessage());
    }
    byte[] spki = bytes;
    if (bytes.length == 32) {
      spki = new byte[ED25519_SPKI_PREFIX.length + 32];
      System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
      System.arraycopy(bytes, 0, spki, ED25519_SPKI_PREFIX.length, 32);
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TELOPS_TELNYX_PUBLIC_KEY is not an Ed25519 public key (expected base64 of "
          + "32 bytes, got " + bytes.length + " bytes)");
    }
  }
}
