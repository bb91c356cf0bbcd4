package org.telops.contracts.bus;

/**
 * Event-bus addresses. Payloads are JSON objects (so the same code runs on the clustered bus); each
 * address names the codec class in {@code org.telops.contracts.json} that reads and writes it.
 */
public final class Addresses {
  private Addresses() {}

  /** CDR fragments to store; point-to-point to the cdr-collector; body {@code CallRecordJson}. Reply: "queued" or a failure. */
  public static final String CDR_INGEST = "telops.cdr.ingest";
  /** Live call lifecycle; published; body {@code CallEventJson}. */
  public static final String CALL_EVENTS = "telops.call.events";
  /** Quality samples every 10 s per live call; published. */
  public static final String QUALITY_SAMPLES = "telops.quality.samples";
  /**
   * Publish: a moment of a call's media stream as stored in {@code call_events} — {"callId","at","seq","kind","detail"};
   * kinds stream-start, dtmf, barge-in, playback-finished, carrier-error, provider-failure, stream-stop.
   */
  public static final String CALL_MOMENTS = "telops.call.moments";
  /** Per-turn latency breakdowns; published. */
  public static final String CALL_TURNS = "telops.call.turns";
  /** Every signature-verified Telnyx webhook event, raw Telnyx JSON; published for whichever module acts on it. */
  public static final String TELNYX_EVENTS = "telops.carrier.telnyx.events";
  /**
   * Every signature-verified Twilio call status callback, as {@code {"callSid", "callStatus", "at"}}; published (the
   * agent runtime ends a record-path call when its carrier says the call completed).
   */
  public static final String TWILIO_STATUS = "telops.carrier.twilio.status";
  /** Carrier circuit state changes; published. */
  public static final String CARRIER_STATE = "telops.carrier.state";
  /**
   * Carrier health figures every few seconds per carrier (API latency, error rate, connect success, calls
   * in flight, circuit, mode); published by the agent-runtime carrier router.
   */
  public static final String CARRIER_HEALTH = "telops.carrier.health";
  /**
   * Region health verdicts from the synthetic prober; published. Body {@code {"region":"us-east",
   * "carrier":"twilio" (absent = every carrier), "state":"removed"|"restored", "reason":"…", "at":ISO}}.
   * The carrier router stops sending a region's new calls to a removed (carrier, region) pair.
   */
  public static final String REGION_HEALTH = "telops.region.health";
  /** Probe results; published. */
  public static final String PROBE_RESULTS = "telops.probe.results";
  /** Alerts opened/resolved; published. */
  public static final String ALERTS = "telops.alerts";
  /** Incidents opened/updated; published. */
  public static final String INCIDENTS = "telops.incidents";
}
