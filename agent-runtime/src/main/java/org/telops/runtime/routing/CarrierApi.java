package org.telops.runtime.routing;

import io.vertx.core.Future;

/**
 * One carrier's REST API for outbound calls, one file per carrier (twilio, telnyx). Failures are
 * {@link CarrierFailure}s so the router can sort them; nothing carrier-specific leaks past the file.
 */
public interface CarrierApi {

  /** The call the carrier accepted. */
  record PlacedCall(String carrier, String carrierCallId) {}

  String carrier();

  /** The path that creates calls, short, for operator messages ("/Calls.json", "/v2/calls"). */
  String createPath();

  /** Why this carrier cannot be used (a credential is missing), or null when it can. */
  String notConfiguredReason();

  /** Asks the carrier to place the call; fails with a {@link CarrierFailure}. */
  Future<PlacedCall> create(CallRequest request);

  /** Ends a call (orphans of a timed-out create, a drill's test calls). */
  Future<Void> hangup(String carrierCallId);
}
