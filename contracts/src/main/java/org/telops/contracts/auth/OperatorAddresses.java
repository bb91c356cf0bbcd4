package org.telops.contracts.auth;

/**
 * Event-bus addresses of the operator actions. Each is request/reply: the request carries the actor in
 * headers ({@link ActorHeaders}) and a JSON object body; the operation re-checks the role, does the work,
 * writes one audit row and replies with the same JSON the REST endpoint answers. Failures are
 * {@code ReplyException}s whose failure code is the HTTP status (400, 401, 403, 404, 409, 429, 500) and
 * whose message is the operator-facing error. REST handlers and the admin UI (in-process or in its own
 * process on the clustered bus) both call these; neither is a second implementation.
 *
 * <p>Bodies (fields as in the REST API; "reason" is free text for the audit row):
 */
public final class OperatorAddresses {
  private OperatorAddresses() {}

  /** on-call. {@code {"carrier":"twilio","action":"force-open|drain|restore","reason":"…"}}. */
  public static final String CARRIER_OVERRIDE = "telops.ops.carrier.override";
  /** on-call. {@code {"to":"+1…","from":"+1…"?,"tenant"?,"agent"?,"region"?}} → the placed call. */
  public static final String CALL_PLACE = "telops.ops.call.place";
  /** admin. The drill definition JSON of {@code POST /api/v1/drills}. */
  public static final String DRILL_DEFINE = "telops.ops.drill.define";
  /** on-call. {@code {"id":"…","reason":"…"?}}. */
  public static final String DRILL_RUN = "telops.ops.drill.run";
  /** on-call. {@code {"id":"…","reason":"…"?}}. */
  public static final String DRILL_ABORT = "telops.ops.drill.abort";
  /** on-call. {@code {"id":123,"note":"…"?}}. */
  public static final String INCIDENT_ACKNOWLEDGE = "telops.ops.incident.acknowledge";
  /** on-call. {@code {"id":123,"note":"…"?}}. */
  public static final String INCIDENT_RESOLVE = "telops.ops.incident.resolve";
  /** admin. {@code {"name","role","password"}} → the user (no hash). */
  public static final String USER_ADD = "telops.ops.user.add";
  /** admin. {@code {}} → {@code {"users":[…]}}. */
  public static final String USER_LIST = "telops.ops.user.list";
  /**
   * admin, or the user themself for a password change. {@code {"name","role"?,"disabled"?,"password"?,
   * "currentPassword"?}} (a non-admin changing their own password gives the current one).
   */
  public static final String USER_UPDATE = "telops.ops.user.update";
  /** admin. {@code {"name","role","expiresInDays"?}} → {@code {"token":"…" (shown once),"name",…}}. */
  public static final String TOKEN_CREATE = "telops.ops.token.create";
  /** admin. {@code {}} → {@code {"tokens":[…]}} (no secrets). */
  public static final String TOKEN_LIST = "telops.ops.token.list";
  /** admin. {@code {"name":"…"}}. */
  public static final String TOKEN_REVOKE = "telops.ops.token.revoke";
  /** admin. {@code {}} → the rows deleted per table. */
  public static final String RETENTION_RUN = "telops.ops.retention.run";
  /** admin. {@code {"e164":"+1…"}} → the receipt (rows touched per table). */
  public static final String SUBSCRIBER_ERASE = "telops.ops.subscriber.erase";
  /** admin. {@code {"from"?,"to"?,"actor"?,"action"?,"limit"?}} → {@code {"entries":[…]}}. Not audited itself. */
  public static final String AUDIT_QUERY = "telops.ops.audit.query";
}
