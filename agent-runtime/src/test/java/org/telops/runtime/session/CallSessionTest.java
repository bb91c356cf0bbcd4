package org.telops.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.runtime.Fixtures;
import org.telops.runtime.engine.CallInfo;
import org.telops.runtime.engine.ConversationEngine;
import org.telops.runtime.engine.EngineOutput;
import org.telops.runtime.engine.EngineRegistry;
import org.telops.runtime.engine.EngineSession;
import org.telops.runtime.engine.echo.EchoEngine;
import org.telops.runtime.engine.probe.ProbeResponderEngine;
import org.telops.runtime.engine.scripted.FlowLoader;
import org.telops.runtime.engine.scripted.PromptLibrary;
import org.telops.runtime.engine.scripted.ScriptedEngine;
import org.telops.runtime.quality.QualitySample;
import org.telops.runtime.quality.TurnRecord;

/** The session without sockets: frames in, what the carrier would receive out, on a simulated clock. */
class CallSessionTest {
  final List<String> out = new ArrayList<>();
  final List<String> bad = new ArrayList<>();
  final List<CallRecord> cdrs = new ArrayList<>();
  final List<TurnRecord> turns = new ArrayList<>();
  final List<Character> digits = new ArrayList<>();
  final List<org.telops.runtime.quality.CallEventRecord> events = new ArrayList<>();
  long now = 1_000_000_000L;
  long chunk;
  CallSession session;

  final CarrierLink link = new CarrierLink() {
    public void sendAudio(byte[] ulaw) { out.add("audio"); }
    public void sendMark(String name) { out.add("mark:" + name); }
    public void sendClear() { out.add("clear"); }
    public void endCall(CallEnd end) { out.add("end:" + end.kind()); }
    public void closeStream(String reason) { out.add("close:" + reason); }
  };

  final SessionListener listener = new SessionListener() {
    public void onAnswered(CallInfo call, Instant at) { }
    public void onSample(QualitySample sample) { }
    public void onTurn(TurnRecord turn) { turns.add(turn); }
    public void onEnded(CallInfo call, CallRecord record) { cdrs.add(record); }
    public void onBadInput(String carrier, BadInput kind, boolean first, String detail) { bad.add(kind + (first ? "!" : "")); }
    public void onCarrierError(CallInfo call, String code, String title, String detail) { }
    public void onEvent(org.telops.runtime.quality.CallEventRecord e) { events.add(e); }
  };

  /** An engine that records digits, to see what reaches engines. */
  final ConversationEngine recorder = new ConversationEngine() {
    public String name() { return "recorder"; }
    public EngineSession open(CallInfo call, EngineOutput output) {
      return new EngineSession() {
        public void onStart() { }
        public void onDtmf(char d) { digits.add(d); }
      };
    }
  };

  @BeforeEach
  void setUp() {
    PromptLibrary prompts = new PromptLibrary(null);
    EngineRegistry engines = new EngineRegistry(List.of(new ScriptedEngine(FlowLoader.load(null, prompts), prompts, null, false),
        new ProbeResponderEngine(), new EchoEngine(), recorder), "scripted", Map.of("+15550199", "recorder"));
    session = new CallSession("twilio", link, engines, new CallDefaults("demo", "local", "front-desk"),
        SessionSettings.defaults(), listener, (ms, task) -> () -> { }, Clock.systemUTC(), () -> now);
  }

  void start(Map<String, String> params) {
    session.onFrame(new InboundFrame.Start("MZ1", "CA1", params, "+1", params.getOrDefault("to", "+2"), "audio/x-mulaw", 8000, 1), now);
  }

  void audio(byte[] ulaw) {
    for (int i = 0; i + 160 <= ulaw.length; i += 160) {
      now += 20_000_000L;
      session.onFrame(new InboundFrame.Media(true, ++chunk, chunk * 20, java.util.Arrays.copyOfRange(ulaw, i, i + 160)), now);
    }
  }

  /** Echoes every mark sent so far, as a carrier does once the audio before it played. */
  void playAll() {
    for (String o : new ArrayList<>(out)) {
      if (o.startsWith("mark:")) {
        session.onFrame(new InboundFrame.Mark(o.substring(5)), now);
      }
    }
  }

  @Test
  @DisplayName("The greeting is sent at once as 20 ms frames with marks; speech during the menu clears it")
  void greetingThenBargeIn() {
    start(Map.of());
    int greetingFrames = (Fixtures.prompt("greeting").length + 159) / 160;
    assertThat(out.stream().filter("audio"::equals).count()).isEqualTo(greetingFrames);
    assertThat(out).contains("mark:u1.end");
    audio(Fixtures.audio("caller-agent"));
    audio(Fixtures.silence(500));
    assertThat(out).as("the greeting cannot be interrupted").doesNotContain("clear");
    playAll();
    assertThat(out).contains("mark:u2.end");     // the menu is queued
    out.clear();
    audio(Fixtures.audio("caller-agent"));
    assertThat(out).startsWith("clear");
    audio(Fixtures.silence(400));
    assertThat(out).contains("mark:u3.end");       // the no-match prompt answered the utterance
    assertThat(turns).hasSize(1);                   // the greeting-time utterance, reported when the next turn began
    session.onFrame(new InboundFrame.Stop(null), now);
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).trigger()).isEqualTo("speech");
    assertThat(turns.get(1).eosDetectMs()).isEqualTo(300);
    assertThat(turns.get(1).firstAudioMs()).isEqualTo(300);   // the simulated clock: answered on the deciding frame
    assertThat(cdrs).hasSize(1);
    assertThat(cdrs.get(0).outcome()).isEqualTo(CallOutcome.COMPLETED);
    // The call's timeline: in order, numbered, under the CDR's call id.
    assertThat(events).extracting(org.telops.runtime.quality.CallEventRecord::kind)
        .containsExactly("stream-start", "playback-finished", "barge-in", "stream-stop");
    assertThat(events).extracting(org.telops.runtime.quality.CallEventRecord::seq).containsExactly(0, 1, 2, 3);
    assertThat(events).allSatisfy(e -> assertThat(e.callId()).isEqualTo(cdrs.get(0).callId()));
    assertThat(events.get(2).detail()).startsWith("caller spoke over \"").endsWith("clear sent");
    assertThat(events.get(3).detail()).startsWith("completed (stream-stopped)");
  }

  @Test
  @DisplayName("A key reported both as a carrier event and in the audio reaches the engine once")
  void dtmfDedupe() {
    start(Map.of("to", "+15550199"));
    byte[] tones = Fixtures.audio("dtmf-159hash");
    session.onFrame(new InboundFrame.Dtmf('1'), now);
    audio(java.util.Arrays.copyOfRange(tones, 0, 1600));  // the same '1' in-band
    audio(java.util.Arrays.copyOfRange(tones, 1600, 3200)); // '5' only in-band
    assertThat(digits).containsExactly('1', '5');
    assertThat(events).extracting(org.telops.runtime.quality.CallEventRecord::detail).as("digits are not kept by default")
        .contains("a key (digits not kept: TELOPS_CALL_EVENTS_DTMF), carrier event",
            "a key (digits not kept: TELOPS_CALL_EVENTS_DTMF), heard in the audio");
  }

  @Test
  @DisplayName("Bad input is reported once per kind as first; frames before start are refused")
  void badInputOncePerKind() {
    session.onFrame(new InboundFrame.Media(true, 1, 0, new byte[160]), now);
    start(Map.of());
    session.onFrame(new InboundFrame.Bad(BadInput.NON_JSON, "x"), now);
    session.onFrame(new InboundFrame.Bad(BadInput.NON_JSON, "x"), now);
    session.onFrame(new InboundFrame.Bad(BadInput.BAD_BASE64, "x"), now);
    assertThat(bad).containsExactly("BEFORE_START!", "NON_JSON!", "NON_JSON", "BAD_BASE64!");
    assertThat(session.ended()).isFalse();
  }

  @Test
  @DisplayName("A stream in another codec is closed with a reason that says what to request")
  void unsupportedFormat() {
    session.onFrame(new InboundFrame.Start("S", "CA1", Map.of(), null, null, "L16", 16000, 1), now);
    assertThat(out).singleElement().asString().startsWith("close:unsupported media format");
    assertThat(bad).containsExactly("UNSUPPORTED_FORMAT!");
  }

  @Test
  @DisplayName("A socket that closes without a stop event is a dropped call")
  void dropped() {
    start(Map.of("tenant", "Bad Tenant!", "region", "EU-West"));
    audio(Fixtures.silence(200));
    session.onTransportClosed("socket-closed", now);
    assertThat(cdrs.get(0).outcome()).isEqualTo(CallOutcome.DROPPED);
    assertThat(cdrs.get(0).tenant()).as("invalid names fall back to the default").isEqualTo("demo");
    assertThat(cdrs.get(0).region()).isEqualTo("eu-west");
  }
}
