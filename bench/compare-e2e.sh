#!/usr/bin/env bash
# Side by side: end-to-end latency at low load (POST /api/ai/infer → the job's jobs:finished message, one job at a
# time) with this working tree's API and worker against those of another git ref (default HEAD~1), in alternating
# rounds on one Redis and provider stub, so both see the same phases of a VM whose speed drifts.
# Per run it prints the e2e p50/p99, the part until the 202 was read, and a static POST's p50 measured just after.
# usage: bench/compare-e2e.sh [REF]   Knobs: ROUNDS (3), E2E_COUNT (1000 jobs per run, after as many to warm up).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-HEAD~1} rounds=${ROUNDS:-3} count=${E2E_COUNT:-1000}
. bench/lib.sh

bench_with_ref "$ref" Alpha2.Api Alpha2.Worker

bench_start_backends

run_side() {
  redis-cli -p "$redis_port" flushall >/dev/null
  start api dotnet "$3/Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll" --urls "$api"
  wait_for "$api/health/ready"
  start_workers 1 16 "$3"
  rm -f "$work/e2e.txt"
  bench_tool e2e --api "$api" --static "$static" --redis "$redis" --count "$count" --results "$work/e2e.txt" >/dev/null
  awk -v line="round $1 $2:" '{ v[$1] = $2 } END {
    printf "%s  e2e p50 %.2f ms, p99 %.2f ms; until the 202 p50 %.2f ms; static POST p50 %.2f ms\n", line,
      v["e2e.p50_ms"], v["e2e.p99_ms"], v["e2e.accepted_p50_ms"], v["e2e.static_p50_ms"] }' "$work/e2e.txt"
  stop_workers
  stop api
}

alternate "$rounds" "$ref" run_side
