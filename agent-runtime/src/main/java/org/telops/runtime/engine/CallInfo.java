package org.telops.runtime.engine;

import java.util.Map;

/**
 * The call an engine serves.
 *
 * @param callId our call id ({@code CallIds.of(carrier, carrierCallId)})
 * @param params the carrier's custom parameters (Twilio {@code <Parameter>}s, Telnyx custom_parameters
 *     and client_state fields)
 */
public record CallInfo(String callId, String carrier, String carrierCallId, String streamId, String tenant,
                       String agent, String region, String engine, String fromNumber, String toNumber,
                       String direction, Map<String, String> params) {
  public CallInfo {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
