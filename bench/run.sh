#!/usr/bin/env bash
# The full benchmark on this one machine, each figure beside the limit measured in the same run: enqueue rate and
# latency against redis-benchmark (the enqueue's own script) and a static 202; reads against the same bytes served
# statically; worker jobs/s and CPU per job against BullMQ's on the Gemini and the Groq path of the same provider
# stub, with a bare .NET floor per path, to show what BullMQ's rate leaves for the rest; end-to-end latency at low
# load; peak RSS; Redis memory around many jobs with retention on. Prints the table (bench/RESULTS.md explains it),
# also written to bench/results-latest.md, the raw results to bench/results-latest.jsonl. Everything runs on loopback
# and is stopped on exit.
# Every figure is taken warm: .NET's tiered JIT (and V8's) needs seconds under load before a process runs at its
# steady rate, and a fixed number of warm-up jobs can end while .NET is still recompiling, so each wrk run follows
# WARM_SECONDS of the same load and each worker run WORKER_WARM_SECONDS of batches of the same jobs.
# usage: bench/run.sh   Knobs: QUICK=1 (short, cold runs: a smoke check, not figures), DURATION (s per
# wrk run), WARM_SECONDS, JOBS (per worker run), WARMUP (jobs per warm-up batch), WORKER_WARM_SECONDS, FLOOR_SECONDS,
# MEMORY_JOBS, E2E_COUNT, REDIS_REQUESTS, READ_PAIRS (alternating static/API runs per read, the median ratio kept),
# WORKER_PAIRS (alternating BullMQ/Alpha2 runs per provider and concurrency, each row's median ratio kept),
# ENQUEUE_PAIRS (rounds of the enqueue's static, API and redis-benchmark runs, each row's median kept).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${QUICK:-0}" = 1 ]; then
  DURATION=${DURATION:-3} WARM_SECONDS=${WARM_SECONDS:-3} WORKER_WARM_SECONDS=${WORKER_WARM_SECONDS:-3} JOBS=${JOBS:-8000} WARMUP=${WARMUP:-3000} FLOOR_SECONDS=${FLOOR_SECONDS:-3} MEMORY_JOBS=${MEMORY_JOBS:-50000} E2E_COUNT=${E2E_COUNT:-200} REDIS_REQUESTS=${REDIS_REQUESTS:-50000} READ_PAIRS=${READ_PAIRS:-1} WORKER_PAIRS=${WORKER_PAIRS:-1} ENQUEUE_PAIRS=${ENQUEUE_PAIRS:-1}
else
  DURATION=${DURATION:-10} WARM_SECONDS=${WARM_SECONDS:-15} WORKER_WARM_SECONDS=${WORKER_WARM_SECONDS:-20} JOBS=${JOBS:-30000} WARMUP=${WARMUP:-40000} FLOOR_SECONDS=${FLOOR_SECONDS:-5} MEMORY_JOBS=${MEMORY_JOBS:-1000000} E2E_COUNT=${E2E_COUNT:-500} REDIS_REQUESTS=${REDIS_REQUESTS:-200000} READ_PAIRS=${READ_PAIRS:-3} WORKER_PAIRS=${WORKER_PAIRS:-3} ENQUEUE_PAIRS=${ENQUEUE_PAIRS:-3}
fi
. bench/lib.sh

bench_prepare Alpha2.Api Alpha2.Worker
bullmq_prepare
work=$(mktemp -d)
results="$work/results.jsonl"
trap 'status=$?; bench_stop_all; if [ $status -eq 0 ]; then rm -rf "$work"; else echo "failed; logs kept in $work"; fi' EXIT

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo "+changes")
bench_tool run-info --commit "$commit" --results "$results" --settings \
  "QUICK=${QUICK:-0} DURATION=$DURATION WARM_SECONDS=$WARM_SECONDS JOBS=$JOBS WARMUP=$WARMUP WORKER_WARM_SECONDS=$WORKER_WARM_SECONDS FLOOR_SECONDS=$FLOOR_SECONDS MEMORY_JOBS=$MEMORY_JOBS E2E_COUNT=$E2E_COUNT REDIS_REQUESTS=$REDIS_REQUESTS READ_PAIRS=$READ_PAIRS WORKER_PAIRS=$WORKER_PAIRS ENQUEUE_PAIRS=$ENQUEUE_PAIRS" >/dev/null
bench_start_backends

# http SERVER ROUTE CONNECTIONS URL [OPTION…]: one warm wrk measurement, recorded.
http() {
  bench_tool http --server "$1" --route "$2" --connections "$3" --url "$4" --duration "$DURATION" \
    --warm-seconds "$WARM_SECONDS" --results "$results" "${@:5}"
}

echo "== enqueue, reads: API against Redis, beside redis-benchmark and the static server"
start_api
# Rounds of static, API and redis-benchmark; each row of the table keeps the round with the median of its measure.
for pair in $(seq 1 "$ENQUEUE_PAIRS"); do
  for connections in 32 256; do
    http static enqueue "$connections" "$static" --pair "$pair"
    flush_redis
    http api enqueue "$connections" "$api" --pair "$pair"
  done
  flush_redis
  bench_tool redis-limit --redis "$redis" --api "$api" --clients 32,256 --requests "$REDIS_REQUESTS" --results "$results" --pair "$pair"
done
flush_redis
bench_tool seed --redis "$redis"
# Each read as alternating static/API pairs; the report keeps the pair with the median ratio.
for route in top3:whales/top3 mints:helius/mints; do
  for pair in $(seq 1 "$READ_PAIRS"); do
    http static "${route%%:*}" 32 "$static/api/${route#*:}" --pair "$pair"
    http api "${route%%:*}" 32 "$api/api/${route#*:}" --pair "$pair"
  done
done

echo "== end to end, one job at a time"
flush_redis
start_workers 1 16
bench_tool e2e --api "$api" --static "$static" --redis "$redis" --count "$E2E_COUNT" --results "$results"
stop_workers
bench_tool rss --process api --pids "$(pid_of api)" --results "$results" >/dev/null
bench_tool rss --process static --pids "$(pid_of static)" --results "$results" >/dev/null
stop api

echo "== worker jobs/s and CPU per job: Alpha2 beside BullMQ, one process each, and the floor, on each provider's path"
for provider in gemini groq; do
  for concurrency in 16 64; do
    # Alternating pairs, each side first in every other one, so a drift of the VM's speed does not favour a side; each
    # row of the table keeps the pair with the median ratio of its measure.
    for pair in $(seq 1 "$WORKER_PAIRS"); do
      sides=(alpha2 bullmq); [ $((pair % 2)) = 1 ] || sides=(bullmq alpha2)
      for side in "${sides[@]}"; do
        PAIR=$pair "${side}_workers" "$results" "$provider" 1 "$concurrency" "$JOBS" "$WARMUP" "$WORKER_WARM_SECONDS"
      done
    done
    # The least a job costs a .NET process here (a bare HttpClient call of the same provider to the stub and a Redis
    # PING), with as many in flight: the CPU table sets it against what BullMQ's rate leaves per job.
    bench_tool floor --stub "$stub" --provider "$provider" --redis "$redis" --concurrency "$concurrency" \
      --warmup-seconds "$WORKER_WARM_SECONDS" --seconds "$FLOOR_SECONDS" --cpu-pids "redis=$(pid_of redis),stub=$(pid_of stub)" \
      --results "$results"
  done
done

echo "== Redis memory around $MEMORY_JOBS jobs, retention 18 s"
flush_redis
JOB_RETENTION_HOURS=0.005 start_workers 2 64
bench_tool memory --redis "$redis" --count "$MEMORY_JOBS" --retention-seconds 18 --results "$results"
stop_workers

echo
bench_tool report --results "$results" --out bench/results-latest.md
cp "$results" bench/results-latest.jsonl
