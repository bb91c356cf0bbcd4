package org.telops.runtime.session;

/** The agent's decision to end a call: hang up, or transfer to {@code target} (number or SIP URI). */
public record CallEnd(Kind kind, String target, String reason) {
  public enum Kind { HANGUP, TRANSFER }

  public static CallEnd hangup(String reason) {
    return new CallEnd(Kind.HANGUP, null, reason);
  }

  public static CallEnd transfer(String target, String reason) {
    return new CallEnd(Kind.TRANSFER, target, reason);
  }
}
