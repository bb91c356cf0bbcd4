#!/usr/bin/env bash
# The console's CDR search at scale: loads ROWS CDRs over 30 days into an embedded PostgreSQL (default 10,000,000),
# then prints the time to data of the /calls queries and of one /calls/{id} page (median of 7).
# Usage: bench/console/run.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-10000000}"
mvn -B -q -pl admin-ui -am test -Dtest=CallQueriesBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dconsole.bench.rows="$ROWS" -DtrimStackTrace=true 2>&1 | grep -E '^(loaded|load:|first|page|exact|one call)' 
