package org.telops.admin;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telops.admin.chart.LineChart;
import org.telops.admin.live.LiveCall;
import org.telops.contracts.auth.OperatorAddresses;
import org.telops.contracts.bus.Addresses;

/** Each remaining screen with data: what it shows, and the admin actions it sends. */
class EveryScreenTest extends ConsoleTest {

  @BeforeAll
  static void data() throws Exception {
    bed.sql("INSERT INTO calls (call_id, carrier, region, direction, from_number, to_number, attempted_at, answered_at, ended_at, "
            + "state, outcome, hangup_cause, mos, currency, cost_telephony_micros, cost_stt_micros, cost_total_micros, sources) VALUES "
            + "('detail-call-1', 'telnyx', 'eu-west', 'outbound', '+4930111', '+4930222', now() - interval '5 minutes', "
            + "now() - interval '299 seconds', now() - interval '4 minutes', 'ended', 'completed', 'caller-hangup', 3.9, 'USD', 7000, 1200, 8200, 'test') "
            + "ON CONFLICT DO NOTHING",
        "INSERT INTO call_quality_samples (call_id, sampled_at, mos, jitter_ms, loss_percent) VALUES "
            + "('detail-call-1', now() - interval '290 seconds', 4.1, 3, 0), ('detail-call-1', now() - interval '280 seconds', 3.7, 12, 2.5) "
            + "ON CONFLICT DO NOTHING",
        "INSERT INTO call_turns (call_id, turn_no, started_at, engine, eos_detect_ms, stt_ms, llm_first_token_ms, tts_first_byte_ms, "
            + "first_audio_ms, barged_in) VALUES ('detail-call-1', 1, now() - interval '285 seconds', 'pipeline', 300, 120, 240, 90, 780, true) "
            + "ON CONFLICT DO NOTHING",
        "INSERT INTO call_events (call_id, at, seq, kind, detail) VALUES "
            + "('detail-call-1', now() - interval '299 seconds', 0, 'stream-start', 'stream MZ1, PCMU 8 kHz, engine pipeline'), "
            + "('detail-call-1', now() - interval '287 seconds', 1, 'dtmf', 'digit 5, carrier event'), "
            + "('detail-call-1', now() - interval '285 seconds', 2, 'barge-in', 'caller spoke over \"greeting\" after 800 ms played; clear sent'), "
            + "('detail-call-1', now() - interval '241 seconds', 3, 'stream-stop', 'completed (stream-stopped), 2950 frames received') "
            + "ON CONFLICT DO NOTHING",
        "INSERT INTO region_health (region, status, consecutive_failures, last_reason) VALUES ('ap-east', 'removed', 3, 'no-audio') "
            + "ON CONFLICT DO NOTHING",
        "INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, reason, round_trip_ms) VALUES "
            + "(gen_random_uuid(), now() - interval '1 minute', 'ap-east', 'twilio', '+15550001', 'probe-call-1', 'failure', 'no-audio', NULL), "
            + "(gen_random_uuid(), now() - interval '2 minutes', 'ap-east', 'twilio', '+15550001', 'probe-call-2', 'success', NULL, 640)",
        "INSERT INTO drills (name, target_carrier, fault, duration_seconds, schedule, window_spec) VALUES "
            + "('monthly-twilio-5xx', 'twilio', 'api-5xx', 60, '@monthly', 'Sun 03:00-05:00 UTC') ON CONFLICT DO NOTHING");
  }

  @Test
  @DisplayName("A call's page shows its timeline (stream start/stop, DTMF, barge-in), a chart of its samples, turns, cost split and raw record")
  void callDetail() {
    signIn("finance");
    UI.getCurrent().navigate("calls/detail-call-1");
    Grid<?> timeline = _get(Grid.class, s -> s.withId("call-timeline"));
    String lines = GridKt._fetch(timeline, 0, 50).toString();
    assertThat(lines).contains("answered").contains("barged in").contains("ended")
        .contains("media stream started").contains("digit 5, carrier event").contains("caller spoke over \"greeting\"")
        .contains("media stream stopped").doesNotContain("first 10 s quality sample");
    assertThat(lines.indexOf("media stream started")).isLessThan(lines.indexOf("digit 5"));
    assertThat(lines.indexOf("digit 5")).isLessThan(lines.indexOf("media stream stopped"));
    LineChart chart = _get(LineChart.class, s -> s.withId("quality-chart"));
    assertThat(chart.data().getJsonArray("series")).hasSize(3);
    assertThat(chart.data().getJsonArray("series").getJsonObject(0).getJsonArray("values")).containsExactly(4.1, 3.7);
    assertThat(GridKt._size(_get(Grid.class, s -> s.withId("turns")))).isEqualTo(1);
    assertThat(GridKt._fetch(_get(Grid.class, s -> s.withId("raw-record")), 0, 200).toString()).contains("cost_total_micros=8200");
  }

  @Test
  @DisplayName("Regions show the removed region, its failure reasons and the latest probes linking to their calls")
  void regions() {
    signIn("oncall");
    UI.getCurrent().navigate("regions");
    assertThat(GridKt._fetch(_get(Grid.class, s -> s.withId("region-health")), 0, 50).toString()).contains("ap-east").contains("removed");
    assertThat(GridKt._size(_get(Grid.class, s -> s.withId("latest-probes")))).isGreaterThanOrEqualTo(2);
  }

  @Test
  @DisplayName("Drills show the next scheduled run, and Run now sends the drill with its reason")
  void drills() throws Exception {
    bed.answer(OperatorAddresses.DRILL_RUN, b -> new JsonObject().put("status", "running"));
    signIn("oncall");
    UI.getCurrent().navigate("drills");
    @SuppressWarnings("unchecked")
    Grid<Object> drills = _get(Grid.class, s -> s.withId("drills"));
    assertThat(GridKt._fetch(drills, 0, 10).toString()).contains("monthly-twilio-5xx").contains("nextRunAt=20");
    _click((Button) GridKt._getCellComponent(drills, 0, "run"));
    _setValue(_get(TextArea.class, s -> s.withId("reason")), "quarterly failover proof");
    _click(_get(Button.class, s -> s.withId("confirm")));
    ConsoleBed.Sent sent = bed.awaitSent(OperatorAddresses.DRILL_RUN);
    assertThat(sent.body().getString("reason")).isEqualTo("quarterly failover proof");
    assertThat(sent.actor().name()).isEqualTo("oncall");
  }

  @Test
  @DisplayName("Live calls follow the bus: a started, answered and sampled call appears with its MOS, and leaves when it ends")
  void liveCalls() throws Exception {
    signIn("oncall");
    UI.getCurrent().navigate("calls/live");
    Grid<LiveCall> grid = _get(Grid.class, s -> s.withId("live-calls"));
    var bus = bed.vertx.eventBus();
    bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "started").put("callId", "live-1").put("carrier", "twilio")
        .put("region", "us-east").put("at", java.time.Instant.now().toString()));
    bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "answered").put("callId", "live-1")
        .put("at", java.time.Instant.now().toString()).put("attributes", new JsonObject().put("engine", "scripted")));
    bus.publish(Addresses.QUALITY_SAMPLES, new JsonObject().put("callId", "live-1").put("mos", 4.3).put("jitterMs", 2.0)
        .put("lossPercent", 0.0).put("sampledAt", java.time.Instant.now().toString()));
    awaitPush(() -> GridKt._size(grid) == 1 && GridKt._get(grid, 0).mos() != null);
    assertThat(GridKt._get(grid, 0).engine()).isEqualTo("scripted");
    bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "ended").put("callId", "live-1").put("at", java.time.Instant.now().toString()));
    awaitPush(() -> GridKt._size(grid) == 0);
  }

  @Test
  @DisplayName("Live calls send only what changed: a sample refreshes its own row, a second going by sends nothing, a call ending resends the list")
  void liveCallsSendOnlyWhatChanged() throws Exception {
    signIn("oncall");
    UI.getCurrent().navigate("calls/live");
    Grid<LiveCall> grid = _get(Grid.class, s -> s.withId("live-calls"));
    var bus = bed.vertx.eventBus();
    for (String id : new String[] {"delta-a", "delta-b"}) {
      bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "started").put("callId", id).put("carrier", "twilio")
          .put("region", "us-east").put("at", java.time.Instant.now().toString()));
    }
    awaitPush(() -> rows(grid).contains("delta-a") && rows(grid).contains("delta-b"));
    List<com.vaadin.flow.data.provider.DataChangeEvent<?>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    grid.getDataProvider().addDataProviderListener(events::add);

    bus.publish(Addresses.QUALITY_SAMPLES, new JsonObject().put("callId", "delta-a").put("mos", 3.9).put("jitterMs", 4.0)
        .put("lossPercent", 0.5).put("sampledAt", java.time.Instant.now().toString()));
    awaitPush(() -> !events.isEmpty());
    Thread.sleep(1_500); // a tick or more with nothing new
    push();
    assertThat(events).as("one row refreshed, the sampled one").singleElement()
        .isInstanceOfSatisfying(com.vaadin.flow.data.provider.DataChangeEvent.DataRefreshEvent.class,
            e -> assertThat(((LiveCall) e.getItem()).callId()).isEqualTo("delta-a"));

    bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "ended").put("callId", "delta-b").put("at", java.time.Instant.now().toString()));
    awaitPush(() -> !rows(grid).contains("delta-b"));
    assertThat(events.get(events.size() - 1)).as("the list changed: sent again")
        .isNotInstanceOf(com.vaadin.flow.data.provider.DataChangeEvent.DataRefreshEvent.class);
    bus.publish(Addresses.CALL_EVENTS, new JsonObject().put("type", "ended").put("callId", "delta-a").put("at", java.time.Instant.now().toString()));
    awaitPush(() -> !rows(grid).contains("delta-a"));
  }

  private static List<String> rows(Grid<LiveCall> grid) {
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < GridKt._size(grid); i++) {
      ids.add(GridKt._get(grid, i).callId());
    }
    return ids;
  }

  @Test
  @DisplayName("An admin creates a token and sees its secret once; users come from the access-control operations")
  void tokensAndUsers() throws Exception {
    bed.answer(OperatorAddresses.TOKEN_LIST, b -> new JsonObject().put("tokens", new JsonArray()));
    bed.answer(OperatorAddresses.TOKEN_CREATE, b -> new JsonObject().put("name", b.getString("name")).put("role", b.getString("role"))
        .put("token", "tlp_secret_shown_once"));
    bed.answer(OperatorAddresses.USER_LIST, b -> new JsonObject().put("users", new JsonArray().add(new JsonObject().put("name", "ana")
        .put("role", "on-call").put("disabled", false).put("createdAt", "2026-12-01T00:00:00Z"))));
    signIn("admin");
    UI.getCurrent().navigate("admin/tokens");
    _click(_get(Button.class, s -> s.withId("create-token")));
    _setValue(_get(TextField.class, s -> s.withId("token-name")), "grafana");
    _click(_get(Button.class, s -> s.withId("save-token")));
    assertThat(bed.awaitSent(OperatorAddresses.TOKEN_CREATE).body().getString("name")).isEqualTo("grafana");
    awaitPush(() -> !com.github.mvysny.kaributesting.v10.LocatorJ._find(TextArea.class, s -> s.withId("token-secret")).isEmpty());
    assertThat(_get(TextArea.class, s -> s.withId("token-secret")).getValue()).isEqualTo("tlp_secret_shown_once");
    UI.getCurrent().navigate("admin/users");
    Grid<JsonObject> users = _get(Grid.class, s -> s.withId("users"));
    awaitPush(() -> GridKt._size(users) == 1);
    assertThat(GridKt._get(users, 0).getString("name")).isEqualTo("ana");
  }

  @Test
  @DisplayName("Finance re-rates a month from the billing page and sees the job's progress to done")
  void billingRerate() throws Exception {
    signIn("finance");
    UI.getCurrent().navigate("billing");
    _get(com.vaadin.flow.component.grid.Grid.class, s -> s.withId("billing-months"));
    _setValue(_get(TextField.class, s -> s.withId("billing-period")), java.time.YearMonth.now().toString());
    _click(_get(Button.class, s -> s.withId("rerate")));
    Span text = _get(Span.class, s -> s.withId("rerate-text"));
    awaitPush(() -> text.getText().contains("done") || text.getText().contains("failed"));
    assertThat(text.getText()).contains("done");
  }

  @Test
  @DisplayName("The home page shows carriers, regions, incidents and the last hour by region; finance sees it without actions")
  void home() {
    signIn("finance");
    UI.getCurrent().navigate("");
    _get(com.vaadin.flow.component.html.Div.class, s -> s.withId("tile-regions"));
    assertThat(_get(Span.class, s -> s.withId("calls-in-flight")).getText()).matches("\\d+");
    com.github.mvysny.kaributesting.v10.LocatorJ._assertNone(Button.class, s -> s.withText("Force open"));
  }
}
