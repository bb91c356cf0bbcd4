package org.telops.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a previous process left in an embedded data directory when it did not stop cleanly (kill -9, power
 * loss): PostgreSQL runs in its own session (pg_ctl detaches it), so after the java process is killed the
 * server may still be running on the directory, or only its {@code postmaster.pid} may remain. Either would
 * make the next start fail ("lock file already exists", port in use). Found before a start and recovered
 * without a manual step; the log says what was found and done.
 */
final class LeftoverServer {
  private static final Logger log = LoggerFactory.getLogger(LeftoverServer.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private LeftoverServer() {}

  static void recover(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = readPid(pidFile);
    Optional<ProcessHandle> process = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
    if (process.isPresent() && process.get().isAlive() && isPostgres(process.get())) {
      ProcessHandle p = process.get();
      log.warn("found an embedded PostgreSQL still running on {} (pid {}) left by a telops process that did not "
          + "stop cleanly; stopping it (SIGTERM: it finishes, writes a checkpoint, and crash recovery is not needed)",
          dataDir, pid);
      p.destroy();
      long deadline = System.nanoTime() + STOP_WAIT.toNanos();
      while (p.isAlive() && System.nanoTime() < deadline) {
        sleep(100);
      }
      if (p.isAlive()) {
        throw new IllegalStateException("the leftover PostgreSQL (pid " + pid + ") on " + dataDir + " did not stop within "
            + STOP_WAIT.toSeconds() + " s — stop it (kill " + pid + ") and start telops again");
      }
      log.info("leftover PostgreSQL (pid {}) stopped; starting a new one on the same data", pid);
      return;
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + pidFile + ": " + e.getMessage(), e);
    }
    log.warn("found a stale {} (pid {} is not a running PostgreSQL) left by a process that did not stop cleanly; "
        + "removed it — PostgreSQL replays its write-ahead log at start, so committed data is kept", pidFile, pid);
  }

  private static long readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static boolean isPostgres(ProcessHandle p) {
    // The command of a process in another user namespace may be hidden; /proc/<pid>/comm is always readable.
    Optional<String> cmd = p.info().command();
    if (cmd.isPresent()) {
      return cmd.get().endsWith("postgres");
    }
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "comm")).trim().startsWith("postgres");
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the leftover PostgreSQL to stop", e);
    }
  }
}
