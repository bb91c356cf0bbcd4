package org.telops.prober.probe;

import java.util.Locale;

/**
 * Why a probe failed, one name per step, as stored in probe_results.reason and counted by the
 * quality-analyzer's probe-failures rule (mostly one-way-audio → the Audio stack, else Telephony).
 */
public enum FailureReason {
  /** The carrier's REST API refused or failed the call (HTTP error, connection closed, call status failed). */
  CARRIER_ERROR,
  /** The carrier reported the target busy. */
  BUSY,
  /** The call was not answered within the connect timeout (or the carrier said no-answer). */
  NO_ANSWER,
  /** Answered, but the carrier never opened the prober's media stream. */
  NO_MEDIA,
  /** The media stream opened but no audio frame arrived. */
  NO_AUDIO,
  /** Audio frames arrived, but only silence came back after the challenge: one direction is dead. */
  ONE_WAY_AUDIO,
  /** Sound came back but not the expected digits (either side decoded DTMF wrongly, or the agent is not the probe responder). */
  WRONG_DIGITS,
  /** The digits were right but the 1004 Hz tone was not echoed: no round trip. */
  NO_TONE_ECHO,
  /** The media stream closed before the probe finished (call dropped). */
  MEDIA_DROPPED,
  /** The probe as a whole ran out of time (a safety net; each step has its own timeout). */
  TIMEOUT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
