package org.telops.cdr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telops.cdr.export.CdrFormats;
import org.telops.contracts.call.CallIds;
import org.telops.contracts.call.CallOutcome;
import org.telops.contracts.call.CallRecord;
import org.telops.contracts.call.CallState;
import org.telops.contracts.call.RecordSource;
import org.telops.migrations.Databases;
import org.telops.migrations.EmbeddedDatabase;
import org.telops.migrations.Migrate;

/** The CDR write path on real PostgreSQL (embedded, migrated): COPY in, SELECT back, merge across batches, export. */
class CallsStoreIT {
  private static final Instant T0 = Instant.parse("2026-11-21T03:00:00Z");

  @TempDir
  static Path dir;
  static EmbeddedDatabase db;
  static HikariDataSource ds;

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    db = EmbeddedDatabase.start(dir, port);
    ds = Databases.pool(db.jdbcUrl(), db.user(), null, 4, "calls-store-it");
    Migrate.run(ds, Migrate.TimescaleMode.OFF);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ds != null) {
      ds.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private static CdrMerge.Stored load(String callId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(CallsSql.SELECT_ONE)) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("call %s stored", callId).isTrue();
        return CallsSql.read(rs);
      }
    }
  }

  private static <T> T withRow(String callId, RowReader<T> reader) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(CallsSql.SELECT_ONE)) {
      ps.setString(1, callId);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return reader.read(rs);
      }
    }
  }

  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static CallRecord.Builder runtime(String callId) {
    return CallRecord.builder(callId).source(RecordSource.RUNTIME).carrier("twilio").region("us-east").tenant("acme")
        .attemptedAt(T0);
  }

  @Test
  @DisplayName("Media path, codec and hang-up cause written with COPY read back unchanged from PostgreSQL")
  void mediaPathRoundTrips() throws Exception {
    for (String path : CallRecord.MEDIA_PATHS) {
      String id = "media-" + path;
      CallRecord r = runtime(id).codec("pcmu").hangupCause("caller-hangup").mediaPath(path)
          .state(CallState.ENDED).outcome(CallOutcome.COMPLETED).endedAt(T0.plusSeconds(30)).build();
      CallsCommit.write(ds, 0, List.of(r));
      CallRecord back = load(id).record();
      assertThat(back.mediaPath()).isEqualTo(path);
      assertThat(back.codec()).isEqualTo("pcmu");
      assertThat(back.hangupCause()).isEqualTo("caller-hangup");
      assertThat(CallsStoreIT.<String>withRow(id, rs -> rs.getString("media_path"))).isEqualTo(path);
    }
  }

  @Test
  @DisplayName("A later runtime fragment's record path replaces the stored stream; a carrier-only call keeps it unknown")
  void laterRuntimeFragmentWins() throws Exception {
    String id = CallIds.of("twilio", "CA-media-1");
    CallsCommit.write(ds, 0, List.of(runtime(id).mediaPath("stream").codec("pcmu").build()));
    assertThat(load(id).record().mediaPath()).isEqualTo("stream");
    CallRecord carrier = CallRecord.builder(id).source(RecordSource.CARRIER).carrier("twilio").carrierCallId("CA-media-1")
        .sequence(3L).state(CallState.ENDED).outcome(CallOutcome.COMPLETED).endedAt(T0.plusSeconds(60)).build();
    CallsCommit.write(ds, 1, List.of(carrier));
    assertThat(load(id).record().mediaPath()).as("a carrier fragment changes nothing").isEqualTo("stream");
    CallsCommit.write(ds, 0, List.of(runtime(id).mediaPath("stream+record").build()));
    CallRecord merged = load(id).record();
    assertThat(merged.mediaPath()).isEqualTo("stream+record");
    assertThat(merged.codec()).as("null erases nothing").isEqualTo("pcmu");
    assertThat(merged.outcome()).isEqualTo(CallOutcome.COMPLETED);

    String carrierOnly = CallIds.of("twilio", "CA-media-2");
    CallsCommit.write(ds, 1, List.of(carrier.toBuilder().callId(carrierOnly).carrierCallId("CA-media-2").build()));
    assertThat(load(carrierOnly).record().mediaPath()).isNull();
    assertThat(CallsStoreIT.<String>withRow(carrierOnly, rs -> rs.getString("media_path"))).isNull();
  }

  @Test
  @DisplayName("The export of a stored call has media_path as its last CSV column and mediaPath in JSON")
  void exportShowsMediaPath() throws Exception {
    String id = "media-export";
    CallsCommit.write(ds, 0, List.of(runtime(id).mediaPath("record").build()));
    String csv = withRow(id, rs -> {
      StringBuilder out = new StringBuilder();
      CdrFormats.appendCsv(out, rs);
      return out.toString();
    });
    assertThat(csv).startsWith(id + ",").endsWith(",record\r\n");
    assertThat(CdrFormats.CSV_HEADER).endsWith(",sources,media_path\r\n");
    JsonObject json = withRow(id, CdrFormats::json);
    assertThat(json.getString("mediaPath")).isEqualTo("record");
  }

  @Test
  @DisplayName("The table refuses a media path outside stream, record, stream+record and accepts NULL")
  void checkConstraint() throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO calls (call_id, attempted_at, sources, media_path) "
          + "VALUES ('media-bad', now(), 'api', 'websocket')"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
          .hasMessageContaining("calls_media_path_check");
      assertThat(s.executeUpdate("INSERT INTO calls (call_id, attempted_at, sources, media_path) "
          + "VALUES ('media-null', now(), 'api', NULL)")).isEqualTo(1);
    }
  }
}
