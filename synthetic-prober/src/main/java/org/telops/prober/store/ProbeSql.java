package org.telops.prober.store;

/** The prober's SQL, plain PostgreSQL that also runs on TimescaleDB (probe_results may be a hypertable). */
final class ProbeSql {
  private ProbeSql() {}

  static final String INSERT_RESULT = """
      INSERT INTO probe_results (probe_id, probed_at, region, carrier, target, call_id, outcome, reason, connect_ms,
          first_audio_ms, round_trip_ms, jitter_ms, loss_percent, mos, digits_sent, digits_received, wer,
          phrase_sent, phrase_heard, duration_seconds, currency, cost_micros)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING
      """;

  static final String UPSERT_HEALTH = """
      INSERT INTO region_health (region, carrier, status, consecutive_failures, consecutive_successes, last_reason,
          changed_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, coalesce(?, now()), now())
      ON CONFLICT (region) DO UPDATE SET carrier = excluded.carrier, status = excluded.status,
          consecutive_failures = excluded.consecutive_failures, consecutive_successes = excluded.consecutive_successes,
          last_reason = excluded.last_reason, changed_at = coalesce(?, region_health.changed_at), updated_at = now()
      """;

  static final String INSERT_EVENT = """
      INSERT INTO region_health_events (region, at, from_status, to_status, reason) VALUES (?, ?, ?, ?, ?)
      """;

  /** Newest probe per region and target, looked for in the last day only (the index on (region, probed_at) serves it). */
  static final String LAST_PROBES = """
      SELECT region, target, max(probed_at) AS last_at FROM probe_results
      WHERE probed_at > now() - interval '1 day' GROUP BY region, target
      """;

  static final String HEALTH = """
      SELECT region, carrier, status, consecutive_failures, consecutive_successes, last_reason, changed_at
      FROM region_health
      """;

  static final String LIST = """
      SELECT probe_id, probed_at, region, carrier, target, call_id, outcome, reason, connect_ms, first_audio_ms,
             round_trip_ms, jitter_ms, loss_percent, mos, digits_sent, digits_received, wer, phrase_sent, phrase_heard,
             duration_seconds, currency, cost_micros
      FROM probe_results
      WHERE probed_at >= ? AND probed_at < ? AND (?::text IS NULL OR region = ?)
      ORDER BY probed_at DESC LIMIT ?
      """;

  /** Round trips of the window, sorted per region: the percentiles are computed from them in Java. */
  static final String ROUND_TRIPS = """
      SELECT region, round_trip_ms FROM probe_results
      WHERE probed_at >= ? AND probed_at < ? AND (?::text IS NULL OR region = ?) AND round_trip_ms IS NOT NULL
      ORDER BY region, round_trip_ms
      """;

  static final String COUNTS = """
      SELECT region, outcome, coalesce(reason, '') AS reason, count(*) AS probes, max(probed_at) AS last_at
      FROM probe_results
      WHERE probed_at >= ? AND probed_at < ?
      GROUP BY region, outcome, coalesce(reason, '')
      """;

  /** Probe minutes and cost per UTC day; billed minutes round each call up to whole minutes, as carriers bill. */
  static final String COST_PER_DAY = """
      SELECT (probed_at AT TIME ZONE 'UTC')::date AS day, region, carrier, coalesce(currency, '') AS currency,
             count(*) AS probes, coalesce(sum(duration_seconds), 0) AS seconds,
             coalesce(sum(ceil(greatest(duration_seconds, 0) / 60.0)), 0) AS billed_minutes,
             coalesce(sum(cost_micros), 0) AS cost_micros
      FROM probe_results
      WHERE probed_at >= ? AND probed_at < ? AND (?::text IS NULL OR region = ?)
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      """;
}
