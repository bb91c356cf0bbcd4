package org.telops.contracts.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer's local spool while PostgreSQL is unreachable: one append-only file, one frame per record
 * (length, CRC-32, bytes), forced to disk before {@link #append} returns — so a record counts as accepted only
 * once it survives a crash. Read back in order when the database answers again, then truncated. A torn last
 * frame (a crash mid-append, before the fsync that would have acknowledged it) is ignored and logged; a frame
 * whose CRC does not match is skipped and logged. Not thread-safe: one writer thread owns it.
 */
public final class FrameSpool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrameSpool.class);

  private final Path file;
  private final String what;
  private final FileChannel channel;
  private long records;

  /**
   * @param file the spool file (created with its directory if missing)
   * @param what what it holds, for the log ("CDR", "quality/turn row", "probe result")
   */
  public FrameSpool(Path file, String what) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    this.file = file;
    this.what = what;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    this.channel.position(channel.size());
    this.records = channel.size() == 0 ? 0 : readAll().size();
    if (records > 0) {
      log.warn("{} spool {} holds {} record(s) from an earlier run: they are written to PostgreSQL first", what, file, records);
    }
  }

  /**
   * The spool at {@code file}, or null (logged as an error naming {@code withoutIt}, what happens without one) when
   * {@code file} is null or the disk refuses it.
   */
  public static FrameSpool openOrNull(Path file, String what, String withoutIt) {
    if (file == null) {
      return null;
    }
    try {
      return new FrameSpool(file, what);
    } catch (IOException e) {
      log.error("no {} spool at {} ({}): {}", what, file, e.getMessage(), withoutIt);
      return null;
    }
  }

  public boolean isEmpty() {
    return records == 0;
  }

  public long size() {
    return records;
  }

  public Path file() {
    return file;
  }

  /** Appends the frames and forces them to disk; when this returns they survive a crash. */
  public void append(List<byte[]> frames) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(64 * 1024);
    for (byte[] frame : frames) {
      if (out.remaining() < frame.length + 8) {
        flush(out);
        if (out.capacity() < frame.length + 8) {
          out = ByteBuffer.allocate(frame.length + 8);
        }
      }
      CRC32 crc = new CRC32();
      crc.update(frame);
      out.putInt(frame.length).putInt((int) crc.getValue()).put(frame);
    }
    flush(out);
    channel.force(false);
    records += frames.size();
  }

  private void flush(ByteBuffer out) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    out.clear();
  }

  /** Every intact frame, in the order appended. */
  public List<byte[]> readAll() throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ)), 1 << 16))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException e) {
          break;
        }
        int crc = in.readInt();
        if (length < 0 || length > 64 << 20) {
          log.error("{} spool {}: a frame header after {} good record(s) is damaged (length {}); the rest is ignored",
              what, file, out.size(), length);
          break;
        }
        byte[] frame = new byte[length];
        in.readFully(frame);
        CRC32 check = new CRC32();
        check.update(frame);
        if ((int) check.getValue() != crc) {
          log.error("{} spool {}: a damaged record after {} good one(s) is skipped (CRC mismatch)", what, file, out.size());
          continue;
        }
        out.add(frame);
      }
    } catch (EOFException e) {
      log.warn("{} spool {}: the last record was cut off mid-write (never acknowledged) and is ignored", what, file);
    }
    return out;
  }

  /** Empties the spool once everything in it is committed. */
  public void clear() throws IOException {
    channel.truncate(0);
    channel.position(0);
    channel.force(true);
    records = 0;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing the {} spool {}: {}", what, file, e.getMessage());
    }
  }
}
