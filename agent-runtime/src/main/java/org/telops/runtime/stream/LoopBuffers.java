package org.telops.runtime.stream;

/**
 * Scratch arrays shared by every media socket of one event loop: the bytes of a frame read from a direct buffer,
 * and the bytes of a frame being written. Each is used only during one frame's handling, and an event loop
 * handles one frame at a time, so one pair per loop serves all its calls. Per call they were 1.5 KB that G1
 * copied at every young pause for as long as the call lived, and cold memory at every frame; per loop they stay
 * in the CPU's caches.
 */
final class LoopBuffers {
  private static final ThreadLocal<LoopBuffers> BY_THREAD = ThreadLocal.withInitial(LoopBuffers::new);

  /** A frame read (grows to the largest frame seen, at most TELOPS_MEDIA_MAX_FRAME_BYTES). */
  private byte[] in = new byte[1024];
  /** A frame written: a 20 ms Twilio media frame is about 330 bytes. */
  byte[] out = new byte[512];

  private LoopBuffers() {}

  /** This thread's buffers; take them on the socket's event loop. */
  static LoopBuffers current() {
    return BY_THREAD.get();
  }

  byte[] in(int length) {
    if (in.length < length) {
      in = new byte[Math.max(length, 2 * in.length)];
    }
    return in;
  }

  byte[] out(int length) {
    if (out.length < length) {
      out = new byte[Math.max(length, 2 * out.length)];
    }
    return out;
  }
}
