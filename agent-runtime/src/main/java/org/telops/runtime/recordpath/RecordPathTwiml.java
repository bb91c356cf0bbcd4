package org.telops.runtime.recordpath;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Sip;

/**
 * The record path's instructions, built with the Twilio SDK (TeXML takes the same verbs): the agent's reply as
 * {@code <Play>}, then the caller's next turn as {@code <Record>} posted to the turn URL; when nothing is recorded
 * the carrier goes on to the {@code <Redirect>}, so silence is a turn too and the call never falls off the document.
 */
public final class RecordPathTwiml {
  private RecordPathTwiml() {}

  /** Play the reply (if any), then record the caller's next turn. */
  public static String listen(String audioUrl, String turnUrl, String noInputUrl, RecordPathConfig cfg) {
    VoiceResponse.Builder r = new VoiceResponse.Builder();
    if (audioUrl != null) {
      r.play(new Play.Builder(audioUrl).build());
    }
    r.record(new Record.Builder().action(turnUrl).method(HttpMethod.POST).timeout(cfg.silenceSeconds())
        .maxLength(cfg.maxRecordSeconds()).playBeep(false).trim(Record.Trim.TRIM_SILENCE).build());
    r.redirect(new Redirect.Builder(noInputUrl).method(HttpMethod.POST).build());
    return r.build().toXml();
  }

  /** Play the goodbye (if any), then hang up. */
  public static String hangup(String audioUrl) {
    VoiceResponse.Builder r = new VoiceResponse.Builder();
    if (audioUrl != null) {
      r.play(new Play.Builder(audioUrl).build());
    }
    return r.hangup(new Hangup.Builder().build()).build().toXml();
  }

  /** Play what the agent said (if any), then dial the transfer target (a number or a SIP URI). */
  public static String transfer(String audioUrl, String target) {
    VoiceResponse.Builder r = new VoiceResponse.Builder();
    if (audioUrl != null) {
      r.play(new Play.Builder(audioUrl).build());
    }
    Dial dial = target.startsWith("sip:") ? new Dial.Builder().sip(new Sip.Builder(target).build()).build()
        : new Dial.Builder(target).build();
    return r.dial(dial).build().toXml();
  }
}
