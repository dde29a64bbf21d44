#!/usr/bin/env bash
# The performance benchmark of issue 6, on this one machine: enqueue rate and latency against redis-benchmark and a
# static 202, reads against the same bytes served statically, worker jobs/s against BullMQ on the same provider stub,
# end-to-end latency, peak RSS, and Redis memory around a million jobs with retention on. Prints ONE table (also
# written to bench/results-latest.md). Everything runs on loopback and is stopped on exit.
# Every figure is taken warm: .NET's tiered JIT (and V8's) needs seconds of load before a process runs at its steady
# rate, so each wrk run follows WARM_SECONDS of the same load and each worker run WORKER_WARM_SECONDS of batches of
# the same jobs (a fixed 40,000 jobs left .NET's JIT still recompiling: Alpha2 at concurrency 64 measured 7,299 jobs/s
# after them and 9,188 after 20 s, while BullMQ measured the same after either).
# Knobs: QUICK=1 (a few minutes), DURATION (s per wrk run), WARM_SECONDS (s of load before each), JOBS (per worker
# run), WARMUP (jobs per warm-up batch), WORKER_WARM_SECONDS, MEMORY_JOBS, E2E_COUNT, READ_PAIRS (alternating
# static/API runs per read, the median ratio kept).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${QUICK:-0}" = 1 ]; then
  DURATION=${DURATION:-3} WARM_SECONDS=${WARM_SECONDS:-3} WORKER_WARM_SECONDS=${WORKER_WARM_SECONDS:-3} JOBS=${JOBS:-8000} WARMUP=${WARMUP:-3000} MEMORY_JOBS=${MEMORY_JOBS:-50000} E2E_COUNT=${E2E_COUNT:-200} REDIS_REQUESTS=${REDIS_REQUESTS:-50000} READ_PAIRS=${READ_PAIRS:-1}
else
  DURATION=${DURATION:-10} WARM_SECONDS=${WARM_SECONDS:-15} WORKER_WARM_SECONDS=${WORKER_WARM_SECONDS:-20} JOBS=${JOBS:-30000} WARMUP=${WARMUP:-40000} MEMORY_JOBS=${MEMORY_JOBS:-1000000} E2E_COUNT=${E2E_COUNT:-500} REDIS_REQUESTS=${REDIS_REQUESTS:-200000} READ_PAIRS=${READ_PAIRS:-3}
fi
. bench/lib.sh

bench_prepare
work=$(mktemp -d)
results="$work/results.txt"
touch "$results"
trap 'status=$?; bench_stop_all; if [ $status -eq 0 ]; then rm -rf "$work"; else echo "failed; logs kept in $work"; fi' EXIT

bench_start_backends

echo "== enqueue, reads: API against Redis, beside redis-benchmark and the static server"
start api dotnet Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll --urls "$api"
wait_for "$api/health/ready"
for connections in 32 256; do
  http_load "static.post.c$connections" "$connections" "$static" enqueue
  redis-cli -p "$redis_port" flushall >/dev/null
  http_load "api.enqueue.c$connections" "$connections" "$api" enqueue
done
redis-cli -p "$redis_port" flushall >/dev/null
bench_tool redis-limit --redis "$redis" --api "$api" --clients 32,256 --requests "$REDIS_REQUESTS" --results "$results"
redis-cli -p "$redis_port" flushall >/dev/null
bench_tool seed --redis "$redis"
for route in whales/top3:top3 helius/mints:mints; do
  http_load_pairs "static.get.${route#*:}" "api.get.${route#*:}" "$READ_PAIRS" "$static/api/${route%:*}" "$api/api/${route%:*}"
done

echo "== end to end, one job at a time"
redis-cli -p "$redis_port" flushall >/dev/null
start_workers 1 16
bench_tool e2e --api "$api" --static "$static" --redis "$redis" --count "$E2E_COUNT" --results "$results"
stop_workers
record_rss rss.api_mib "$(pid_of api)"
record_rss rss.static_mib "$(pid_of static)"
stop api

echo "== worker jobs/s: Alpha2 beside BullMQ"
for processes in 1 2; do
  for concurrency in 1 16 64; do
    # Concurrency 1 goes one job at a time: fewer jobs take as long (warm-up batches too; their time is the same).
    count=$JOBS warmup=$WARMUP; [ "$concurrency" -gt 1 ] || { count=$((JOBS / 4)); warmup=$((WARMUP / 8)); }
    alpha2_beside_bullmq "worker.p$processes.c$concurrency" "$processes" "$concurrency" "$count" "$warmup"
  done
done

echo "== Redis memory around $MEMORY_JOBS jobs, retention 18 s"
redis-cli -p "$redis_port" flushall >/dev/null
JOB_RETENTION_HOURS=0.005 start_workers 2 64
bench_tool memory --redis "$redis" --count "$MEMORY_JOBS" --retention-seconds 18 --results "$results"
stop_workers

echo
echo "Alpha2 benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(machine_line)"
bench_tool report --results "$results" --out bench/results-latest.md || true
cp "$results" bench/results-latest.txt
