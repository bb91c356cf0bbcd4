package org.telops.signatures;

/**
 * The outcome of checking a carrier's signature. {@link #reason()} is a short metric tag
 * (ok, unsigned, not-configured, malformed, mismatch, stale) so refusals can be counted by cause.
 */
public record Verdict(boolean valid, String reason, String detail) {

  public static Verdict ok() {
    return new Verdict(true, "ok", "signature valid");
  }

  public static Verdict refused(String reason, String detail) {
    return new Verdict(false, reason, detail);
  }
}
