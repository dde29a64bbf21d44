# Source this (bench/run.sh does): starting, waiting for and stopping the bench's processes, and wrk runs.
declare -A bench_pids=()
worker_pids=()

# Installs or checks what the run needs, and builds the Release binaries it runs.
bench_prepare() {
  scripts/ensure-deps.sh wrk
  command -v redis-benchmark >/dev/null || scripts/ensure-deps.sh redis-tools
  command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed for the BullMQ side"; exit 1; }
  [ -d bench/bullmq/node_modules ] || npm ci --prefix bench/bullmq --no-audit --no-fund --loglevel=error
  for project in Alpha2.Api Alpha2.Worker bench/Alpha2.Bench; do
    dotnet build "$project" -c Release -v quiet -nologo >/dev/null
  done
}

# bench_with_ref REF PROJECT…: a work folder with REF checked out in $work/ref beside this tree, for the compare-*.sh
# scripts, and each PROJECT built (Release) in both trees, with the bench tool; both go, and every process started
# stops, on exit.
bench_with_ref() {
  local ref=$1 project; shift
  work=$(mktemp -d)
  trap 'bench_stop_all; git worktree remove --force "$work/ref" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  git worktree add --detach "$work/ref" "$ref" >/dev/null 2>&1
  for project in bench/Alpha2.Bench "$@" "${@/#/$work/ref/}"; do
    dotnet build "$project" -c Release -v quiet -nologo >/dev/null
  done
}

# alternate ROUNDS REF RUN: calls RUN ROUND SIDE TREE for REF's tree, then for this one, ROUNDS times, so both sides
# see the same phases of a VM whose speed drifts.
alternate() {
  local round side
  for round in $(seq 1 "$1"); do
    for side in "$2" working-tree; do
      if [ "$side" = working-tree ]; then "$3" "$round" "$side" .; else "$3" "$round" "$side" "$work/ref"; fi
    done
  done
}

# cpu_ticks PID: the clock ticks of CPU (user and system) the process has used so far.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

bench_dll=bench/Alpha2.Bench/bin/Release/net10.0/Alpha2.Bench.dll
bench_tool() { dotnet "$bench_dll" "$@"; }

# A TCP port nothing listens on.
free_port() {
  local port lowest
  # Below the kernel's ephemeral range: a port there may be the local end of an outgoing connection, which no
  # listener can then bind although nothing listens on it.
  lowest=$(awk '{print $1 - 1}' /proc/sys/net/ipv4/ip_local_port_range)
  for port in $(shuf -i "10000-$lowest" -n 100); do
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  echo "no free port found" >&2; return 1
}

# start NAME COMMAND…: runs it in the background, its output in the work folder.
start() {
  local name=$1; shift
  "$@" >"$work/$name.log" 2>&1 &
  bench_pids[$name]=$!
}

pid_of() { echo "${bench_pids[$1]}"; }

stop() {
  local pid=${bench_pids[$1]:-}
  [ -z "$pid" ] || { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  unset "bench_pids[$1]"
}

bench_stop_all() {
  stop_workers
  local name
  for name in "${!bench_pids[@]}"; do stop "$name"; done
}

# wait_for URL [curl options]: until it answers 2xx, for up to 60 s.
wait_for() {
  local url=$1; shift
  for _ in $(seq 1 120); do curl -sf "$@" "$url" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$url did not come up"; return 1
}

# bench_start_backends: Redis, the provider stub and the static server on free ports ($redis, $static; $api is the
# port an API will take), and the environment the API and workers run with.
bench_start_backends() {
  redis_port=$(free_port) stub_port=$(free_port) static_port=$(free_port) api_port=$(free_port)
  redis="127.0.0.1:$redis_port" api="http://127.0.0.1:$api_port" static="http://127.0.0.1:$static_port"
  start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --maxmemory-policy noeviction --dir "$work"
  start stub dotnet "$bench_dll" stub --port "$stub_port"
  start static dotnet "$bench_dll" static --port "$static_port"
  # The worker's environment: the stub as Gemini, and its cross-replica limits (GEMINI_RPS, the AI spend cap) set far
  # above anything the run can reach, so they are checked on every job but never hold one back.
  export REDIS_URL="redis://$redis/0" GEMINI_API_URL="http://127.0.0.1:$stub_port" GROQ_API_URL="http://127.0.0.1:$stub_port"
  export GEMINI_API_KEY=bench GROQ_API_KEY=bench GEMINI_RPS=1000000 GROQ_RPS=1000000 AI_DAILY_SPEND_CAP_USD=1000000000
  export RATE_LIMIT_PER_MINUTE=0 JOB_RETENTION_HOURS=1 Logging__LogLevel__Default=Warning
  wait_for "$static/api/whales/top3"
  wait_for "$GEMINI_API_URL/ping" -d '{}'
}

# start_workers PROCESSES CONCURRENCY [TREE]: Alpha2 workers (built in TREE, default this one), waiting until each
# has joined (its heartbeat).
start_workers() {
  local i
  for i in $(seq 1 "$1"); do
    WORKER_CONCURRENCY=$2 dotnet "${3:-.}/Alpha2.Worker/bin/Release/net10.0/Alpha2.Worker.dll" >>"$work/worker.log" 2>&1 &
    worker_pids+=($!)
  done
  for _ in $(seq 1 120); do
    [ "$(redis-cli -p "$redis_port" scard workers)" -ge "$1" ] && return 0
    sleep 0.5
  done
  echo "the workers did not join"; return 1
}

# start_bullmq_workers PROCESSES CONCURRENCY: BullMQ workers, waiting until each holds its blocking connection.
start_bullmq_workers() {
  local i before
  before=$(redis-cli -p "$redis_port" info clients | awk -F: '/^connected_clients/ {print $2+0}')
  for i in $(seq 1 "$1"); do
    REDIS_PORT=$redis_port STUB_URL=$GEMINI_API_URL CONCURRENCY=$2 node bench/bullmq/worker.mjs >>"$work/bullmq.log" 2>&1 &
    worker_pids+=($!)
  done
  for _ in $(seq 1 120); do
    [ "$(redis-cli -p "$redis_port" info clients | awk -F: '/^connected_clients/ {print $2+0}')" -ge $((before + 2 * $1)) ] && return 0
    sleep 0.5
  done
  echo "the BullMQ workers did not connect"; return 1
}

# The running workers' pids, comma-separated; and as name=pid (worker0, worker1…, with Redis and the stub) for the
# CPU each spends per job.
worker_pid_list() { (IFS=,; echo "${worker_pids[*]}"); }
worker_cpu_pids() {
  local i named=()
  for i in "${!worker_pids[@]}"; do named+=("worker$i=${worker_pids[$i]}"); done
  named+=("redis=$(pid_of redis)" "stub=$(pid_of stub)")
  (IFS=,; echo "${named[*]}")
}

# alpha2_beside_bullmq NAME PROCESSES CONCURRENCY COUNT WARMUP: the Alpha2 workers, then BullMQ's, each on a flushed
# Redis, warmed by WORKER_WARM_SECONDS of WARMUP-job batches, then timed on COUNT jobs. Appends NAME.alpha2 and
# NAME.bullmq (jobs/s), each process's CPU per job (NAME.SIDE.cpu_us.worker0…, .redis, .stub) and the workers' peak
# RSS (rss.worker_mib, rss.bullmq_mib).
alpha2_beside_bullmq() {
  local name=$1 processes=$2 concurrency=$3 count=$4 warmup=$5
  redis-cli -p "$redis_port" flushall >/dev/null
  start_workers "$processes" "$concurrency"
  bench_tool workers --redis "$redis" --count "$count" --warmup "$warmup" --warmup-seconds "$WORKER_WARM_SECONDS" \
    --pids "$(worker_pid_list)" --cpu-pids "$(worker_cpu_pids)" --name "$name.alpha2" --results "$results"
  record_rss rss.worker_mib "${worker_pids[@]}"
  stop_workers
  redis-cli -p "$redis_port" flushall >/dev/null
  start_bullmq_workers "$processes" "$concurrency"
  REDIS_PORT=$redis_port PIDS="$(worker_pid_list)" CPU_PIDS="$(worker_cpu_pids)" COUNT=$count WARMUP=$warmup \
    WARMUP_SECONDS=$WORKER_WARM_SECONDS NAME="$name.bullmq" RESULTS="$results" node bench/bullmq/throughput.mjs
  record_rss rss.bullmq_mib "${worker_pids[@]}"
  stop_workers
}

stop_workers() {
  local pid
  for pid in "${worker_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  worker_pids=()
}

# http_load NAME CONNECTIONS URL [enqueue]: WARM_SECONDS of the same load, then DURATION s of wrk; appends NAME.rps,
# .p50_ms, .p99_ms.
http_load() {
  local name=$1 connections=$2 url=$3 script=bench/wrk/report.lua line
  [ "${4:-}" != enqueue ] || script=bench/wrk/enqueue.lua
  wrk -t2 -c"$connections" -d"${WARM_SECONDS}s" -s "$script" "$url" -- "warm$RANDOM" >/dev/null
  line=$(wrk -t2 -c"$connections" -d"${DURATION}s" -s "$script" "$url" -- "run$RANDOM" | grep '^WRK ')
  echo "$name: $line"
  case "$line" in *"errors=0 http_errors=0"*) ;; *) echo "$name had errors: $line"; return 1 ;; esac
  for field in rps p50_ms p99_ms; do
    echo "$name.$field $(sed -E "s/.*$field=([0-9.]+).*/\1/" <<<"$line")" >>"$results"
  done
}

# http_load_pairs LIMIT FIGURE PAIRS URL_LIMIT URL_FIGURE: PAIRS alternating http_loads of the two at 32 connections
# (LIMIT.pN, FIGURE.pN); the pair whose ratio FIGURE/LIMIT is the median is kept as LIMIT and FIGURE. On this VM a
# single pair swings with its speed from one minute to the next.
http_load_pairs() {
  local limit=$1 figure=$2 pairs=$3 pair median field kept
  for pair in $(seq 1 "$pairs"); do
    http_load "$limit.p$pair" 32 "$4"
    http_load "$figure.p$pair" 32 "$5"
  done
  median=$(for pair in $(seq 1 "$pairs"); do
      awk -v l="$limit.p$pair.rps" -v f="$figure.p$pair.rps" -v p="$pair" '$1 == l {lv = $2} $1 == f {fv = $2} END {printf "%.6f %d\n", fv / lv, p}' "$results"
    done | sort -n | awk -v n="$pairs" 'NR == int((n + 1) / 2) {print $2}')
  kept=$(for field in rps p50_ms p99_ms; do
      awk -v p="$median" -v f="$field" -v l="$limit" -v g="$figure" \
        '$1 == l ".p" p "." f {print l "." f, $2} $1 == g ".p" p "." f {print g "." f, $2}' "$results"
    done)
  echo "$kept" >>"$results"
  echo "$figure: pair $median of $pairs kept (the median ratio)"
}

# record_rss NAME PID…: the largest peak RSS (VmHWM) of the processes, in MiB, kept as the largest across calls.
record_rss() {
  local name=$1 pid kib max=0; shift
  for pid in "$@"; do
    kib=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${kib:-0}" -le "$max" ] || max=$kib
  done
  local previous
  previous=$(awk -v n="$name" '$1 == n {v=$2} END {print v+0}' "$results")
  awk -v m="$max" -v p="$previous" -v n="$name" 'BEGIN { v = m / 1024; if (p > v) v = p; printf "%s %.1f\n", n, v }' >>"$results"
}

machine_line() {
  local cpu
  cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  echo "$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), Linux $(uname -r)," \
    ".NET $(dotnet --version), Redis $(redis-server --version | awk '{print $3}' | tr -d 'v='), Node $(node --version)," \
    "BullMQ $(node -p "require('./bench/bullmq/node_modules/bullmq/package.json').version")"
}
