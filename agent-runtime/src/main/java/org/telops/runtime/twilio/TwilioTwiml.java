package org.telops.runtime.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Sip;
import com.twilio.twiml.voice.Stream;
import java.util.Map;

/** The TwiML the runtime answers with, built with the Twilio SDK's builders. */
public final class TwilioTwiml {
  private TwilioTwiml() {}

  /**
   * {@code <Connect action=…><Stream url=wss://…/media/twilio statusCallback=…><Parameter …/>…</Stream></Connect>}:
   * a bidirectional stream; when it ends (the agent closed it) Twilio asks {@code actionUrl} what next.
   */
  public static String connectStream(String streamUrl, String statusCallbackUrl, String actionUrl, Map<String, String> params) {
    Stream.Builder stream = new Stream.Builder().name("telops").url(streamUrl)
        .statusCallback(statusCallbackUrl).statusCallbackMethod(Stream.StatusCallbackMethod.POST);
    params.forEach((k, v) -> {
      if (v != null) {
        stream.parameter(new Parameter.Builder().name(k).value(v).build());
      }
    });
    Connect connect = new Connect.Builder().action(actionUrl).method(com.twilio.http.HttpMethod.POST)
        .stream(stream.build()).build();
    return new VoiceResponse.Builder().connect(connect).build().toXml();
  }

  /** After the stream: dial the transfer target (a number, or a SIP URI), or hang up. */
  public static String afterStream(String transferTarget) {
    if (transferTarget == null) {
      return new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build().toXml();
    }
    Dial dial = transferTarget.startsWith("sip:")
        ? new Dial.Builder().sip(new Sip.Builder(transferTarget).build()).build()
        : new Dial.Builder(transferTarget).build();
    return new VoiceResponse.Builder().dial(dial).build().toXml();
  }

}
