package org.telops.admin.calls;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.admin.Services;

/** CDR search: keyset pages, filters in the URL, partial number match, CSV in the operator's zone. */
class CallSearchTest {
  static final Instant NOW = Instant.now();

  @BeforeAll
  static void calls() throws Exception {
    CallsFixture.seed(130, NOW);
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

  @Test
  @DisplayName("Pages of 50 by keyset return every call of the window once, newest first, with no count query")
  void keysetPages() {
    CallPager pager = new CallPager(new CallQuery("24h", null, null, "twilio", "us-east", null, null, null, null, "1415555", null), NOW.plusSeconds(1));
    Set<String> ids = new HashSet<>();
    Instant last = Instant.MAX;
    for (int offset = 0; offset < 200; offset += 50) {
      for (CallRow r : pager.fetch(offset, 50)) {
        assertThat(ids.add(r.callId())).as("no call twice").isTrue();
        assertThat(r.attemptedAt()).isBeforeOrEqualTo(last);
        last = r.attemptedAt();
      }
    }
    assertThat(ids).hasSize(130);
  }

  @Test
  @DisplayName("The URL holds the search: a number fragment finds the one call, and the fields show the query")
  void urlHoldsTheSearch() {
    UI.getCurrent().navigate(CallSearchView.class, new QueryParameters(Map.of("preset", List.of("24h"), "number", List.of("9077"))));
    Grid<CallRow> grid = _get(Grid.class, s -> s.withId("calls"));
    List<CallRow> rows = GridKt._fetch(grid, 0, 100);
    assertThat(rows).extracting(CallRow::toNumber).containsExactly("+14155559077");
    assertThat(_get(TextField.class, s -> s.withId("number")).getValue()).isEqualTo("9077");
  }

  @Test
  @DisplayName("Searching by exact call id puts it in the URL and shows that call whatever the window")
  void byCallId() {
    UI.getCurrent().navigate("calls");
    _setValue(_get(TextField.class, s -> s.withId("call-id")), "search-call-007");
    _click(_get(Button.class, s -> s.withId("search")));
    assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getQueryParameters().getParameters())
        .containsEntry("callId", List.of("search-call-007"));
    Grid<CallRow> grid = _get(Grid.class, s -> s.withId("calls"));
    assertThat(GridKt._fetch(grid, 0, 10)).extracting(CallRow::callId).containsExactly("search-call-007");
  }

  @Test
  @DisplayName("The CSV export streams the filtered set with times in the chosen zone, named in each row")
  void csvInZone() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = CsvExport.write(Services.get().db(), new CallQuery("24h", null, null, null, "us-east", null, "failed", null, null, null, null),
        NOW.plusSeconds(1), ZoneId.of("America/New_York"), out);
    String csv = out.toString(StandardCharsets.UTF_8);
    assertThat(n).isEqualTo(CallsFixture.FAILED);
    assertThat(csv.lines().count()).isEqualTo(n + 1);
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("call_id,attempted_at,answered_at,ended_at,time_zone");
    assertThat(csv).contains(",America/New_York,").containsPattern("T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}-0[45]:00");
  }
}
