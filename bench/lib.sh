# Sourced by bench/run.sh and bench/compare.sh: building, starting, waiting for and stopping the bench's processes.
# Figures are measured and written by the bench tool (bench/Alpha2.Bench), one typed record per run; nothing here
# reads or computes them.
declare -A bench_pids=()
worker_pids=()

bench_dll=bench/Alpha2.Bench/bin/Release/net10.0/Alpha2.Bench.dll
bench_tool() { dotnet "$bench_dll" "$@"; }

# project_file TREE NAME: the csproj of project NAME in the source tree TREE (this one is "."), where that tree keeps
# it: compare.sh builds another commit's tree, whose layout may differ from this one's.
project_file() {
  local tree=$1 name=$2 candidate
  for candidate in "$tree/$name/$name.csproj" "$tree/src/$name/$name.csproj"; do
    [ -f "$candidate" ] && { echo "$candidate"; return; }
  done
  candidate=$(find "$tree" -name "$name.csproj" -not -path '*/node_modules/*' -not -path '*/bin/*' -not -path '*/obj/*' | head -1)
  [ -n "$candidate" ] || { echo "no $name.csproj in $tree" >&2; return 1; }
  echo "$candidate"
}

# build TREE NAME…: builds each project (Release) in TREE and sets app_dll[TREE/NAME] to the assembly it runs.
declare -A app_dll=()
build() {
  local tree=$1 name project; shift
  for name in "$@"; do
    project=$(project_file "$tree" "$name")
    dotnet build "$project" -c Release -v quiet -nologo >/dev/null
    app_dll[$tree/$name]=$(dotnet msbuild "$project" -getProperty:TargetPath -p:Configuration=Release)
  done
}

# bench_prepare PROJECT…: installs or checks what a run needs, and builds the bench tool and this tree's PROJECTs.
bench_prepare() {
  scripts/ensure-deps.sh wrk
  command -v redis-benchmark >/dev/null || scripts/ensure-deps.sh redis-tools
  dotnet build bench/Alpha2.Bench -c Release -v quiet -nologo >/dev/null
  build . "$@"
}

# The BullMQ side's packages (bench/bullmq), for the worker runs beside BullMQ.
bullmq_prepare() {
  command -v node >/dev/null && command -v npm >/dev/null || { echo "node and npm are needed for the BullMQ side"; exit 1; }
  [ -d bench/bullmq/node_modules ] || npm ci --prefix bench/bullmq --no-audit --no-fund --loglevel=error
}

# bench_with_ref REF PROJECT…: a work folder with REF checked out in $work/ref beside this tree, and each PROJECT
# built (Release) in both trees; the worktree, the folder and every process started go on exit.
bench_with_ref() {
  local ref=$1; shift
  work=$(mktemp -d)
  trap 'bench_stop_all; git worktree remove --force "$work/ref" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  git worktree add --detach "$work/ref" "$ref" >/dev/null 2>&1
  bench_prepare "$@"
  build "$work/ref" "$@"
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

# A TCP port nothing listens on.
free_port() {
  local port lowest _
  # Below the kernel's ephemeral range: a port there may be the local end of an outgoing connection, which no
  # listener can then bind although nothing listens on it.
  read -r lowest _ </proc/sys/net/ipv4/ip_local_port_range
  for port in $(shuf -i "10000-$((lowest - 1))" -n 100); do
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

# bench_start_backends: Redis, the provider stub and the static server on free ports ($redis, $stub, $static; $api is
# the port an API will take), and the environment the API and workers run with.
bench_start_backends() {
  redis_port=$(free_port) stub_port=$(free_port) static_port=$(free_port) api_port=$(free_port)
  redis="127.0.0.1:$redis_port" api="http://127.0.0.1:$api_port" static="http://127.0.0.1:$static_port"
  start redis redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --maxmemory-policy noeviction --dir "$work"
  start stub dotnet "$bench_dll" stub --port "$stub_port"
  start static dotnet "$bench_dll" static --port "$static_port"
  # The worker's environment: the stub as Gemini and as Groq, and their cross-replica limits (GEMINI_RPS, GROQ_RPS,
  # the AI spend cap) set far above anything the run can reach, so they are checked on every job but never hold one
  # back. Groq's base ends in /openai as the real one does (docs/providers.md §0): the stub answers by that path.
  stub="http://127.0.0.1:$stub_port"
  export REDIS_URL="redis://$redis/0" GEMINI_API_URL="$stub" GROQ_API_URL="$stub/openai"
  export GEMINI_API_KEY=bench GROQ_API_KEY=bench GEMINI_RPS=1000000 GROQ_RPS=1000000 AI_DAILY_SPEND_CAP_USD=1000000000
  export RATE_LIMIT_PER_MINUTE=0 JOB_RETENTION_HOURS=1 Logging__LogLevel__Default=Warning
  wait_for "$static/api/whales/top3"
  wait_for "$stub/ping" -d '{}'
}

flush_redis() { redis-cli -p "$redis_port" flushall >/dev/null; }

# start_api [TREE]: the API built in TREE (default this one), on $api, once it answers its readiness check.
start_api() {
  start api dotnet "${app_dll[${1:-.}/Alpha2.Api]}" --urls "$api"
  wait_for "$api/health/ready"
}

# start_workers PROCESSES CONCURRENCY [TREE]: Alpha2 workers built in TREE (default this one), waiting until each
# has joined (its heartbeat).
start_workers() {
  local i
  for i in $(seq 1 "$1"); do
    WORKER_CONCURRENCY=$2 dotnet "${app_dll[${3:-.}/Alpha2.Worker]}" >>"$work/worker.log" 2>&1 &
    worker_pids+=($!)
  done
  for _ in $(seq 1 120); do
    [ "$(redis-cli -p "$redis_port" scard workers)" -ge "$1" ] && return 0
    sleep 0.5
  done
  echo "the workers did not join"; return 1
}

# Redis's connected clients, counted from CLIENT LIST (one line each, this redis-cli's own included).
redis_clients() { redis-cli -p "$redis_port" client list | grep -c .; }

# start_bullmq_workers PROCESSES CONCURRENCY: BullMQ workers, waiting until each holds its two connections.
start_bullmq_workers() {
  local i before
  before=$(redis_clients)
  for i in $(seq 1 "$1"); do
    REDIS_PORT=$redis_port CONCURRENCY=$2 node bench/bullmq/worker.mjs >>"$work/bullmq.log" 2>&1 &
    worker_pids+=($!)
  done
  for _ in $(seq 1 120); do
    [ "$(redis_clients)" -ge $((before + 2 * $1)) ] && return 0
    sleep 0.5
  done
  echo "the BullMQ workers did not connect"; return 1
}

stop_workers() {
  local pid
  for pid in "${worker_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  worker_pids=()
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

# alpha2_workers RESULTS PROVIDER PROCESSES CONCURRENCY COUNT WARMUP WARM_SECONDS [TREE]: Alpha2 workers on a flushed
# Redis, warmed by WARM_SECONDS of WARMUP-job batches, then timed on COUNT jobs (jobs/s and each process's CPU per job),
# every job a prompt to PROVIDER (gemini or groq). With PAIR set, the record carries it as its pair number.
alpha2_workers() {
  local results=$1 provider=$2 processes=$3 concurrency=$4 count=$5 warmup=$6 warm=$7
  flush_redis
  start_workers "$processes" "$concurrency" "${8:-.}"
  bench_tool workers --redis "$redis" --provider "$provider" --pids "$(worker_pid_list)" --concurrency "$concurrency" \
    --count "$count" --warmup "$warmup" --warmup-seconds "$warm" --cpu-pids "$(worker_cpu_pids)" --results "$results" \
    ${PAIR:+--pair "$PAIR"}
  bench_tool rss --process alpha2-worker --pids "$(worker_pid_list)" --results "$results" >/dev/null
  stop_workers
}

# bullmq_workers RESULTS PROVIDER PROCESSES CONCURRENCY COUNT WARMUP WARM_SECONDS: the same for BullMQ's workers,
# timed the same way by bench/bullmq/throughput.mjs (which reads PAIR from the environment).
bullmq_workers() {
  local results=$1 provider=$2 processes=$3 concurrency=$4 count=$5 warmup=$6 warm=$7
  flush_redis
  start_bullmq_workers "$processes" "$concurrency"
  REDIS_PORT=$redis_port PROVIDER=$provider PIDS="$(worker_pid_list)" CPU_PIDS="$(worker_cpu_pids)" PROCESSES=$processes \
    CONCURRENCY=$concurrency COUNT=$count WARMUP=$warmup WARMUP_SECONDS=$warm RESULTS="$results" node bench/bullmq/throughput.mjs
  bench_tool rss --process bullmq-worker --pids "$(worker_pid_list)" --results "$results" >/dev/null
  stop_workers
}
