package org.telops.carriersim.call;

import java.util.List;

import java.util.Map;

/**
 * What an application told the carrier to do with a leg (TwiML, or a Telnyx answer/reject action).
 *
 * @param streamUrl for STREAM: the WebSocket to open
 * @param bidirectional Twilio &lt;Connect&gt; / Telnyx bidirectional mode: the app's audio is played to the other side
 * @param streamStatusCallback Twilio &lt;Stream statusCallback&gt;, or null
 * @param errorCode for FAILED: Twilio error code (11200 HTTP failure, 11205 timeout, 12100 bad TwiML)
 * @param verbs for VERBS: what the leg does in order (play, record, redirect, pause, hang up, dial)
 * @param connectAction for STREAM: Twilio {@code <Connect action>}, requested when the stream ends while the call goes on
 */
public record LegPlan(Action action, String streamUrl, String streamName, Map<String, String> parameters,
                      boolean bidirectional, String streamStatusCallback, String rejectReason, String errorCode,
                      String detail, List<AppVerb> verbs, String connectAction) {

  public enum Action {
    /** Answer and stream media to {@code streamUrl}. */
    STREAM,
    /** Answer, no stream (e.g. only &lt;Say&gt;/&lt;Pause&gt;): the leg is silent. */
    ANSWER,
    /** Answer and hang up at once. */
    HANGUP,
    /** Do not answer: busy / rejected. */
    REJECT,
    /** The application could not be reached or answered nonsense. */
    FAILED,
    /** Nobody answered in time. */
    NO_ANSWER,
    /** Answer and run {@link #verbs} in order (TwiML with {@code <Record>} or {@code <Redirect>}). */
    VERBS
  }

  public LegPlan {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    verbs = verbs == null ? List.of() : List.copyOf(verbs);
  }

  public static LegPlan verbs(List<AppVerb> verbs) {
    return new LegPlan(Action.VERBS, null, null, Map.of(), false, null, null, null, null, verbs, null);
  }

  /** The same stream plan with a {@code <Connect action>} URL. */
  public LegPlan withConnectAction(String url) {
    return new LegPlan(action, streamUrl, streamName, parameters, bidirectional, streamStatusCallback, rejectReason,
        errorCode, detail, verbs, url);
  }

  public static LegPlan stream(String url, String name, Map<String, String> parameters, boolean bidirectional,
                               String statusCallback) {
    return new LegPlan(Action.STREAM, url, name, parameters, bidirectional, statusCallback, null, null, null, null, null);
  }

  public static LegPlan of(Action action) {
    return new LegPlan(action, null, null, Map.of(), false, null, null, null, null, null, null);
  }

  public static LegPlan reject(String reason) {
    return new LegPlan(Action.REJECT, null, null, Map.of(), false, null, reason, null, null, null, null);
  }

  public static LegPlan failed(String errorCode, String detail) {
    return new LegPlan(Action.FAILED, null, null, Map.of(), false, null, null, errorCode, detail, null, null);
  }
}
