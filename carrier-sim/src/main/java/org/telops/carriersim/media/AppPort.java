package org.telops.carriersim.media;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;
import org.telops.audio.MuLaw;

/**
 * The bridge end of a leg whose application gave instructions instead of a media stream: it plays audio to the other
 * side one 20 ms frame per tick ({@code <Play>}) and records what the other side says ({@code <Record>}): from the
 * first voiced frame until {@code timeout} of silence, or {@code maxLength}; with no speech at all it ends after
 * {@code timeout} empty. Runs on the call's context.
 */
public final class AppPort implements MediaPort {
  /** Mean absolute sample level above which a frame counts as voiced (about −40 dBFS). */
  static final int VOICED_LEVEL = 300;

  private byte[] playing;
  private int playOffset;
  private Runnable played;
  private Recorder recorder;

  /** Plays {@code ulaw} (μ-law 8 kHz), then runs {@code done}. */
  public void play(byte[] ulaw, Runnable done) {
    playing = ulaw;
    playOffset = 0;
    played = done;
  }

  /** The result of a recording: the μ-law audio (leading and trailing silence trimmed), empty when nobody spoke. */
  public record Recording(byte[] ulaw, long speechMs) {
    public boolean empty() {
      return ulaw.length == 0;
    }
  }

  public void record(int timeoutSeconds, int maxLengthSeconds, Consumer<Recording> done) {
    recorder = new Recorder(Math.max(1, timeoutSeconds) * 1000L, (maxLengthSeconds <= 0 ? 3600 : maxLengthSeconds) * 1000L, done);
  }

  /** Stops whatever runs, without calling back (the call ended, or the leg moved on). */
  public void cancel() {
    playing = null;
    played = null;
    recorder = null;
  }

  @Override
  public void frame(MediaFrame frame) {
    Recorder r = recorder;
    if (r != null && r.add(frame.payload())) {
      recorder = null;
      r.done.accept(r.result());
    }
  }

  @Override
  public void beforeProduce(long frameIndex, Pipe outgoing) {
    byte[] p = playing;
    if (p == null) {
      return;
    }
    int n = Math.min(Pipe.FRAME_BYTES, p.length - playOffset);
    if (n > 0) {
      byte[] frame = new byte[Pipe.FRAME_BYTES];
      java.util.Arrays.fill(frame, Pipe.SILENCE);
      System.arraycopy(p, playOffset, frame, 0, n);
      outgoing.offerAudio(frame);
      playOffset += n;
    }
    if (playOffset >= p.length) {
      playing = null;
      Runnable done = played;
      played = null;
      if (done != null) {
        done.run();
      }
    }
  }

  static boolean voiced(byte[] ulaw) {
    long sum = 0;
    for (byte b : ulaw) {
      sum += Math.abs(MuLaw.decode(b));
    }
    return ulaw.length > 0 && sum / ulaw.length > VOICED_LEVEL;
  }

  private static final class Recorder {
    /** Audio kept before the first voiced frame, so a word's soft start is not cut. */
    private static final int LEAD_FRAMES = 10;
    private final long timeoutMs;
    private final long maxMs;
    private final Consumer<Recording> done;
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final java.util.ArrayDeque<byte[]> lead = new java.util.ArrayDeque<>();
    private long elapsedMs;
    private long silentMs;
    private long speechMs;
    private boolean heard;
    private int voicedEndBytes;

    Recorder(long timeoutMs, long maxMs, Consumer<Recording> done) {
      this.timeoutMs = timeoutMs;
      this.maxMs = maxMs;
      this.done = done;
    }

    /** True when the recording is over. */
    boolean add(byte[] frame) {
      long ms = frame.length / 8L;
      elapsedMs += ms;
      boolean voiced = voiced(frame);
      if (!heard) {
        if (voiced) {
          heard = true;
          lead.forEach(audio::writeBytes);
          lead.clear();
        } else {
          lead.addLast(frame.clone());
          if (lead.size() > LEAD_FRAMES) {
            lead.removeFirst();
          }
          return elapsedMs >= timeoutMs || elapsedMs >= maxMs;
        }
      }
      audio.writeBytes(frame);
      if (voiced) {
        silentMs = 0;
        speechMs += ms;
        voicedEndBytes = audio.size();
      } else {
        silentMs += ms;
      }
      return silentMs >= timeoutMs || elapsedMs >= maxMs;
    }

    Recording result() {
      if (!heard) {
        return new Recording(new byte[0], 0);
      }
      byte[] all = audio.toByteArray();
      int keep = Math.min(all.length, voicedEndBytes + 8 * 300); // 300 ms after the last voiced frame
      return new Recording(java.util.Arrays.copyOf(all, keep), speechMs);
    }
  }
}
