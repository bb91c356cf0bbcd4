import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.telops.runtime.Fixtures;
import org.telops.runtime.engine.EngineRegistry;
import org.telops.runtime.engine.echo.EchoEngine;
import org.telops.runtime.session.BadInput;
import org.telops.runtime.session.CallDefaults;
import org.telops.runtime.session.CallEnd;
import org.telops.runtime.session.CallSession;
import org.telops.runtime.session.CarrierLink;
import org.telops.runtime.session.SessionListener;
import org.telops.runtime.session.SessionSettings;
import org.telops.runtime.twilio.TwilioSerializer;

/**
 * CPU per media frame on one thread, without sockets: frame bytes → parse → session (VAD, DTMF, stats) → echo
 * engine → encoded reply bytes, as the socket path does it. With SESSIONS calls served round-robin (as an event
 * loop serves its streams), each frame finds its call's state out of the CPU caches, as it does in production;
 * with 1 session everything stays in L1. Usage: FramePathBench [framesPerRound] [sessions ...]
 * With -Dpollute=KB, each frame is preceded by reading KB of other memory (one load per 64-byte line, walking a
 * 16 MiB array), as the kernel's networking and the event loop's other work do to the caches between two frames
 * in the server; the time of that walk alone is measured separately and subtracted.
 */
public final class FramePathBench {
  public static void main(String[] args) {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int[] sessionCounts = args.length > 1
        ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 1000};
    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    // Frame texts for chunks 1..distinct, built once; every call plays them in order.
    int distinct = audio.length / 160;
    byte[][] texts = new byte[distinct][];
    for (int i = 0; i < distinct; i++) {
      long chunk = i + 1;
      texts[i] = ("{\"event\":\"media\",\"sequenceNumber\":\"" + (chunk + 1) + "\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
          + chunk + "\",\"timestamp\":\"" + (chunk - 1) * 20 + "\",\"payload\":\""
          + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, i * 160, i * 160 + 160)) + "\"}}")
          .getBytes(StandardCharsets.US_ASCII);
    }
    for (int sessions : sessionCounts) {
      run(frames, sessions, texts);
    }
  }

  static final int POLLUTE_LINES = Integer.getInteger("pollute", 0) * 1024 / 64;
  static final byte[] OTHER = new byte[16 << 20];
  static int otherAt;
  static long otherSum;

  /** Reads POLLUTE_LINES cache lines of other memory, sequentially from where the last walk stopped. */
  static void pollute() {
    int at = otherAt;
    long sum = 0;
    for (int i = 0; i < POLLUTE_LINES; i++) {
      sum += OTHER[at];
      at = (at + 64) & (OTHER.length - 1);
    }
    otherAt = at;
    otherSum += sum;
  }

  /** µs per call of {@link #pollute()} on its own. */
  static double pollutionMicros(int frames) {
    long t0 = System.nanoTime();
    for (int i = 0; i < frames; i++) {
      pollute();
    }
    return (System.nanoTime() - t0) / 1e3 / frames;
  }

  static void run(int frames, int sessions, byte[][] texts) {
    TwilioSerializer[] protocols = new TwilioSerializer[sessions];
    CallSession[] calls = new CallSession[sessions];
    long[] bytesOut = {0};
    for (int k = 0; k < sessions; k++) {
      TwilioSerializer twilio = new TwilioSerializer();
      protocols[k] = twilio;
      CarrierLink link = new CarrierLink() {
        public void sendAudio(byte[] ulaw) { bytesOut[0] += twilio.encodeMediaBytes(ulaw).length; }
        public void sendMark(String name) { bytesOut[0] += twilio.encodeMark(name).length(); }
        public void sendClear() { }
        public void endCall(CallEnd end) { }
        public void closeStream(String reason) { }
      };
      calls[k] = new CallSession("twilio", link, new EngineRegistry(List.of(new EchoEngine()), "echo", Map.of()),
          new CallDefaults("demo", "local", "a"), SessionSettings.defaults(), QUIET, (ms, t) -> () -> { }, Clock.systemUTC(),
          System::nanoTime);
      calls[k].onFrame(twilio.parse("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"callSid\":\"CA" + k + "\"}}"), 0);
    }
    int[] next = new int[sessions];
    for (int round = 0; round < 3; round++) {
      double pollutionUs = POLLUTE_LINES > 0 ? pollutionMicros(frames) : 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < frames; i++) {
        if (POLLUTE_LINES > 0) {
          pollute();
        }
        int k = i % sessions;
        int f = next[k]++;
        byte[] text = texts[f % texts.length];
        long chunk = f + 1L;
        if (f > 0 && f % texts.length == 0) {
          // the recording loops: a new call on this slot, so chunk numbers stay in order
          calls[k].onFrame(protocols[k].parse("{\"event\":\"stop\"}"), chunk * 20_000_000L);
          TwilioSerializer twilio = new TwilioSerializer();
          protocols[k] = twilio;
          calls[k] = new CallSession("twilio", new CarrierLink() {
            public void sendAudio(byte[] ulaw) { bytesOut[0] += twilio.encodeMediaBytes(ulaw).length; }
            public void sendMark(String name) { bytesOut[0] += twilio.encodeMark(name).length(); }
            public void sendClear() { }
            public void endCall(CallEnd end) { }
            public void closeStream(String reason) { }
          }, new EngineRegistry(List.of(new EchoEngine()), "echo", Map.of()), new CallDefaults("demo", "local", "a"),
              SessionSettings.defaults(), QUIET, (ms, t) -> () -> { }, Clock.systemUTC(), System::nanoTime);
          calls[k].onFrame(twilio.parse("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"callSid\":\"CA" + k + "x" + f + "\"}}"), 0);
        }
        calls[k].onFrame(protocols[k].parse(text, 0, text.length), (f % texts.length + 1) * 20_000_000L);
      }
      double usPerFrame = (System.nanoTime() - t0) / 1e3 / frames - pollutionUs;
      System.out.printf("%5d sessions%s, round %d: %.2f µs per frame → %.0f frames/s per core = %.0f streams at 50 frames/s%n",
          sessions, POLLUTE_LINES > 0 ? ", " + POLLUTE_LINES * 64 / 1024 + " KB read between frames (" + String.format("%.2f", pollutionUs) + " µs, subtracted)" : "",
          round, usPerFrame, 1e6 / usPerFrame, 1e6 / usPerFrame / 50);
    }
  }

  static final SessionListener QUIET = new SessionListener() {
    public void onAnswered(org.telops.runtime.engine.CallInfo c, java.time.Instant at) { }
    public void onSample(org.telops.runtime.quality.QualitySample s) { }
    public void onTurn(org.telops.runtime.quality.TurnRecord t) { }
    public void onEnded(org.telops.runtime.engine.CallInfo c, org.telops.contracts.call.CallRecord r) { }
    public void onBadInput(String carrier, BadInput kind, boolean first, String detail) { }
    public void onCarrierError(org.telops.runtime.engine.CallInfo c, String code, String title, String detail) { }
  };
}
