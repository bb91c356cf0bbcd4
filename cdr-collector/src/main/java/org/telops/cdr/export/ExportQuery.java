package org.telops.cdr.export;

import io.vertx.core.MultiMap;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.telops.cdr.store.CallsSql;
import org.telops.contracts.call.CallOutcome;

/**
 * A validated export request: time window on attempted_at [from, to), optional filters, a format.
 * Defaults to the last 24 hours so a bare GET never scans years of CDRs by accident.
 */
public record ExportQuery(Instant from, Instant to, String carrier, String region, String tenant, String outcome,
                          Format format, Long limit) {

  public enum Format { CSV, JSON, NDJSON }

  public static ExportQuery parse(MultiMap params, Instant now) {
    Instant to = instant(params.get("to"), "to", now);
    Instant from = instant(params.get("from"), "from", to.minus(Duration.ofHours(24)));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    String outcome = params.get("outcome");
    if (outcome != null && !outcome.isBlank()) {
      outcome = CallOutcome.fromWire(outcome).wire();
    } else {
      outcome = null;
    }
    Format format;
    String f = params.get("format");
    try {
      format = f == null || f.isBlank() ? Format.JSON : Format.valueOf(f.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("format '" + f + "' is not one of csv, json, ndjson");
    }
    Long limit = null;
    String l = params.get("limit");
    if (l != null && !l.isBlank()) {
      try {
        limit = Long.parseLong(l.trim());
        if (limit < 1) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("limit '" + l + "' is not a positive whole number");
      }
    }
    return new ExportQuery(from, to, blank(params.get("carrier")), blank(params.get("region")),
        blank(params.get("tenant")), outcome, format, limit);
  }

  /** The SELECT and its parameters, in order. */
  public String sql(List<Object> args) {
    StringBuilder sql = new StringBuilder("SELECT ").append(CallsSql.COLUMN_LIST)
        .append(" FROM calls WHERE attempted_at >= ? AND attempted_at < ?");
    args.add(java.sql.Timestamp.from(from));
    args.add(java.sql.Timestamp.from(to));
    filter(sql, args, "carrier", carrier);
    filter(sql, args, "region", region);
    filter(sql, args, "tenant_id", tenant);
    filter(sql, args, "outcome", outcome);
    sql.append(" ORDER BY attempted_at, call_id");
    if (limit != null) {
      sql.append(" LIMIT ").append(limit);
    }
    return sql.toString();
  }

  public List<Object> newArgs() {
    return new ArrayList<>();
  }

  private static void filter(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static Instant instant(String v, String name, Instant fallback) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Instant.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 instant like 2026-11-01T00:00:00Z, got '" + v + "'");
    }
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
