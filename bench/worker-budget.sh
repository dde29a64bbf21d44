#!/usr/bin/env bash
# What the worker target (2x BullMQ's jobs/s) asks of this machine's CPU, measured. For each concurrency, in rounds on
# one Redis and the bench's stub: BullMQ's and Alpha2's jobs/s (one process each) with the CPU each process spent per
# job, and the floor: a bare .NET HttpClient call to the stub and a Redis PING per job, nothing else, with its CPU per
# call. Every process shares the same cores, so a rate of 2x BullMQ's needs all of them together to spend at most
# cores / (2 x BullMQ's rate) of CPU per job; each line sets that budget beside the least a job costs here (the floor's
# own CPU, the stub's per call and Redis's per job for the leaner of the two queues) and what the budget leaves for
# the queue's own work, Refit, Polly and JSON.
# usage: bench/worker-budget.sh   Knobs: ROUNDS (2), CONCURRENCY ("16 64"), JOBS (20000), WORKER_WARM_SECONDS (10).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-2} jobs=${JOBS:-20000} WORKER_WARM_SECONDS=${WORKER_WARM_SECONDS:-10}
. bench/lib.sh

work=$(mktemp -d)
trap 'bench_stop_all; rm -rf "$work"' EXIT
results=$work/results.txt
touch "$results"
bench_prepare
bench_start_backends

measure() {
  local name=$1 concurrency=$2
  alpha2_beside_bullmq "$name" 1 "$concurrency" "$jobs" $((jobs / 4))
  bench_tool floor --stub "$GEMINI_API_URL" --redis "$redis" --concurrency "$concurrency" --warmup-seconds "$WORKER_WARM_SECONDS" --seconds 5 \
    --cpu-pids "redis=$(pid_of redis),stub=$(pid_of stub)" --name "$name.floor" --results "$results" >/dev/null
}

report() {
  awk -v n="$1" -v c="$2" -v r="$3" -v cores="$(nproc)" '
    { v[$1] = $2 }
    END {
      b = n ".bullmq"; a = n ".alpha2"; f = n ".floor"
      budget = cores * 1e6 / (2 * v[b])
      redis = v[a ".cpu_us.redis"] < v[b ".cpu_us.redis"] ? v[a ".cpu_us.redis"] : v[b ".cpu_us.redis"]
      least = v[f ".cpu_us.self"] + v[f ".cpu_us.stub"] + redis
      printf "round %s, concurrency %s: BullMQ %.0f jobs/s (worker %.0f + Redis %.0f + stub %.0f us/job), Alpha2 %.0f (%.0f + %.0f + %.0f), floor %.0f calls/s (%.0f + %.0f + %.0f)\n",
        r, c, v[b], v[b ".cpu_us.worker0"], v[b ".cpu_us.redis"], v[b ".cpu_us.stub"],
        v[a], v[a ".cpu_us.worker0"], v[a ".cpu_us.redis"], v[a ".cpu_us.stub"],
        v[f], v[f ".cpu_us.self"], v[f ".cpu_us.redis"], v[f ".cpu_us.stub"]
      printf "    2x BullMQ = %.0f jobs/s: at most %.0f us of CPU per job in all (%d cores); the least here %.0f (floor %.0f + stub %.0f + Redis %.0f) leaves %.0f us for the queue, Refit, Polly and JSON\n",
        2 * v[b], budget, cores, least, v[f ".cpu_us.self"], v[f ".cpu_us.stub"], redis, budget - least
    }' "$results"
}

for round in $(seq 1 "$rounds"); do
  for concurrency in ${CONCURRENCY:-16 64}; do
    measure "round$round.c$concurrency" "$concurrency"
    report "round$round.c$concurrency" "$concurrency" "$round"
  done
done
