package org.telops.carriersim.call;

import io.vertx.core.Future;
import org.telops.carriersim.media.StreamCodec;

/**
 * What differs between carriers in running a call: how a leg's state changes are reported (Twilio
 * status callbacks, Telnyx Call Control events), how an inbound leg asks the application what to do
 * (Twilio voice webhook + TwiML, Telnyx call.initiated + answer action), what the caller's application
 * asked for once its call is answered, and the media stream format. One per carrier, in its package.
 */
public interface CarrierDriver {

  String carrier();

  /** A new leg id in the carrier's format (CA… / v3:…). */
  String newCallId();

  /** Reports a state change of {@code leg} to the application (signed, possibly reordered or doubled). */
  void statusChanged(SimCall call, Leg leg, LegStatus status);

  /** An inbound leg rings at a hosted number: find out what the application wants. */
  Future<LegPlan> offerInbound(SimCall call, Leg leg);

  /** The caller's outbound leg was answered: what does the caller's application want on it. */
  Future<LegPlan> outboundAnswered(SimCall call, Leg leg);

  StreamCodec codec();

  /**
   * Headers of the media-stream WebSocket handshake. Twilio signs it like a webhook (X-Twilio-Signature
   * over the wss URL, no parameters), so an application can refuse a stream nobody placed.
   */
  default java.util.Map<String, String> streamHandshakeHeaders(String url) {
    return java.util.Map.of();
  }

  /** A new stream id in the carrier's format (MZ… / UUID). */
  String newStreamId();

  /** The leg's stream opened (Telnyx streaming.started, Twilio stream statusCallback stream-started). */
  default void streamStarted(SimCall call, Leg leg, LegPlan plan, String streamId) {}

  /** The leg's stream ended. */
  default void streamStopped(SimCall call, Leg leg, LegPlan plan, String streamId) {}

  /**
   * Whether the call ends when the application closes its stream: true on Twilio (&lt;Connect&gt;
   * returns and the TwiML has nothing left), false on Telnyx (the call lives on until a hangup action).
   */
  boolean streamCloseEndsCall();

  /**
   * Asks an application for new instructions ({@code <Redirect>}, a {@code <Record>} or {@code <Connect>} action):
   * the call's parameters plus {@code extra}, signed as the carrier signs its webhooks.
   */
  Future<LegPlan> fetchInstructions(SimCall call, Leg leg, String url, java.util.Map<String, String> extra);

  /** Keeps a recording (a WAV) and returns its id. */
  String storeRecording(Leg leg, byte[] wav);

  /** Where the application fetches a recording (as the carrier's action request names it). */
  String recordingUrl(Leg leg, String recordingId);
}
