package org.telops.runtime.it;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A carrier's side of a media stream, frame for frame: Twilio (camelCase, streamSid) or Telnyx (snake_case,
 * stream_id). It sends caller audio in 20 ms frames at real pacing, and plays what the runtime sends the
 * way a carrier does: queued audio is consumed at one 20 ms frame per tick ({@code playbackSpeed} × real
 * time), a mark is echoed once the audio before it has played, {@code clear} drops the queue and echoes
 * the pending marks. Everything it sees is recorded for assertions.
 */
public final class CarrierStream implements AutoCloseable {
  public enum Dialect { TWILIO, TELNYX }

  public final Dialect dialect;
  private final Vertx vertx;
  private final WebSocketClient client;
  private final double playbackSpeed;
  private WebSocket ws;
  private Context ctx;
  private final String streamId = "MZ" + Long.toHexString(System.nanoTime());
  private final AtomicInteger sequence = new AtomicInteger();
  private long chunk;
  private final ArrayDeque<Object> playQueue = new ArrayDeque<>();
  private long playTimer = -1;

  public final List<String> received = new CopyOnWriteArrayList<>();
  public final List<String> marksEchoed = new CopyOnWriteArrayList<>();
  public final List<Long> mediaArrivalNanos = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream heard = new ByteArrayOutputStream();
  public final AtomicInteger clears = new AtomicInteger();
  public final AtomicInteger mediaFrames = new AtomicInteger();
  public final CompletableFuture<String> closed = new CompletableFuture<>();

  private CarrierStream(Vertx vertx, Dialect dialect, double playbackSpeed) {
    this.vertx = vertx;
    this.dialect = dialect;
    this.client = vertx.createWebSocketClient();
    this.playbackSpeed = playbackSpeed;
  }

  /** Connects; {@code headers} e.g. X-Twilio-Signature. Fails with the HTTP status when the upgrade is refused. */
  public static CarrierStream connect(Vertx vertx, int port, String path, Map<String, String> headers, Dialect dialect,
                                      double playbackSpeed) throws Exception {
    CarrierStream s = new CarrierStream(vertx, dialect, playbackSpeed);
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path);
    headers.forEach(o::addHeader);
    CompletableFuture<Void> up = new CompletableFuture<>();
    vertx.runOnContext(v -> {
      s.ctx = vertx.getOrCreateContext();
      s.client.connect(o).onComplete(ar -> {
        if (ar.failed()) {
          up.completeExceptionally(ar.cause());
          return;
        }
        s.ws = ar.result();
        s.ws.textMessageHandler(s::onText);
        s.ws.closeHandler(x -> s.closed.complete(s.ws.closeStatusCode() + " " + s.ws.closeReason()));
        s.playTimer = vertx.setPeriodic(Math.max(1, Math.round(20 / playbackSpeed)), t -> s.playTick());
        up.complete(null);
      });
    });
    up.get(10, TimeUnit.SECONDS);
    return s;
  }

  private void onText(String text) {
    received.add(text);
    JsonObject o = new JsonObject(text);
    switch (o.getString("event")) {
      case "media" -> {
        mediaFrames.incrementAndGet();
        mediaArrivalNanos.add(System.nanoTime());
        playQueue.add(Base64.getDecoder().decode(o.getJsonObject("media").getString("payload")));
      }
      case "mark" -> {
        String name = o.getJsonObject("mark").getString("name");
        if (playQueue.isEmpty()) {
          echoMark(name);
        } else {
          playQueue.add(name);
        }
      }
      case "clear" -> {
        clears.incrementAndGet();
        while (!playQueue.isEmpty()) {
          if (playQueue.poll() instanceof String mark) {
            echoMark(mark);
          }
        }
      }
      default -> { }
    }
  }

  private void playTick() {
    while (playQueue.peek() instanceof String mark) {
      playQueue.poll();
      echoMark(mark);
    }
    if (playQueue.peek() instanceof byte[] frame) {
      playQueue.poll();
      synchronized (heard) {
        heard.writeBytes(frame);
      }
    }
    while (playQueue.peek() instanceof String mark) {
      playQueue.poll();
      echoMark(mark);
    }
  }

  private void echoMark(String name) {
    marksEchoed.add(name);
    JsonObject mark = new JsonObject().put("name", name);
    send(dialect == Dialect.TWILIO
        ? envelope("mark").put("mark", mark)
        : envelope("mark").put("mark", mark));
  }

  private JsonObject envelope(String event) {
    JsonObject o = new JsonObject().put("event", event);
    if (dialect == Dialect.TWILIO) {
      o.put("sequenceNumber", String.valueOf(sequence.incrementAndGet())).put("streamSid", streamId);
    } else {
      o.put("sequence_number", String.valueOf(sequence.incrementAndGet())).put("stream_id", streamId);
    }
    return o;
  }

  private void send(JsonObject o) {
    sendText(o.encode());
  }

  /** Any text frame, as is (bad input tests). */
  public void sendText(String text) {
    ctx.runOnContext(v -> {
      if (!ws.isClosed()) {
        ws.writeTextMessage(text);
      }
    });
  }

  /** A text (or binary) message cut into {@code parts} fragments: a first frame and continuations. */
  public void sendFragmented(byte[] message, int parts, boolean binary) {
    ctx.runOnContext(v -> {
      if (ws.isClosed()) {
        return;
      }
      int size = (message.length + parts - 1) / parts;
      for (int i = 0, from = 0; from < message.length; i++, from += size) {
        Buffer part = Buffer.buffer(java.util.Arrays.copyOfRange(message, from, Math.min(message.length, from + size)));
        boolean last = from + size >= message.length;
        io.vertx.core.http.WebSocketFrame f = i > 0 ? io.vertx.core.http.WebSocketFrame.continuationFrame(part, last)
            : binary ? io.vertx.core.http.WebSocketFrame.binaryFrame(part, last)
            : io.vertx.core.http.WebSocketFrame.textFrame(part.toString(java.nio.charset.StandardCharsets.UTF_8), last);
        ws.writeFrame(f);
      }
    });
  }

  public void sendBinary(byte[] bytes) {
    ctx.runOnContext(v -> {
      if (!ws.isClosed()) {
        ws.writeBinaryMessage(Buffer.buffer(bytes));
      }
    });
  }

  /** connected + start. {@code clientState} is Telnyx's (base64) and may be null. */
  public void start(String callId, Map<String, String> params, String clientState) {
    if (dialect == Dialect.TWILIO) {
      send(new JsonObject().put("event", "connected").put("protocol", "Call").put("version", "1.0.0"));
      JsonObject start = new JsonObject().put("streamSid", streamId).put("accountSid", "AC00").put("callSid", callId)
          .put("tracks", new io.vertx.core.json.JsonArray().add("inbound"))
          .put("customParameters", new JsonObject(new java.util.HashMap<>(params)))
          .put("mediaFormat", new JsonObject().put("encoding", "audio/x-mulaw").put("sampleRate", 8000).put("channels", 1));
      send(envelope("start").put("start", start));
    } else {
      send(new JsonObject().put("event", "connected").put("version", "1.0.0"));
      JsonObject start = new JsonObject().put("call_control_id", callId).put("call_session_id", "sess-1")
          .put("from", "+15550001").put("to", "+15550002")
          .put("custom_parameters", new JsonObject(new java.util.HashMap<>(params)))
          .put("media_format", new JsonObject().put("encoding", "PCMU").put("sample_rate", 8000).put("channels", 1));
      if (clientState != null) {
        start.put("client_state", clientState);
      }
      send(envelope("start").put("start", start));
    }
  }

  /**
   * Sends audio as 20 ms frames at real pacing (each frame due at start + n·20 ms). {@code order} maps the
   * sending position to the frame index within each group of its length (e.g. {0,2,1}: swap frames 2 and 3
   * of every three); null sends in order. Completes when the last frame is sent.
   */
  public CompletableFuture<Void> stream(byte[] ulaw, int[] order) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    int frames = ulaw.length / 160;
    long[] chunkBase = new long[1];
    ctx.runOnContext(v -> {
      chunkBase[0] = chunk;
      chunk += frames;
      long t0 = System.nanoTime();
      sendFrame(ulaw, frames, order, chunkBase[0], 0, t0, done);
    });
    return done;
  }

  private void sendFrame(byte[] ulaw, int frames, int[] order, long base, int pos, long t0, CompletableFuture<Void> done) {
    if (pos >= frames || ws.isClosed()) {
      done.complete(null);
      return;
    }
    int index = pos;
    if (order != null) {
      int group = pos / order.length * order.length;
      int within = order[pos % order.length];
      index = group + within < frames ? group + within : pos;
    }
    byte[] frame = java.util.Arrays.copyOfRange(ulaw, index * 160, index * 160 + 160);
    sendMedia(frame, base + index + 1);
    long nextDue = t0 + (pos + 1) * 20_000_000L;
    long delayMs = Math.max(1, (nextDue - System.nanoTime()) / 1_000_000);
    vertx.setTimer(delayMs, t -> sendFrame(ulaw, frames, order, base, pos + 1, t0, done));
  }

  private final java.util.concurrent.ConcurrentLinkedQueue<byte[]> mic = new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final byte[] SILENT_FRAME = new byte[160];
  static {
    java.util.Arrays.fill(SILENT_FRAME, (byte) 0xFF);
  }

  /**
   * A caller's line: from now on a frame every 20 ms (due at t0 + n·20 ms, so no drift), taken from what
   * {@link #say} queued, or silence — carriers stream continuously, silence included.
   */
  public void openMicrophone() {
    ctx.runOnContext(v -> micFrame(System.nanoTime(), 0));
  }

  /** Queues caller audio on the open microphone; it is spoken after what is already queued. */
  public void say(byte[] ulaw) {
    for (int i = 0; i + 160 <= ulaw.length; i += 160) {
      mic.add(java.util.Arrays.copyOfRange(ulaw, i, i + 160));
    }
  }

  /** True when everything said has been sent. */
  public boolean saidAll() {
    return mic.isEmpty();
  }

  private void micFrame(long t0, long n) {
    if (ws.isClosed()) {
      return;
    }
    byte[] frame = mic.poll();
    sendMedia(frame == null ? SILENT_FRAME : frame, ++chunk);
    long delayMs = Math.max(1, (t0 + (n + 1) * 20_000_000L - System.nanoTime()) / 1_000_000);
    vertx.setTimer(delayMs, t -> micFrame(t0, n + 1));
  }

  private void sendMedia(byte[] frame, long c) {
    JsonObject media = new JsonObject().put("track", "inbound").put("chunk", String.valueOf(c))
        .put("timestamp", String.valueOf((c - 1) * 20)).put("payload", Base64.getEncoder().encodeToString(frame));
    if (!ws.isClosed()) {
      ws.writeTextMessage(envelope("media").put("media", media).encode());
    }
  }

  public void dtmf(char digit) {
    JsonObject d = new JsonObject().put("digit", String.valueOf(digit));
    if (dialect == Dialect.TWILIO) {
      d.put("track", "inbound_track");
    }
    send(envelope("dtmf").put("dtmf", d));
  }

  public void stop() {
    send(envelope("stop").put("stop", new JsonObject().put("accountSid", "AC00").put("callSid", "x")));
  }

  /** Audio played so far (what a caller heard), μ-law. */
  public byte[] heard() {
    synchronized (heard) {
      return heard.toByteArray();
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  public long count(String event) {
    return received.stream().filter(t -> t.contains("\"event\":\"" + event + "\"")).count();
  }

  @Override
  public void close() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ctx.runOnContext(v -> {
      vertx.cancelTimer(playTimer);
      if (ws != null && !ws.isClosed()) {
        ws.close().onComplete(x -> done.complete(null));
      } else {
        done.complete(null);
      }
    });
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
