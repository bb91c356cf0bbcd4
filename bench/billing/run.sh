#!/usr/bin/env bash
# Billing reconciliation benchmark on the embedded PostgreSQL (a temporary data directory):
#   N answered CDRs are rated, an N-line Twilio invoice with ~0.5 % each of unbilled, overcharged,
#   one-minute-too-many, ~0.3 % phantom and ~0.2 % duplicate lines is imported (COPY through a staging
#   table) and reconciled (merge join in Java, items COPYed back); then the same classification as one SQL
#   join is timed in psql on the same database, in the same run.
# Usage: bench/billing/run.sh [N]      (default 1000000). Env: BENCH_HEAP (default -Xms256m -Xmx256m).
# Not part of `mvn verify`. Needs the platform jar (built here if missing) and psql.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/platform/target/telops.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -pl platform -am package -DskipTests)
fi
mkdir -p "$here/target/classes"
javac -d "$here/target/classes" -cp "$jar" "$here"/src/*.java
data="$(mktemp -d /tmp/telops-billing-bench.XXXXXX)"
ready="$data/ready"
java ${BENCH_HEAP:--Xms256m -Xmx256m} -DTELOPS_LOG_LEVEL=WARN -cp "$here/target/classes:$jar" BillingBench "$data" \
  "${1:-1000000}" "$ready" &
pid=$!
trap 'touch "$ready.done"; wait $pid || true; rm -rf "$data"' EXIT
while [ ! -f "$ready" ]; do
  kill -0 $pid 2>/dev/null || { echo "bench JVM exited early" >&2; exit 1; }
  sleep 1
done
read -r port user invoice < "$ready"
echo "single SQL join in psql (same data, same classes, no rows written):"
psql -h 127.0.0.1 -p "$port" -U "$user" -d postgres -X -q <<SQL
\timing on
SELECT kind, count(*), sum(coalesce(billed, 0) - coalesce(ours, 0)) AS variance_micros FROM (
  SELECT CASE
           WHEN l.line_no IS NULL THEN 'unbilled'
           WHEN c.call_id IS NULL THEN 'phantom'
           WHEN row_number() OVER (PARTITION BY l.carrier_call_id ORDER BY l.line_no) > 1 THEN 'duplicate'
           WHEN abs(l.amount_micros - c.cost_telephony_micros) <= 100 THEN 'matched'
           WHEN (l.amount_micros * 60) % 14000 = 0 AND l.amount_micros * 60 / 14000 % 60 = 0 THEN 'duration-mismatch'
           ELSE 'rate-mismatch' END AS kind,
         l.amount_micros AS billed, c.cost_telephony_micros AS ours
  FROM (SELECT * FROM invoice_lines WHERE invoice_id = $invoice) l
  FULL JOIN (SELECT * FROM calls WHERE carrier = 'twilio' AND attempted_at >= '2026-11-01' AND attempted_at < '2026-12-01') c
    ON c.carrier_call_id = l.carrier_call_id) x
GROUP BY kind ORDER BY kind;
SQL
