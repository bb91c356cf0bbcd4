package org.telops.admin.live;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calling thread's Linux nice value. The JVM ignores Java thread priorities on Linux, so the console's refresh
 * thread asks the kernel itself: {@code setpriority(PRIO_PROCESS, 0, nice)}, which on Linux applies to the calling
 * thread only. Raising the nice value (lowering the priority) needs no privilege. With it, the scheduler runs a media
 * event loop that wakes for a frame before the console's refresh, instead of sharing the core with it.
 */
public final class ThreadNice {
  private static final Logger log = LoggerFactory.getLogger(ThreadNice.class);
  private static final int PRIO_PROCESS = 0;

  private ThreadNice() {}

  interface LibC extends Library {
    int setpriority(int which, int who, int prio);
  }

  /** Sets the calling thread's nice value (1–19); false, with a warning, where the OS does not let it. */
  public static boolean lower(int nice) {
    if (nice <= 0) {
      return false;
    }
    if (!Platform.isLinux()) {
      log.warn("{} runs at the process's priority: thread nice values are set on Linux only", Thread.currentThread().getName());
      return false;
    }
    try {
      LibC c = Native.load("c", LibC.class);
      if (c.setpriority(PRIO_PROCESS, 0, nice) != 0) {
        log.warn("{} runs at the process's priority: setpriority(nice {}) failed with errno {}",
            Thread.currentThread().getName(), nice, Native.getLastError());
        return false;
      }
      return true;
    } catch (LinkageError e) {
      log.warn("{} runs at the process's priority: the C library could not be called ({})", Thread.currentThread().getName(), e.toString());
      return false;
    }
  }

  /** The calling thread's nice value from {@code /proc/thread-self/stat} (Linux), or null elsewhere. */
  public static Integer current() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      // pid (comm) state ppid … : the fields after the command name (which may hold spaces), nice is the 19th field.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
      return Integer.parseInt(f[16]);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }
}
