package org.telops.cdr.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.json.CallRecordJson;

class SpoolTest {
  @TempDir
  Path dir;

  private static CallRecord cdr(String id) {
    return CallRecordJson.fromJson(new io.vertx.core.json.JsonObject().put("callId", id).put("carrier", "twilio")
        .put("attemptedAt", Instant.parse("2026-12-01T10:00:00Z").toString()));
  }

  @Test
  @DisplayName("Records appended to the spool read back in order after a reopen (a restart), and clear empties it")
  void roundTrip() throws Exception {
    Spool s = new Spool(dir, 0);
    s.append(List.of(cdr("a"), cdr("b")));
    s.append(List.of(cdr("c")));
    s.close();
    Spool again = new Spool(dir, 0);
    assertThat(again.size()).isEqualTo(3);
    assertThat(again.readAll()).extracting(CallRecord::callId).containsExactly("a", "b", "c");
    again.clear();
    assertThat(again.isEmpty()).isTrue();
    assertThat(Files.size(again.file())).isZero();
  }

  @Test
  @DisplayName("A record cut off mid-write by a crash (never acknowledged) is ignored; the ones before it are kept")
  void tornTail() throws Exception {
    Spool s = new Spool(dir, 1);
    s.append(List.of(cdr("kept-1"), cdr("kept-2")));
    s.close();
    try (FileChannel ch = FileChannel.open(dir.resolve("cdr-lane-1.spool"), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {0, 0, 1, 0, 1, 2, 3, 4, '{', '"'}));
    }
    assertThat(new Spool(dir, 1).readAll()).extracting(CallRecord::callId).containsExactly("kept-1", "kept-2");
  }
}
