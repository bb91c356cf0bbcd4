package org.telops.prober.carrier;

import io.vertx.core.Future;

/**
 * The three things a probe asks a carrier's REST API: place a call whose caller leg streams its media
 * to the prober, ask how the call is doing, hang it up. One implementation per carrier; failures are
 * {@link CarrierException}s that name the carrier, the request and what came back.
 */
public interface CarrierCalls {

  String carrier();

  /** Null when the carrier can be used, else what is missing (e.g. "TELOPS_TWILIO_AUTH_TOKEN is not set"). */
  String notConfiguredReason();

  /** Places the call; completes with the carrier's call id. */
  Future<String> place(DialRequest request);

  Future<CallState> status(String callId);

  /** Ends the call (harmless if it already ended); completes with what the carrier says it cost, if anything. */
  Future<HangupReceipt> hangup(String callId);

  /**
   * @param mediaUrl ws(s):// URL of the prober's media stream for this call
   * @param ringTimeoutSeconds how long the carrier lets it ring
   * @param simProfile carrier-sim impairment region, sent only when not null
   */
  record DialRequest(String from, String to, String mediaUrl, int ringTimeoutSeconds, String simProfile) {}

  /**
   * What the carrier's bill says.
   *
   * @param durationSeconds billed call duration, null if not reported
   * @param priceMicros positive price in micro-units of currency, null if not (yet) reported
   */
  record HangupReceipt(Integer durationSeconds, Long priceMicros, String currency) {
    public static final HangupReceipt NONE = new HangupReceipt(null, null, null);
  }
}
