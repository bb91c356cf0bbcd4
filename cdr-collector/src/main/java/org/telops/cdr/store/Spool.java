package org.telops.cdr.store;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.json.CallRecordJson;
import org.telops.contracts.store.FrameSpool;

/**
 * The CDR writer's local spool while PostgreSQL is unreachable: a {@link FrameSpool} per writer lane under
 * {@code <data dir>/spool}, one frame per record holding its CDR JSON.
 */
final class Spool {
  private final FrameSpool frames;

  Spool(Path dir, int lane) throws IOException {
    this.frames = new FrameSpool(dir.resolve("cdr-lane-" + lane + ".spool"), "CDR");
  }

  boolean isEmpty() {
    return frames.isEmpty();
  }

  long size() {
    return frames.size();
  }

  Path file() {
    return frames.file();
  }

  /** Appends and forces the records to disk; when this returns they survive a crash. */
  void append(List<CallRecord> batch) throws IOException {
    List<byte[]> out = new ArrayList<>(batch.size());
    for (CallRecord r : batch) {
      out.add(CallRecordJson.toJson(r).encode().getBytes(StandardCharsets.UTF_8));
    }
    frames.append(out);
  }

  /** Every intact record, in the order appended. */
  List<CallRecord> readAll() throws IOException {
    List<CallRecord> out = new ArrayList<>();
    for (byte[] json : frames.readAll()) {
      out.add(CallRecordJson.fromJson(new JsonObject(new String(json, StandardCharsets.UTF_8))));
    }
    return out;
  }

  /** Empties the spool once everything in it is committed. */
  void clear() throws IOException {
    frames.clear();
  }

  void close() {
    frames.close();
  }
}
