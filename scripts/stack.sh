# Source this. stack_up starts Redis, the sandbox, the worker and the API as real processes on their own ports
# (E2E_REDIS_PORT, E2E_SANDBOX_PORT, E2E_API_PORT), from the STACK_CONFIGURATION build (Debug; STACK_NO_WORKER=1: no worker until
# stack_worker_up); stack_down stops them all. E2E_REDIS=cluster: a Redis Cluster of three primaries on E2E_REDIS_PORT
# and the two ports after it, with REDIS_KEY_MODE=cluster (docs/redis-keys.md).
E2E_REDIS="${E2E_REDIS:-single}"
E2E_REDIS_PORT="${E2E_REDIS_PORT:-6391}"
E2E_SANDBOX_PORT="${E2E_SANDBOX_PORT:-9091}"
E2E_API_PORT="${E2E_API_PORT:-8091}"
E2E_BASE_URL="http://127.0.0.1:$E2E_API_PORT"
stack_pids=()
stack_dir=""

stack_wait() { # url, what
  for _ in $(seq 1 120); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "$2 did not come up ($1)"; return 1
}

stack_up() {
  stack_dir=$(mktemp -d)
  if [ "$E2E_REDIS" = cluster ]; then stack_cluster_up || return 1; else
    redis-server --port "$E2E_REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$stack_dir" >"$stack_dir/redis.log" 2>&1 &
    stack_pids+=($!)
    export REDIS_URL="redis://127.0.0.1:$E2E_REDIS_PORT/0"
  fi
  SANDBOX_PORT="$E2E_SANDBOX_PORT" dotnet Alpha2.Sandbox/bin/${STACK_CONFIGURATION:-Debug}/net10.0/Alpha2.Sandbox.dll >"$stack_dir/sandbox.log" 2>&1 &
  stack_pids+=($!)
  . scripts/sandbox-env.sh "http://127.0.0.1:$E2E_SANDBOX_PORT"
  export Logging__LogLevel__Default=Warning
  [ -n "${STACK_NO_WORKER:-}" ] || stack_worker_up
  dotnet Alpha2.Api/bin/${STACK_CONFIGURATION:-Debug}/net10.0/Alpha2.Api.dll --urls "$E2E_BASE_URL" >"$stack_dir/api.log" 2>&1 &
  stack_pids+=($!)
  stack_wait "$E2E_BASE_URL/health/ready" "the API"
}

stack_cluster_up() { # three primaries, no replicas; ready when every node says cluster_state:ok
  local ports=() port
  for i in 0 1 2; do
    port=$((E2E_REDIS_PORT + i)); ports+=("127.0.0.1:$port")
    # The bus port is given (Redis's default is port + 10000, which may be taken).
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$stack_dir" --cluster-enabled yes \
      --cluster-config-file "nodes-$port.conf" --cluster-port $((port + 100)) >"$stack_dir/redis-$port.log" 2>&1 &
    stack_pids+=($!)
  done
  for i in 0 1 2; do
    for _ in $(seq 1 100); do redis-cli -p $((E2E_REDIS_PORT + i)) ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  redis-cli --cluster create "${ports[@]}" --cluster-replicas 0 --cluster-yes >"$stack_dir/cluster-create.log" 2>&1 \
    || { cat "$stack_dir/cluster-create.log"; return 1; }
  for i in 0 1 2; do
    for _ in $(seq 1 300); do
      redis-cli -p $((E2E_REDIS_PORT + i)) cluster info 2>/dev/null | grep -q '^cluster_state:ok' && break; sleep 0.1
    done
    redis-cli -p $((E2E_REDIS_PORT + i)) cluster info | grep -q '^cluster_state:ok' || { echo "the cluster did not come up"; return 1; }
  done
  export REDIS_URL="redis://$(IFS=,; echo "${ports[*]}")/0" REDIS_KEY_MODE=cluster
}

# Every error each cluster node answered (INFO errorstats), one "port: errorstat_…" line each; none when all went well.
stack_cluster_errors() {
  for i in 0 1 2; do redis-cli -p $((E2E_REDIS_PORT + i)) info errorstats | tr -d '\r' | grep '^errorstat_' | sed "s/^/$((E2E_REDIS_PORT + i)): /"; done
  return 0
}

stack_worker_up() {
  dotnet Alpha2.Worker/bin/${STACK_CONFIGURATION:-Debug}/net10.0/Alpha2.Worker.dll >>"$stack_dir/worker.log" 2>&1 &
  stack_worker_pid=$!
  stack_pids+=($!)
}

stack_down() {
  kill "${stack_pids[@]}" 2>/dev/null || true
  wait "${stack_pids[@]}" 2>/dev/null || true
  [ -z "$stack_dir" ] || rm -rf "$stack_dir"
}
