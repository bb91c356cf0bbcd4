package org.telops.carriersim;

import com.twilio.security.RequestValidator;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.telops.signatures.Verdict;
import org.telops.signatures.telnyx.TelnyxSignatures;

/**
 * The other side of the sim in tests, on real sockets: the agent's application (voice webhook, status
 * callbacks, Telnyx webhook, media WebSocket) and the caller's application (TwiML URL, media WebSocket).
 * Every webhook's signature is checked — Twilio's with the SDK's RequestValidator, Telnyx's with Ed25519
 * — and every stream message is recorded. On a stream's start, the agent sends 0x22 audio and the caller
 * 0x11 audio ({@link #audioFrames} frames of 160 bytes, then a mark), so bridging can be seen.
 */
final class TestApp {
  static final byte AGENT_AUDIO = 0x22;
  static final byte CALLER_AUDIO = 0x11;

  final Vertx vertx;
  private final HttpServer server;
  final String base;
  private final RequestValidator twilio;
  private final TelnyxSignatures telnyx;
  private final WebClient client;
  final List<String> signatureFailures = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger signaturesChecked = new AtomicInteger();
  final List<Map<String, String>> voiceRequests = Collections.synchronizedList(new ArrayList<>());
  final List<Map<String, String>> appRequests = Collections.synchronizedList(new ArrayList<>());
  final List<Map<String, String>> statusCallbacks = Collections.synchronizedList(new ArrayList<>());
  final List<Map<String, String>> streamStatus = Collections.synchronizedList(new ArrayList<>());
  final List<JsonObject> telnyxEvents = Collections.synchronizedList(new ArrayList<>());
  final List<Stream> streams = Collections.synchronizedList(new ArrayList<>());
  volatile String agentTwiml;
  volatile int audioFrames = 25;
  volatile boolean telnyxAutoAnswer = true;
  volatile String telnyxSimBase;
  volatile String telnyxApiKey;

  private TestApp(Vertx vertx, HttpServer server, String twilioToken, String telnyxPublicKey) {
    this.vertx = vertx;
    this.server = server;
    this.base = "http://127.0.0.1:" + server.actualPort();
    this.twilio = new RequestValidator(twilioToken);
    this.telnyx = new TelnyxSignatures(telnyxPublicKey, 300);
    this.client = WebClient.create(vertx);
    this.agentTwiml = "<Response><Connect><Stream url=\"" + ws("/agent-media") + "\" statusCallback=\"" + base
        + "/stream-status\"><Parameter name=\"tenant\" value=\"demo\"/><Parameter name=\"agent\" value=\"support-bot\"/>"
        + "</Stream></Connect></Response>";
  }

  static TestApp start(Vertx vertx, String twilioToken, String telnyxPublicKey) {
    Router router = Router.router(vertx);
    HttpServer server = vertx.createHttpServer();
    TestApp[] self = new TestApp[1];
    BodyHandler body = BodyHandler.create(false);
    router.post("/carriers/twilio/voice").handler(body).handler(ctx -> self[0].twilioForm(ctx, self[0].voiceRequests,
        self[0].agentTwiml));
    router.post("/carriers/twilio/status").handler(body).handler(ctx -> self[0].twilioForm(ctx, self[0].statusCallbacks, null));
    router.post("/stream-status").handler(body).handler(ctx -> self[0].twilioForm(ctx, self[0].streamStatus, null));
    router.post("/caller/twiml").handler(body).handler(ctx -> self[0].twilioForm(ctx, self[0].appRequests,
        "<Response><Connect><Stream url=\"" + self[0].ws("/caller-media") + "\"/></Connect></Response>"));
    router.post("/carriers/telnyx/webhook").handler(body).handler(ctx -> self[0].telnyxWebhook(ctx));
    server.requestHandler(router).webSocketHandler(ws -> self[0].accept(ws));
    Await.result(server.listen(0, "127.0.0.1"));
    self[0] = new TestApp(vertx, server, twilioToken, telnyxPublicKey);
    return self[0];
  }

  String ws(String path) {
    return "ws://127.0.0.1:" + server.actualPort() + path;
  }

  private static Map<String, String> form(MultiMap m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    return out;
  }

  private void twilioForm(RoutingContext ctx, List<Map<String, String>> into, String twiml) {
    Map<String, String> params = form(ctx.request().formAttributes());
    String url = base + ctx.request().uri();
    String signature = ctx.request().getHeader("X-Twilio-Signature");
    signaturesChecked.incrementAndGet();
    if (signature == null || !twilio.validate(url, params, signature)) {
      signatureFailures.add("Twilio signature invalid for " + url + " " + params);
    }
    into.add(params);
    if (twiml == null) {
      ctx.response().setStatusCode(204).end();
    } else {
      ctx.response().putHeader("Content-Type", "text/xml").end(twiml);
    }
  }

  private void telnyxWebhook(RoutingContext ctx) {
    byte[] raw = ctx.body().buffer().getBytes();
    signaturesChecked.incrementAndGet();
    Verdict v = telnyx.verify(ctx.request().getHeader(TelnyxSignatures.TIMESTAMP_HEADER),
        ctx.request().getHeader(TelnyxSignatures.SIGNATURE_HEADER), raw, Instant.now());
    if (!v.valid()) {
      signatureFailures.add("Telnyx signature invalid: " + v.detail());
    }
    JsonObject event = new JsonObject(new String(raw, StandardCharsets.UTF_8));
    telnyxEvents.add(event);
    ctx.response().setStatusCode(200).end();
    JsonObject data = event.getJsonObject("data");
    JsonObject p = data.getJsonObject("payload");
    if (telnyxAutoAnswer && "call.initiated".equals(data.getString("event_type")) && "incoming".equals(p.getString("direction"))) {
      answerTelnyx(p.getString("call_control_id"));
    }
  }

  void answerTelnyx(String ccid) {
    JsonObject body = new JsonObject().put("stream_url", ws("/agent-media-telnyx")).put("stream_track", "inbound_track")
        .put("stream_bidirectional_mode", "rtp").put("client_state",
            Base64.getEncoder().encodeToString("{\"tenant\":\"demo\"}".getBytes(StandardCharsets.UTF_8)));
    client.postAbs(telnyxSimBase + "/v2/calls/" + ccid + "/actions/answer").bearerTokenAuthentication(telnyxApiKey)
        .sendJsonObject(body);
  }

  private void accept(ServerWebSocket ws) {
    if (!ws.path().contains("telnyx")) {
      // Twilio signs the stream's WebSocket handshake like a webhook: over the ws URL, with no parameters.
      String signature = ws.headers().get("X-Twilio-Signature");
      signaturesChecked.incrementAndGet();
      if (signature == null || !twilio.validate(ws(ws.uri()), Map.of(), signature)) {
        signatureFailures.add("Twilio media-stream handshake signature invalid for " + ws(ws.uri()));
      }
    }
    Stream s = new Stream(ws.path(), ws);
    streams.add(s);
    ws.textMessageHandler(text -> {
      JsonObject m = new JsonObject(text);
      s.messages.add(m);
      if ("start".equals(m.getString("event"))) {
        s.streamId = m.containsKey("streamSid") ? m.getString("streamSid") : m.getString("stream_id");
        s.sendAudio(s.path.startsWith("/agent") ? AGENT_AUDIO : CALLER_AUDIO, audioFrames);
      }
    });
    ws.closeHandler(v -> s.closed.complete(ws.closeStatusCode()));
  }

  Stream stream(String path) {
    return Await.value("a media stream on " + path, java.time.Duration.ofSeconds(10), () -> {
      synchronized (streams) {
        return streams.stream().filter(s -> s.path.equals(path)).findFirst().orElse(null);
      }
    });
  }

  List<Map<String, String>> statusFor(String callSid) {
    synchronized (statusCallbacks) {
      return statusCallbacks.stream().filter(m -> callSid.equals(m.get("CallSid"))).toList();
    }
  }

  List<JsonObject> eventsFor(String ccid) {
    synchronized (telnyxEvents) {
      return telnyxEvents.stream().filter(e -> ccid.equals(e.getJsonObject("data").getJsonObject("payload")
          .getString("call_control_id"))).toList();
    }
  }

  void close() {
    client.close();
    Await.result(server.close());
  }

  /** One media stream the sim opened to this app. */
  static final class Stream {
    final String path;
    final ServerWebSocket ws;
    final List<JsonObject> messages = Collections.synchronizedList(new ArrayList<>());
    final CompletableFuture<Short> closed = new CompletableFuture<>();
    volatile String streamId;

    Stream(String path, ServerWebSocket ws) {
      this.path = path;
      this.ws = ws;
    }

    void sendAudio(byte value, int frames) {
      byte[] chunk = new byte[160];
      Arrays.fill(chunk, value);
      String payload = Base64.getEncoder().encodeToString(chunk);
      for (int i = 0; i < frames; i++) {
        send(new JsonObject().put("event", "media").put("media", new JsonObject().put("payload", payload)));
      }
      if (frames > 0) {
        send(new JsonObject().put("event", "mark").put("mark", new JsonObject().put("name", "audio-done")));
      }
    }

    void send(JsonObject m) {
      ws.writeTextMessage(m.put("streamSid", streamId).encode());
    }

    List<JsonObject> events(String event) {
      synchronized (messages) {
        return messages.stream().filter(m -> event.equals(m.getString("event"))).toList();
      }
    }

    /** Decoded payloads of the media frames received, in arrival order. */
    List<byte[]> payloads() {
      return events("media").stream().map(m -> Base64.getDecoder().decode(m.getJsonObject("media").getString("payload")))
          .toList();
    }

    boolean heard(byte value) {
      return payloads().stream().anyMatch(p -> p[0] == value && p[159] == value);
    }
  }
}
