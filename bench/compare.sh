#!/usr/bin/env bash
# Side by side: this working tree against another git ref (default HEAD~1), in alternating rounds on one Redis and
# provider stub, so both sides see the same phases of a VM whose speed drifts; a change is judged against the same
# minute's other side, not against a table taken another day. Each side prints its rate beside the CPU it cost, which
# the VM's speed sways less. REF is checked out in a temporary git worktree and its own projects are built there.
#   api     POST /api/cex-radar/search (the enqueue) at each of CONNECTIONS: req/s, the API's and Redis's CPU per POST,
#           and jobs per enqueue script call. SHIPPED_LOG_LEVELS=1: each side logs at the levels it ships with
#           (otherwise both log warnings only, as in bench/run.sh).
#   e2e     POST /api/ai/infer → the job's jobs:finished message, one job at a time, with each side's API and worker:
#           p50/p99, the part until the 202 was read, and a static POST's p50 measured just after.
#   read    GET /api/jobs/{jobId} of a finished ai-infer job (what the UI polls), made once by this tree's API and
#           worker: req/s at 32 connections, p99, the API's CPU per GET.
#   worker  ai-infer jobs/s of each side's worker at each of CONCURRENCY on PROVIDER's path, warmed as bench/run.sh
#           warms it, with the worker processes' CPU per job.
# usage: bench/compare.sh <api|e2e|read|worker> [REF]
# Knobs: ROUNDS (3); api and read: DURATION (8 s), WARM_SECONDS (12 s), api: CONNECTIONS ("32 256"); e2e: E2E_COUNT
# (1000 jobs per run, after as many to warm up); worker: PROVIDER (gemini or groq; gemini), CONCURRENCY ("1 16 64"),
# PROCESSES (1), JOBS (20000 per run, a quarter at concurrency 1), WORKER_WARM_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-} ref=${2:-HEAD~1} rounds=${ROUNDS:-3}
duration=${DURATION:-8} warm=${WARM_SECONDS:-12}
. bench/lib.sh

case "$mode" in
  api) bench_with_ref "$ref" Alpha2.Api ;;
  e2e) bench_with_ref "$ref" Alpha2.Api Alpha2.Worker ;;
  read) bench_with_ref "$ref" Alpha2.Api; build . Alpha2.Worker ;;
  worker) bench_with_ref "$ref" Alpha2.Worker ;;
  *) echo "usage: bench/compare.sh <api|e2e|read|worker> [REF]" >&2; exit 2 ;;
esac
bench_start_backends
[ "$mode" != api ] || [ -z "${SHIPPED_LOG_LEVELS:-}" ] || unset Logging__LogLevel__Default

# run_side ROUND SIDE TREE: one side's runs into a fresh results file, then its line.
run_side() {
  side_results="$work/side.jsonl"
  : >"$side_results"
  "${mode}_side" "$3"
  bench_tool compare-line "$mode" --results "$side_results" --label "round $1 $2:"
}

api_side() {
  local connections
  start_api "$1"
  bench_tool http --server api --route enqueue --connections 32 --url "$api" --duration "$warm" --results "$work/warm.jsonl" >/dev/null
  for connections in ${CONNECTIONS:-32 256}; do
    flush_redis
    bench_tool http --server api --route enqueue --connections "$connections" --url "$api" --duration "$duration" \
      --cpu-pids "api=$(pid_of api),redis=$(pid_of redis)" --redis "$redis" --results "$side_results" >/dev/null
  done
  stop api
}

e2e_side() {
  flush_redis
  start_api "$1"
  start_workers 1 16 "$1"
  bench_tool e2e --api "$api" --static "$static" --redis "$redis" --count "${E2E_COUNT:-1000}" --results "$side_results" >/dev/null
  stop_workers
  stop api
}

read_side() {
  start_api "$1"
  bench_tool http --server api --route job --connections 32 --url "$api/api/jobs/$job" --duration "$duration" \
    --warm-seconds "$warm" --cpu-pids "api=$(pid_of api)" --results "$side_results" >/dev/null
  stop api
}

worker_side() {
  local concurrency count jobs=${JOBS:-20000}
  for concurrency in ${CONCURRENCY:-1 16 64}; do
    count=$jobs; [ "$concurrency" -gt 1 ] || count=$((jobs / 4))
    alpha2_workers "$side_results" "${PROVIDER:-gemini}" "${PROCESSES:-1}" "$concurrency" "$count" $((count / 4)) "${WORKER_WARM_SECONDS:-10}" "$1" >/dev/null
  done
}

if [ "$mode" = read ]; then
  # The finished job both sides read, made by this tree's API and worker against the stub.
  start_api
  start_workers 1 1
  job=$(curl -sf "$api/api/ai/infer" -H 'Content-Type: application/json' \
    -d '{"provider":"gemini","model":"gemini-2.5-flash","prompt":"a finished job to read"}' | sed -E 's/.*"jobId":"([^"]+)".*/\1/')
  curl -sf "$api/api/jobs/$job?wait=10" | grep -q '"status":"done"' || { echo "the job did not finish"; exit 1; }
  stop_workers
  stop api
fi

alternate "$rounds" "$ref" run_side
