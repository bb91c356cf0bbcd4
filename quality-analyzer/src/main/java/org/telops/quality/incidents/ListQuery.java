package org.telops.quality.incidents;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.telops.quality.alerting.RuleKind;
import org.telops.quality.triage.Stack;

/**
 * A validated {@code GET /api/v1/alerts} or {@code /api/v1/incidents} filter. {@code from}/{@code to}
 * select what was active at some time in [from, to): opened before {@code to} and not resolved before
 * {@code from}. Unknown parameters are refused so a typo ({@code stat=open}) does not silently list everything.
 *
 * @param where " WHERE …" (or "") with {@code ?} placeholders
 * @param args the placeholder values in order, then the limit
 */
public record ListQuery(String where, List<Object> args) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private static final Set<String> ALERT_PARAMS = Set.of("state", "rule", "tenant", "carrier", "region", "from", "to", "limit");
    private static final Set<String> INCIDENT_PARAMS = Set.of("state", "stack", "tenant", "carrier", "region", "from", "to", "limit");

    public static ListQuery alerts(Map<String, String> params) {
        unknown(params, ALERT_PARAMS);
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String state = value(params, "state");
        if (state != null) {
            if (!state.equals("open") && !state.equals("resolved")) {
                throw new IllegalArgumentException("state '" + state + "' is not one of open, resolved");
            }
            equal(where, args, "status", state);
        }
        String rule = value(params, "rule");
        if (rule != null) {
            if (RuleKind.byId(rule) == null) {
                throw new IllegalArgumentException("rule '" + rule + "' is not one of " + ruleIds());
            }
            equal(where, args, "rule", rule);
        }
        common(params, where, args);
        return build(where, args, params);
    }

    public static ListQuery incidents(Map<String, String> params) {
        unknown(params, INCIDENT_PARAMS);
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        String state = value(params, "state");
        if (state != null) {
            switch (state) {
                case "open", "acknowledged", "resolved" -> equal(where, args, "status", state);
                case "active" -> where.add("status IN ('open', 'acknowledged')");
                default -> throw new IllegalArgumentException("state '" + state
                        + "' is not one of open, acknowledged, resolved, active (open or acknowledged)");
            }
        }
        String stack = value(params, "stack");
        if (stack != null) {
            if (Stack.byId(stack) == null) {
                throw new IllegalArgumentException("stack '" + stack + "' is not one of telephony, audio, intelligence, output");
            }
            equal(where, args, "stack", stack);
        }
        common(params, where, args);
        return build(where, args, params);
    }

    private static void common(Map<String, String> params, List<String> where, List<Object> args) {
        equal(where, args, "tenant_id", value(params, "tenant"));
        equal(where, args, "carrier", value(params, "carrier"));
        equal(where, args, "region", value(params, "region"));
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        if (to != null) {
            where.add("opened_at < ?");
            args.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        if (from != null) {
            where.add("(resolved_at IS NULL OR resolved_at >= ?)");
            args.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
    }

    private static ListQuery build(List<String> where, List<Object> args, Map<String, String> params) {
        String l = value(params, "limit");
        int limit = DEFAULT_LIMIT;
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
                if (limit < 1 || limit > MAX_LIMIT) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit '" + l + "' is not a whole number from 1 to " + MAX_LIMIT);
            }
        }
        args.add(limit);
        return new ListQuery(where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where), List.copyOf(args));
    }

    private static void equal(List<String> where, List<Object> args, String column, String value) {
        if (value != null) {
            where.add(column + " = ?");
            args.add(value);
        }
    }

    private static void unknown(Map<String, String> params, Set<String> allowed) {
        Set<String> extra = new TreeSet<>(params.keySet());
        extra.removeAll(allowed);
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("unknown query parameter(s) " + extra + ": use " + new TreeSet<>(allowed));
        }
    }

    private static Instant instant(Map<String, String> params, String name) {
        String v = value(params, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant like 2026-11-01T00:00:00Z, got '"
                    + v + "'");
        }
    }

    private static String value(Map<String, String> params, String name) {
        String v = params.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    static String ruleIds() {
        List<String> ids = new ArrayList<>();
        for (RuleKind k : RuleKind.values()) {
            ids.add(k.id());
        }
        return String.join(", ", ids);
    }
}
