package org.telops.carriersim.media;

import org.telops.carriersim.call.FarEnd;

/** The simulated far end of a call to a number the sims do not host: echo, a short beep, or silence. */
public final class FarEndPort implements MediaPort {
  private final FarEnd.Audio audio;
  private Pipe outgoing;
  private long firstIndex = -1;

  public FarEndPort(FarEnd.Audio audio) {
    this.audio = audio;
  }

  @Override
  public void attached(Pipe outgoing, long frameIndex) {
    this.outgoing = outgoing;
    this.firstIndex = frameIndex;
  }

  @Override
  public void frame(MediaFrame frame) {
    if (audio == FarEnd.Audio.ECHO && outgoing != null) {
      outgoing.offerAudio(frame.payload());
    }
  }

  @Override
  public void beforeProduce(long frameIndex, Pipe out) {
    if (audio == FarEnd.Audio.TONE) {
      out.offerAudio(Tone.frame(frameIndex - Math.max(0, firstIndex)));
    }
  }
}
