package org.telops.runtime.session;

/**
 * One carrier's media-stream wire format (Pipecat-style serializer): text frames in, runtime frames out,
 * and the outbound frames back. Nothing carrier-specific leaks past an implementation. Stateless apart
 * from the stream id learned from "start", so one instance per socket.
 */
public interface CarrierProtocol {
  String carrier();

  /** Never throws: bad input becomes {@link InboundFrame.Bad}. */
  InboundFrame parse(String text);

  String encodeMedia(byte[] ulaw);

  String encodeMark(String name);

  String encodeClear();
}
