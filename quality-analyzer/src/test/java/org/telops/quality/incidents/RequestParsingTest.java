package org.telops.quality.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestParsingTest {

    @Test
    @DisplayName("Alert filters become a WHERE clause with one placeholder per value and the limit last.")
    void alertFilters() {
        ListQuery q = ListQuery.alerts(Map.of("state", "open", "rule", "jitter-high", "carrier", "twilio",
                "from", "2026-11-01T00:00:00Z", "to", "2026-11-02T00:00:00Z", "limit", "5"));
        assertThat(q.where()).isEqualTo(" WHERE status = ? AND rule = ? AND carrier = ? AND opened_at < ? "
                + "AND (resolved_at IS NULL OR resolved_at >= ?)");
        assertThat(q.args()).hasSize(6);
        assertThat(q.args().get(3)).isEqualTo(OffsetDateTime.parse("2026-11-02T00:00:00Z"));
        assertThat(q.args().get(5)).isEqualTo(5);
        assertThat(ListQuery.alerts(Map.of()).where()).isEmpty();
        assertThat(ListQuery.alerts(Map.of()).args()).containsExactly(ListQuery.DEFAULT_LIMIT);
    }

    @Test
    @DisplayName("Incident state 'active' means open or acknowledged; a stack filter must name one of the four stacks.")
    void incidentFilters() {
        assertThat(ListQuery.incidents(Map.of("state", "active", "stack", "audio")).where())
                .isEqualTo(" WHERE status IN ('open', 'acknowledged') AND stack = ?");
        assertThatThrownBy(() -> ListQuery.incidents(Map.of("stack", "network")))
                .hasMessage("stack 'network' is not one of telephony, audio, intelligence, output");
    }

    @Test
    @DisplayName("Bad filters are refused with the parameter, the value and what is allowed.")
    void badFilters() {
        assertThatThrownBy(() -> ListQuery.alerts(Map.of("state", "closed")))
                .hasMessage("state 'closed' is not one of open, resolved");
        assertThatThrownBy(() -> ListQuery.alerts(Map.of("rule", "cpu-high"))).hasMessageContaining("rule 'cpu-high'")
                .hasMessageContaining("jitter-high");
        assertThatThrownBy(() -> ListQuery.alerts(Map.of("stat", "open"))).hasMessageContaining("unknown query parameter(s) [stat]");
        assertThatThrownBy(() -> ListQuery.alerts(Map.of("from", "yesterday"))).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ListQuery.alerts(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z")))
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> ListQuery.incidents(Map.of("limit", "0"))).hasMessageContaining("from 1 to 1000");
    }

    @Test
    @DisplayName("An action body needs a non-blank 'by'; the note is optional and trimmed.")
    void actionBodies() {
        assertThat(ActionRequest.parse("{\"by\":\" alice \",\"note\":\" ticket 12 \"}"))
                .isEqualTo(new ActionRequest("alice", "ticket 12"));
        assertThat(ActionRequest.parse("{\"by\":\"bob\"}").note()).isNull();
        assertThatThrownBy(() -> ActionRequest.parse("")).hasMessageContaining("body is missing");
        assertThatThrownBy(() -> ActionRequest.parse("[1]")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ActionRequest.parse("{\"by\": 3}")).hasMessageContaining("'by'");
        assertThatThrownBy(() -> ActionRequest.parse("{\"by\":\"x\",\"note\":5}")).hasMessage("'note' must be a string");
        assertThatThrownBy(() -> ActionRequest.parse("{\"by\":\"" + "x".repeat(101) + "\"}"))
                .hasMessageContaining("longer than 100");
    }
}
