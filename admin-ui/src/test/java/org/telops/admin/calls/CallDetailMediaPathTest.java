package org.telops.admin.calls;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telops.admin.Services;

/** The one-call view says how the call's audio reached the agent; the CSV export carries media_path last. */
class CallDetailMediaPathTest {
  static final Instant NOW = Instant.now();

  @BeforeAll
  static void calls() throws Exception {
    org.telops.admin.ConsoleBedAccess.ensure();
    try (Connection c = Services.get().db().getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO calls (call_id, carrier, region, tenant_id, direction, attempted_at, answered_at, ended_at, state, "
            + "outcome, media_path, sources) VALUES (?, 'twilio', 'ap-media', 'media-tenant', 'inbound', ?, ?, ?, 'ended', "
            + "'completed', ?, 'test') ON CONFLICT (call_id) DO NOTHING")) {
      String[] paths = {"stream", "record", "stream+record", null};
      for (int i = 0; i < paths.length; i++) {
        Instant at = NOW.minusSeconds(600 + 60L * i);
        ps.setString(1, "media-call-" + (paths[i] == null ? "unknown" : paths[i]));
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setTimestamp(3, Timestamp.from(at.plusSeconds(2)));
        ps.setTimestamp(4, Timestamp.from(at.plusSeconds(40)));
        ps.setString(5, paths[i]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @BeforeEach
  void browser() {
    MockVaadin.setup(new Routes().autoDiscoverViews("org.telops.admin"), UI::new);
    UI.getCurrent().navigate("login");
    LoginFormKt._login(_get(LoginForm.class), "finance", CallsFixture.PASSWORD);
  }

  @AfterEach
  void close() {
    MockVaadin.tearDown();
  }

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @DisplayName("A call's page names its media path in plain words, and its raw record shows the column")
  @CsvSource(delimiter = '|', value = {
    "stream        | Media: stream",
    "record        | Media: record path (no media stream)",
    "stream+record | Media: stream, then record path",
    "unknown       | Media: unknown",
  })
  void mediaPathLabel(String path, String label) {
    UI.getCurrent().navigate("calls/media-call-" + path);
    assertThat(_get(Span.class, s -> s.withId("media-path")).getText()).isEqualTo(label);
    String raw = GridKt._fetch(_get(Grid.class, s -> s.withId("raw-record")), 0, 200).toString();
    assertThat(raw).contains("media_path=" + (path.equals("unknown") ? "null" : path));
  }

  @org.junit.jupiter.api.Test
  @DisplayName("The console's CSV export has media_path as its last column")
  void csvHasMediaPathLast() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = CsvExport.write(Services.get().db(), new CallQuery("24h", null, null, null, "ap-media", null, null, null, null, null, null),
        NOW.plusSeconds(1), ZoneOffset.UTC, out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(n).isEqualTo(4);
    assertThat(lines.get(0)).endsWith(",cost_total,currency,media_path");
    assertThat(lines.get(0).split(",")).hasSize(CsvExport.HEADER.length).endsWith("media_path");
    assertThat(lines.subList(1, lines.size())).anySatisfy(l -> assertThat(l).startsWith("media-call-record,").endsWith(",record"))
        .anySatisfy(l -> assertThat(l).startsWith("media-call-stream+record,").endsWith(",stream+record"))
        .anySatisfy(l -> assertThat(l).startsWith("media-call-unknown,").endsWith(","));
  }
}
