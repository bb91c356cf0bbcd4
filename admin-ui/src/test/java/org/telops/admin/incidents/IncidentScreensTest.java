package org.telops.admin.incidents;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.LoginFormKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.textfield.TextArea;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.admin.ConsoleBedAccess;
import org.telops.admin.Services;
import org.telops.contracts.auth.ActorHeaders;
import org.telops.contracts.auth.OperatorAddresses;

/** The incident board by stack with SLA clocks, and one incident: evidence links and resolve with a note. */
class IncidentScreensTest {
  static long incidentId;
  static final java.util.List<JsonObject> resolved = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final java.util.List<String> actors = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void incident() throws Exception {
    ConsoleBedAccess.ensure();
    try (Connection c = Services.get().db().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("INSERT INTO incidents (stack, title, status, region, opened_at, target_resolution_minutes) "
          + "VALUES ('audio', 'MOS below 3.5 in ap-south', 'open', 'ap-south', now() - interval '4 minutes', 10) RETURNING incident_id")) {
        rs.next();
        incidentId = rs.getLong(1);
      }
      s.execute("INSERT INTO alerts (rule, region, status, value, threshold, evidence, incident_id) VALUES ('R2-mos-low', 'ap-south', "
          + "'open', 3.1, 3.5, '{\"triage\":\"loss on the carrier leg\",\"latest\":{\"summary\":\"mean MOS 3.1\",\"callIds\":[\"ev-call-1\",\"ev-call-2\"]}}', "
          + incidentId + ")");
    }
    Services.get().vertx().eventBus().<JsonObject>consumer(OperatorAddresses.INCIDENT_RESOLVE, m -> {
      resolved.add(m.body());
      actors.add(ActorHeaders.from(m).name());
      m.reply(new JsonObject().put("status", "resolved"));
    });
  }

  @BeforeEach
  void browser() {
    MockVaadin.setup(new Routes().autoDiscoverViews("org.telops.admin"), UI::new);
    UI.getCurrent().navigate("login");
    LoginFormKt._login(_get(LoginForm.class), "oncall", "password-for-console-tests");
  }

  @AfterEach
  void close() {
    MockVaadin.tearDown();
  }

  @Test
  @DisplayName("The board puts the incident in its stack's column with the time left to its target")
  void board() {
    UI.getCurrent().navigate("incidents");
    Div audio = _get(Div.class, s -> s.withId("stack-audio"));
    Div card = _get(audio, Div.class, s -> s.withId("incident-" + incidentId));
    String clock = _get(card, Span.class, s -> s.withClasses("sla-clock")).getText();
    assertThat(clock).matches("(5|6) min \\d\\d s left of 10 min");
  }

  @Test
  @DisplayName("One incident links its example calls, and Resolve sends the note as the signed-in engineer")
  void resolveWithNote() throws Exception {
    UI.getCurrent().navigate("incidents/" + incidentId);
    assertThat(_find(Anchor.class)).extracting(Anchor::getHref).contains("calls/ev-call-1", "calls/ev-call-2");
    _setValue(_get(TextArea.class, s -> s.withId("note")), "carrier confirmed a fibre cut, rerouted");
    _click(_get(Button.class, s -> s.withId("resolve")));
    for (int i = 0; i < 200 && resolved.isEmpty(); i++) {
      Thread.sleep(20);
    }
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).getLong("id")).isEqualTo(incidentId);
    assertThat(resolved.get(0).getString("note")).isEqualTo("carrier confirmed a fibre cut, rerouted");
    assertThat(actors).containsExactly("oncall");
  }

  @Test
  @DisplayName("An incident id that does not exist says so and links back to the board")
  void unknown() {
    UI.getCurrent().navigate("incidents/999999");
    assertThat(_find(Anchor.class)).extracting(Anchor::getHref).contains("incidents");
  }
}
