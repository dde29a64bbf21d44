# Source this. stack_up starts Redis, the sandbox, the worker and the API as real processes on their own ports
# (E2E_REDIS_PORT, E2E_SANDBOX_PORT, E2E_API_PORT), from the STACK_CONFIGURATION build (Debug; STACK_NO_WORKER=1: no worker until
# stack_worker_up); stack_down stops them all.
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
  redis-server --port "$E2E_REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$stack_dir" >"$stack_dir/redis.log" 2>&1 &
  stack_pids+=($!)
  SANDBOX_PORT="$E2E_SANDBOX_PORT" dotnet Alpha2.Sandbox/bin/${STACK_CONFIGURATION:-Debug}/net10.0/Alpha2.Sandbox.dll >"$stack_dir/sandbox.log" 2>&1 &
  stack_pids+=($!)
  . scripts/sandbox-env.sh "http://127.0.0.1:$E2E_SANDBOX_PORT"
  export REDIS_URL="redis://127.0.0.1:$E2E_REDIS_PORT/0" Logging__LogLevel__Default=Warning
  [ -n "${STACK_NO_WORKER:-}" ] || stack_worker_up
  dotnet Alpha2.Api/bin/${STACK_CONFIGURATION:-Debug}/net10.0/Alpha2.Api.dll --urls "$E2E_BASE_URL" >"$stack_dir/api.log" 2>&1 &
  stack_pids+=($!)
  stack_wait "$E2E_BASE_URL/health/ready" "the API"
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
