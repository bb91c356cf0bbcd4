package org.telops.runtime.session;

/** How a session reaches its carrier: the socket for media, and call control for hang-up/transfer. */
public interface CarrierLink {
  /** One 20 ms frame. The caller reuses the array after this returns: encode or copy it, never keep it. */
  void sendAudio(byte[] ulaw);

  void sendMark(String name);

  void sendClear();

  /** Ends the call (hang-up or transfer) after the session's queued audio has played. */
  void endCall(CallEnd end);

  /** Closes the media stream because it cannot be used (the call itself is the carrier's to end). */
  void closeStream(String reason);
}
