package org.telops.carriersim.media;

/**
 * One end of a bridge: a carrier media stream to an application, or the simulated far end. It receives
 * the frames of the pipe towards it and the played marks of the pipe away from it, and feeds its own
 * audio into the pipe away from it.
 */
public interface MediaPort {

  /** A frame arriving from the other side. */
  void frame(MediaFrame frame);

  /** A mark this port sent has been played at the other side. */
  default void markPlayed(String name) {}

  /** Before each 20 ms frame is taken from {@code outgoing}: generators put their audio in here. */
  default void beforeProduce(long frameIndex, Pipe outgoing) {}

  /** Stream ports: called when the bridge wires them, with the pipe their audio goes into and the frame index now. */
  default void attached(Pipe outgoing, long frameIndex) {}

  /** The call ended: stream ports send stop and close. */
  default void close() {}

  /** A port that sends silence and ignores what it hears (a leg whose app asked for no stream). */
  MediaPort SILENT = frame -> { };
}
