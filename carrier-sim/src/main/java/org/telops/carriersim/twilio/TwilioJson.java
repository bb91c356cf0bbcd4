package org.telops.carriersim.twilio;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.telops.carriersim.billing.BilledCall;
import org.telops.carriersim.call.Leg;

/** Twilio's JSON: the Call resource (live or finished) and the error body. */
public final class TwilioJson {
  private TwilioJson() {}

  public static JsonObject call(Leg leg, String currency) {
    boolean done = leg.status().isFinal();
    return resource(leg.accountId, leg.id, leg.from, leg.to, leg.inbound, leg.status().wire(),
        TwilioFormats.date(leg.life.createdAt()), TwilioFormats.date(leg.life.endedAt() != null ? leg.life.endedAt()
            : leg.life.createdAt()), TwilioFormats.date(leg.life.startedAt()), TwilioFormats.date(leg.life.endedAt()),
        done ? String.valueOf(leg.life.durationSeconds()) : null, done ? TwilioFormats.price(leg.priceMicros) : null,
        currency);
  }

  public static JsonObject call(BilledCall c) {
    return resource(c.accountId(), c.callId(), c.from(), c.to(), c.inbound(), c.status(), TwilioFormats.date(c.createdAt()),
        TwilioFormats.date(c.endedAt()), TwilioFormats.date(c.startedAt()), TwilioFormats.date(c.endedAt()),
        String.valueOf(c.durationSeconds()), TwilioFormats.price(c.priceMicros()), c.currency());
  }

  private static JsonObject resource(String account, String sid, String from, String to, boolean inbound, String status,
                                     String created, String updated, String start, String end, String duration,
                                     String price, String currency) {
    String uri = "/2010-04-01/Accounts/" + account + "/Calls/" + sid + ".json";
    String base = "/2010-04-01/Accounts/" + account + "/Calls/" + sid;
    return new JsonObject()
        .put("account_sid", account).put("annotation", null).put("answered_by", null).put("api_version", "2010-04-01")
        .put("caller_name", null).put("date_created", created).put("date_updated", updated)
        .put("direction", inbound ? "inbound" : "outbound-api").put("duration", duration).put("end_time", end)
        .put("forwarded_from", null).put("from", from).put("from_formatted", TwilioFormats.formatted(from))
        .put("group_sid", null).put("parent_call_sid", null).put("phone_number_sid", null).put("price", price)
        .put("price_unit", currency).put("queue_time", "0").put("sid", sid).put("start_time", start).put("status", status)
        .put("subresource_uris", new JsonObject().put("notifications", base + "/Notifications.json")
            .put("recordings", base + "/Recordings.json").put("payments", base + "/Payments.json")
            .put("events", base + "/Events.json").put("siprec", base + "/Siprec.json")
            .put("streams", base + "/Streams.json").put("user_defined_message_subscriptions",
                base + "/UserDefinedMessageSubscriptions.json").put("user_defined_messages", base + "/UserDefinedMessages.json"))
        .put("to", to).put("to_formatted", TwilioFormats.formatted(to)).put("trunk_sid", null).put("uri", uri);
  }

  /** Twilio's error body: {"code":…, "message":…, "more_info":…, "status":…}. */
  public static void error(RoutingContext ctx, int status, int code, String message) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("code", code).put("message", message)
            .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status).encode());
  }

  /** For faults: the error code Twilio uses with the status. */
  public static void faultError(RoutingContext ctx, int status, String message) {
    error(ctx, status, status == 429 ? 20429 : status == 503 ? 20503 : 20500, message);
  }
}
