package org.telops.carriersim.call;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One leg of a simulated call as its carrier knows it. Mutable, but only ever touched on its call's
 * Vert.x context. Fields a carrier does not have stay null (Twilio has no session id, Telnyx no
 * account SID in events).
 */
public final class Leg {
  public final String carrier;
  /** Twilio CallSid / Telnyx call_control_id. */
  public final String id;
  /** Telnyx call_leg_id (Twilio: = id). */
  public final String legId;
  /** Telnyx call_session_id, shared by both legs; Twilio: the other leg's sid. */
  public final String sessionId;
  public final String accountId;
  public final boolean inbound;
  public final String from;
  public final String to;
  public final String region;
  public final CallLifecycle life;

  /** Where status callbacks (Twilio) or events (Telnyx) for this leg go. */
  public String callbackUrl;
  /** Twilio StatusCallbackEvent names asked for (initiated, ringing, answered, completed). */
  public Set<String> callbackEvents = Set.of();
  /** Twilio: the caller's TwiML source (Url or inline Twiml); Telnyx: the dial's stream_url. */
  public String appUrl;
  public String inlineTwiml;
  public String streamUrl;
  /** Telnyx stream_bidirectional_mode=rtp: the application's audio is played to the other side. */
  public boolean streamBidirectional;
  public Map<String, String> customParameters = Map.of();
  /** Telnyx client_state (base64), echoed on every event. */
  public String clientState;
  /** Sim-only override of the far end's behaviour (SimOutcome / sim_outcome). */
  public FarEnd.Outcome forcedOutcome;
  /** Ring timeout asked for by the caller (Twilio Timeout / Telnyx timeout_secs). */
  public int ringTimeoutSeconds = 60;
  public String hangupCause;
  public String hangupSource;
  /** Twilio ErrorCode for a failed leg (11200 webhook failure, 11205 timeout). */
  public String errorCode;
  public int nextSequence;
  public Long priceMicros;
  public Double mos;

  public Leg(String carrier, String id, String legId, String sessionId, String accountId, boolean inbound, String from,
             String to, String region, Instant createdAt) {
    this.carrier = carrier;
    this.id = id;
    this.legId = legId;
    this.sessionId = sessionId;
    this.accountId = accountId;
    this.inbound = inbound;
    this.from = from;
    this.to = to;
    this.region = region;
    this.life = new CallLifecycle(createdAt);
  }

  public LegStatus status() {
    return life.status();
  }
}
