package org.telops.carriersim.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Stream;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.carriersim.call.LegPlan;

class TwimlTest {
  @Test
  @DisplayName("TwiML built by the Twilio SDK's builders — Connect/Stream with Parameters — becomes a bidirectional stream plan")
  void connectStream() {
    String xml = new VoiceResponse.Builder().connect(new Connect.Builder().stream(new Stream.Builder()
        .url("wss://agent.example/media/twilio").name("agent").statusCallback("https://agent.example/stream-status")
        .parameter(new Parameter.Builder().name("tenant").value("demo").build())
        .parameter(new Parameter.Builder().name("agent").value("support-bot").build()).build()).build()).build().toXml();
    LegPlan plan = Twiml.parse(xml);
    assertThat(plan.action()).isEqualTo(LegPlan.Action.STREAM);
    assertThat(plan.bidirectional()).isTrue();
    assertThat(plan.streamUrl()).isEqualTo("wss://agent.example/media/twilio");
    assertThat(plan.parameters()).containsExactlyEntriesOf(Map.of("tenant", "demo", "agent", "support-bot"));
    assertThat(plan.streamStatusCallback()).isEqualTo("https://agent.example/stream-status");
  }

  @Test
  @DisplayName("Start/Stream forks one-way; Reject, Hangup and plain Say are read as Twilio runs them")
  void otherVerbs() {
    LegPlan fork = Twiml.parse("<Response><Start><Stream url=\"ws://x/y\"/></Start><Pause length=\"60\"/></Response>");
    assertThat(fork.action()).isEqualTo(LegPlan.Action.STREAM);
    assertThat(fork.bidirectional()).isFalse();
    assertThat(Twiml.parse("<Response><Reject reason=\"busy\"/></Response>").rejectReason()).isEqualTo("busy");
    assertThat(Twiml.parse("<Response><Hangup/></Response>").action()).isEqualTo(LegPlan.Action.HANGUP);
    assertThat(Twiml.parse("<?xml version=\"1.0\"?><Response><Say>Hi</Say></Response>").action())
        .isEqualTo(LegPlan.Action.ANSWER);
  }

  @Test
  @DisplayName("Malformed TwiML, a wrong root, a non-WebSocket stream URL and DTDs are refused with the reason")
  void refused() {
    assertThatThrownBy(() -> Twiml.parse("<Response><Connect>")).hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> Twiml.parse("<Reply/>")).hasMessageContaining("<Reply>");
    assertThatThrownBy(() -> Twiml.parse("<Response><Connect><Stream url=\"https://x\"/></Connect></Response>"))
        .hasMessageContaining("ws://");
    assertThatThrownBy(() -> Twiml.parse("<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response>&x;</Response>"))
        .hasMessageContaining("not well-formed");
  }

  @Test
  @DisplayName("a record-path document (Play, Record, Redirect) becomes a program of verbs; <Connect action> is kept")
  void recordPathProgram() {
    LegPlan plan = Twiml.parse("<Response><Play>https://agent.example/carriers/audio/ab12.wav</Play>"
        + "<Record action=\"https://agent.example/carriers/twilio/record-path\" method=\"POST\" timeout=\"2\" "
        + "maxLength=\"30\" playBeep=\"false\" trim=\"trim-silence\"/>"
        + "<Redirect method=\"POST\">https://agent.example/carriers/twilio/record-path?noinput=1</Redirect></Response>");
    assertThat(plan.action()).isEqualTo(LegPlan.Action.VERBS);
    assertThat(plan.verbs()).containsExactly(
        new org.telops.carriersim.call.AppVerb.Play("https://agent.example/carriers/audio/ab12.wav", 1),
        new org.telops.carriersim.call.AppVerb.Record("https://agent.example/carriers/twilio/record-path", 2, 30,
            "1234567890*#", false),
        new org.telops.carriersim.call.AppVerb.Redirect("https://agent.example/carriers/twilio/record-path?noinput=1"));
    LegPlan stream = Twiml.parse("<Response><Connect action=\"https://agent.example/carriers/twilio/stream-ended\">"
        + "<Stream url=\"wss://agent.example/media/twilio\"/></Connect></Response>");
    assertThat(stream.connectAction()).isEqualTo("https://agent.example/carriers/twilio/stream-ended");
    assertThat(Twiml.parse("<Response><Play>x</Play><Hangup/></Response>").action())
        .as("without Record/Redirect/Dial the document is not a program: <Play> alone leaves the leg silent").isEqualTo(LegPlan.Action.HANGUP);
    assertThatThrownBy(() -> Twiml.parse("<Response><Play>not-a-url</Play><Record/></Response>"))
        .hasMessageContaining("<Play> needs an http(s) URL");
    assertThatThrownBy(() -> Twiml.parse("<Response><Record timeout=\"soon\"/></Response>"))
        .hasMessageContaining("timeout=\"soon\"");
  }
}
