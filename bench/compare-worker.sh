#!/usr/bin/env bash
# Side by side: ai-infer jobs/s of this working tree's worker against the worker of another git ref (default HEAD~1),
# in alternating rounds on one Redis and the bench's provider stub, so both see the same phases of a VM whose speed
# drifts. Each run warms its workers up first, as bench/run.sh does, and prints the workers' CPU per job beside the rate
# (less swayed by the VM's speed than the rate is).
# usage: bench/compare-worker.sh [REF]   Knobs: ROUNDS (3), CONCURRENCY ("1 16 64"), PROCESSES (1), JOBS (20000 per
# run, a quarter at concurrency 1), WORKER_WARM_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=${1:-HEAD~1} rounds=${ROUNDS:-3} processes=${PROCESSES:-1} jobs=${JOBS:-20000} warm=${WORKER_WARM_SECONDS:-10}
. bench/lib.sh

bench_with_ref "$ref" Alpha2.Worker

bench_start_backends

run_side() {
  local line="round $1 $2:" concurrency count
  for concurrency in ${CONCURRENCY:-1 16 64}; do
    count=$jobs; [ "$concurrency" -gt 1 ] || count=$((jobs / 4))
    redis-cli -p "$redis_port" flushall >/dev/null
    start_workers "$processes" "$concurrency" "$3"
    rm -f "$work/workers.txt"
    bench_tool workers --redis "$redis" --count "$count" --warmup $((count / 4)) --warmup-seconds "$warm" \
      --pids "$(worker_pid_list)" --cpu-pids "$(worker_cpu_pids)" --name workers --results "$work/workers.txt" >/dev/null
    line+=$(awk -v c="$concurrency" '$1 == "workers" { rate = $2 } $1 ~ /cpu_us\.worker/ { cpu += $2 } END { printf "  c%s %6.0f jobs/s %4.0f µs", c, rate, cpu }' "$work/workers.txt")
    stop_workers
  done
  echo "$line"
}

alternate "$rounds" "$ref" run_side
