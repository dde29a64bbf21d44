#!/usr/bin/env bash
# Side by side: the enqueue of this working tree's API against the API of another git ref (default HEAD~1), in
# alternating rounds on one Redis, so both see the same phases of a VM whose speed drifts. Per run it prints req/s
# of POST /api/cex-radar/search, the CPU each POST cost the API and Redis (from /proc), and how many jobs rode in
# each enqueue script call (Redis commandstats).
# usage: bench/compare-api.sh [REF]   Knobs: ROUNDS (3), CONNECTIONS ("32 256"), DURATION (8 s), WARM_SECONDS (12 s),
# SHIPPED_LOG_LEVELS (unset: both sides log warnings only; 1: each side logs at the levels it ships with).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-HEAD~1} rounds=${ROUNDS:-3} duration=${DURATION:-8} warm=${WARM_SECONDS:-12}
. bench/lib.sh

scripts/ensure-deps.sh wrk
bench_with_ref "$ref" Alpha2.Api

redis_port=$(free_port) api_port=$(free_port)
start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work"
redis_pid=$(pid_of redis)
export REDIS_URL="redis://127.0.0.1:$redis_port/0" RATE_LIMIT_PER_MINUTE=0
[ -n "${SHIPPED_LOG_LEVELS:-}" ] || export Logging__LogLevel__Default=Warning
api="http://127.0.0.1:$api_port"

enqueue_calls() { redis-cli -p "$redis_port" info commandstats | awk -F'[=,:]' '/^cmdstat_evalsha:/ {print $3}'; }

run_side() {
  local line="round $1 $2:" connections rps api_before redis_before api_after redis_after
  start api dotnet "$3/Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll" --urls "$api"
  wait_for "$api/health/ready"
  wrk -t2 -c32 -d"${warm}s" -s bench/wrk/enqueue.lua "$api" -- "warm$RANDOM" >/dev/null
  for connections in ${CONNECTIONS:-32 256}; do
    redis-cli -p "$redis_port" flushall >/dev/null
    redis-cli -p "$redis_port" config resetstat >/dev/null
    api_before=$(cpu_ticks "$(pid_of api)") redis_before=$(cpu_ticks "$redis_pid")
    rps=$(wrk -t2 -c"$connections" -d"${duration}s" -s bench/wrk/enqueue.lua "$api" -- "run$RANDOM" | sed -nE 's/^WRK rps=([0-9.]+).*/\1/p')
    api_after=$(cpu_ticks "$(pid_of api)") redis_after=$(cpu_ticks "$redis_pid")
    line+=$(awk -v c="$connections" -v r="$rps" -v d="$duration" -v a=$((api_after - api_before)) -v s=$((redis_after - redis_before)) -v e="$(enqueue_calls)" \
      -v hz="$(getconf CLK_TCK)" 'BEGIN { n = r * d; printf "  c%s %6.0f req/s, API %3.0f us, Redis %3.0f us per POST, %4.1f jobs per call", c, r, a * 1e6 / hz / n, s * 1e6 / hz / n, n / e }')
  done
  echo "$line"
  stop api
}

alternate "$rounds" "$ref" run_side
