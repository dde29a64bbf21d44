#!/usr/bin/env bash
# Side by side: GET /api/jobs/{jobId} of a finished ai-infer job (what the UI polls until its prompt is answered) with
# this working tree's API against another git ref's (default HEAD~1), in alternating rounds on one Redis. The job is
# made once, by this tree's API and worker against the bench's provider stub. Per run it prints req/s at 32
# connections, p99, and the CPU each read cost the API (from /proc).
# usage: bench/compare-job-read.sh [REF]   Knobs: ROUNDS (3), DURATION (8 s), WARM_SECONDS (12 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-HEAD~1} rounds=${ROUNDS:-3} duration=${DURATION:-8} warm=${WARM_SECONDS:-12}
. bench/lib.sh

scripts/ensure-deps.sh wrk
bench_with_ref "$ref" Alpha2.Api
dotnet build Alpha2.Worker -c Release -v quiet -nologo >/dev/null

bench_start_backends
start api dotnet Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll --urls "$api"
wait_for "$api/health/ready"
start_workers 1 1
job=$(curl -sf "$api/api/ai/infer" -H 'Content-Type: application/json' \
  -d '{"provider":"gemini","model":"gemini-2.5-flash","prompt":"a finished job to read"}' | sed -E 's/.*"jobId":"([^"]+)".*/\1/')
curl -sf "$api/api/jobs/$job?wait=10" | grep -q '"status":"done"' || { echo "the job did not finish"; exit 1; }
stop_workers
stop api

run_side() {
  local before line after
  start api dotnet "$3/Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll" --urls "$api"
  wait_for "$api/health/ready"
  wrk -t2 -c32 -d"${warm}s" "$api/api/jobs/$job" >/dev/null
  before=$(cpu_ticks "$(pid_of api)")
  line=$(wrk -t2 -c32 -d"${duration}s" -s bench/wrk/report.lua "$api/api/jobs/$job" | grep '^WRK ')
  after=$(cpu_ticks "$(pid_of api)")
  echo "$line" | awk -v side="round $1 $2:" -v d="$duration" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    printf "%s  %6.0f req/s, p99 %.2f ms, API %3.0f us per GET, %d errors\n", side, v["rps"], v["p99_ms"], t * 1e6 / hz / (v["rps"] * d), v["errors"] + v["http_errors"] }'
  stop api
}

alternate "$rounds" "$ref" run_side
