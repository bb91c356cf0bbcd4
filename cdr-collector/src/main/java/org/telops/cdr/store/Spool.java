package org.telops.cdr.store;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.json.CallRecordJson;

/**
 * The CDR writer's local spool while PostgreSQL is unreachable: an append-only file per writer lane under
 * {@code <data dir>/spool}, one frame per record (length, CRC-32, CDR JSON), forced to disk before the records
 * count as accepted. Replayed in order when the database answers again, then truncated. A torn last frame (a crash
 * mid-append, before the fsync that would have acknowledged it) is ignored and logged.
 */
final class Spool {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);

  private final Path file;
  private FileChannel channel;
  private long records;

  Spool(Path dir, int lane) throws IOException {
    Files.createDirectories(dir);
    this.file = dir.resolve("cdr-lane-" + lane + ".spool");
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    this.channel.position(channel.size());
    this.records = channel.size() == 0 ? 0 : readAll().size();
    if (records > 0) {
      log.warn("CDR spool {} holds {} record(s) from an earlier run: they are written to PostgreSQL first", file, records);
    }
  }

  boolean isEmpty() {
    return records == 0;
  }

  long size() {
    return records;
  }

  Path file() {
    return file;
  }

  /** Appends and forces the records to disk; when this returns they survive a crash. */
  void append(List<CallRecord> batch) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(64 * 1024);
    for (CallRecord r : batch) {
      byte[] json = CallRecordJson.toJson(r).encode().getBytes(StandardCharsets.UTF_8);
      if (out.remaining() < json.length + 8) {
        flush(out);
        if (out.capacity() < json.length + 8) {
          out = ByteBuffer.allocate(json.length + 8);
        }
      }
      CRC32 crc = new CRC32();
      crc.update(json);
      out.putInt(json.length).putInt((int) crc.getValue()).put(json);
    }
    flush(out);
    channel.force(false);
    records += batch.size();
  }

  private void flush(ByteBuffer out) throws IOException {
    out.flip();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    out.clear();
  }

  /** Every intact record, in the order appended. */
  List<CallRecord> readAll() throws IOException {
    List<CallRecord> out = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
        Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ)), 1 << 16))) {
      while (true) {
        int length;
        try {
          length = in.readInt();
        } catch (EOFException e) {
          break;
        }
        int crc = in.readInt();
        byte[] json = new byte[length];
        in.readFully(json);
        CRC32 check = new CRC32();
        check.update(json);
        if ((int) check.getValue() != crc) {
          log.error("CDR spool {}: a damaged record after {} good one(s) is skipped (CRC mismatch)", file, out.size());
          continue;
        }
        out.add(CallRecordJson.fromJson(new JsonObject(new String(json, StandardCharsets.UTF_8))));
      }
    } catch (EOFException e) {
      log.warn("CDR spool {}: the last record was cut off mid-write (never acknowledged) and is ignored", file);
    }
    return out;
  }

  /** Empties the spool once everything in it is committed. */
  void clear() throws IOException {
    channel.truncate(0);
    channel.position(0);
    channel.force(true);
    records = 0;
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      log.warn("closing the CDR spool {}: {}", file, e.getMessage());
    }
  }
}
