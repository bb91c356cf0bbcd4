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

/** CPU per media frame on one thread, without sockets: parse → session (VAD, DTMF, stats) → echo engine → encode. */
public final class FramePathBench {
  public static void main(String[] args) {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    byte[] audio = Fixtures.concat(Fixtures.audio("caller-agent"), Fixtures.silence(1000));
    int distinct = audio.length / 160;
    String[] texts = new String[distinct];
    TwilioSerializer twilio = new TwilioSerializer();
    long[] bytesOut = {0};
    CarrierLink link = new CarrierLink() {
      public void sendAudio(byte[] ulaw) { bytesOut[0] += twilio.encodeMedia(ulaw).length(); }
      public void sendMark(String name) { bytesOut[0] += twilio.encodeMark(name).length(); }
      public void sendClear() { }
      public void endCall(CallEnd end) { }
      public void closeStream(String reason) { }
    };
    SessionListener quiet = new SessionListener() {
      public void onAnswered(org.telops.runtime.engine.CallInfo c, java.time.Instant at) { }
      public void onSample(org.telops.runtime.quality.QualitySample s) { }
      public void onTurn(org.telops.runtime.quality.TurnRecord t) { }
      public void onEnded(org.telops.runtime.engine.CallInfo c, org.telops.contracts.call.CallRecord r) { }
      public void onBadInput(String carrier, BadInput kind, boolean first, String detail) { }
      public void onCarrierError(org.telops.runtime.engine.CallInfo c, String code, String title, String detail) { }
    };
    CallSession s = new CallSession("twilio", link, new EngineRegistry(List.of(new EchoEngine()), "echo", Map.of()),
        new CallDefaults("demo", "local", "a"), SessionSettings.defaults(), quiet, (ms, t) -> () -> { }, Clock.systemUTC(),
        System::nanoTime);
    s.onFrame(twilio.parse("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"callSid\":\"CA1\"}}"), 0);
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < frames; i++) {
        long chunk = (long) round * frames + i + 1;
        int off = (i % distinct) * 160;
        String text = "{\"event\":\"media\",\"sequenceNumber\":\"" + (chunk + 1) + "\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\",\"chunk\":\""
            + chunk + "\",\"timestamp\":\"" + (chunk - 1) * 20 + "\",\"payload\":\""
            + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(audio, off, off + 160)) + "\"}}";
        s.onFrame(twilio.parse(text), chunk * 20_000_000L);
      }
      double usPerFrame = (System.nanoTime() - t0) / 1e3 / frames;
      System.out.printf("round %d: %.2f µs per frame (incl. building the frame text) → %.0f frames/s per core = %.0f streams at 50 frames/s%n",
          round, usPerFrame, 1e6 / usPerFrame, 1e6 / usPerFrame / 50);
    }
  }
}
