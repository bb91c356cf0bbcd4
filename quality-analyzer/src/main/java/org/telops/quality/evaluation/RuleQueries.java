package org.telops.quality.evaluation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.telops.quality.alerting.AlertRule;
import org.telops.quality.alerting.Observation;
import org.telops.quality.alerting.RuleKind;
import org.telops.quality.alerting.Scope;
import org.telops.quality.triage.Triage;

/** Runs a rule's statement from {@link AlertingSql} for the window ending at {@code now} and reads its rows. */
final class RuleQueries {
    private RuleQueries() {}

    static List<Observation> observe(Connection c, AlertRule rule, Instant now) throws SQLException {
        OffsetDateTime to = at(now);
        OffsetDateTime from = at(now.minusSeconds(rule.windowSeconds()));
        String sql;
        Object[] args;
        switch (rule.kind()) {
            case MOS_LOW, JITTER_HIGH, LOSS_HIGH, ONE_WAY_LATENCY_HIGH -> {
                sql = AlertingSql.quality(rule.kind());
                args = new Object[] {from, to, from, to, at(now.minusSeconds(rule.windowSeconds()).minus(AlertingSql.LONGEST_CALL)),
                        from, to, rule.threshold(), rule.threshold()};
            }
            case TURN_LATENCY_P95, TURN_LATENCY_P99 -> {
                sql = AlertingSql.TURN_LATENCY;
                double fraction = rule.kind() == RuleKind.TURN_LATENCY_P95 ? 0.95 : 0.99;
                args = new Object[] {rule.threshold(), from, to, fraction};
            }
            case CALL_SUCCESS_LOW -> {
                sql = AlertingSql.CALL_SUCCESS;
                args = new Object[] {from, to};
            }
            case PROBE_FAILURES -> {
                sql = AlertingSql.PROBE_FAILURES;
                args = new Object[] {from, to};
            }
            case COST_ANOMALY -> {
                sql = AlertingSql.COST_ANOMALY;
                args = new Object[] {from, to, at(now.minusSeconds(rule.windowSeconds()).minus(java.time.Duration.ofDays(7))), from};
            }
            case PROVIDER_FAILURES -> {
                sql = AlertingSql.PROVIDER_FAILURES;
                args = new Object[] {from, to, from, to};
            }
            case WER_HIGH -> {
                sql = AlertingSql.WER_HIGH;
                args = new Object[] {from, to, at(now.minusSeconds(rule.windowSeconds()).minus(java.time.Duration.ofDays(1))),
                        from, AlertingSql.WER_BASELINE_MIN_PROBES};
            }
            default -> throw new IllegalStateException("no query for " + rule.id());
        }
        List<Observation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                boolean turns = has(rs, "tts_first_byte_ms");
                boolean reasons = has(rs, "top_reason");
                while (rs.next()) {
                    double value = rs.getDouble("value");
                    if (rs.wasNull()) {
                        value = Double.NaN;
                    }
                    Map<String, Double> components = new LinkedHashMap<>();
                    if (turns) {
                        component(rs, "eos_detect_ms", Triage.EOS, components);
                        component(rs, "stt_ms", Triage.STT, components);
                        component(rs, "llm_first_token_ms", Triage.LLM, components);
                        component(rs, "tts_first_byte_ms", Triage.TTS, components);
                    }
                    out.add(new Observation(
                            new Scope(rs.getString("tenant_id"), rs.getString("carrier"), rs.getString("region")),
                            value, rs.getLong("samples"), rs.getLong("affected"), strings(rs.getArray("call_ids")),
                            components, reasons ? rs.getString("top_reason") : null));
                }
            }
        }
        return out;
    }

    static OffsetDateTime at(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void component(ResultSet rs, String column, String name, Map<String, Double> into) throws SQLException {
        double v = rs.getDouble(column);
        if (!rs.wasNull()) {
            into.put(name, v);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).filter(v -> v != null).map(Object::toString).toList();
    }

    private static boolean has(ResultSet rs, String column) throws SQLException {
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(column)) {
                return true;
            }
        }
        return false;
    }
}
