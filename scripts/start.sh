#!/usr/bin/env bash
# Starts the whole backend without Docker: Redis (unless REDIS_URL answers), the provider sandbox (when no provider
# key is set), the worker, and the API on :8080.
# Ctrl+C stops all of it. Reads .env when present.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
if [ -f .env ]; then set -a; . ./.env; set +a; fi
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM

redis_host_port=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1", p.port or 6379)' "$REDIS_URL")
if ! redis-cli -h ${redis_host_port% *} -p ${redis_host_port#* } ping >/dev/null 2>&1; then
  mkdir -p .data/redis
  echo "starting redis-server on port ${redis_host_port#* } (AOF in .data/redis)"
  redis-server --port "${redis_host_port#* }" --bind 127.0.0.1 --appendonly yes --dir .data/redis \
    --maxmemory-policy noeviction >.data/redis.log 2>&1 &
  pids+=($!)
fi

dotnet build Alpha2.sln -c Release -v quiet -nologo

keys="${GEMINI_API_KEY:-}${GROQ_API_KEY:-}${HELIUS_API_KEY:-}${BIRDEYE_API_KEY:-}${APIFY_TOKEN:-}"
if [ -z "$keys" ]; then
  echo "no provider keys set: every provider is faked by the sandbox (Alpha2.Sandbox) on :${SANDBOX_PORT:-9090}"
  SANDBOX_PORT="${SANDBOX_PORT:-9090}" dotnet Alpha2.Sandbox/bin/Release/net10.0/Alpha2.Sandbox.dll &
  pids+=($!)
  . scripts/sandbox-env.sh "http://127.0.0.1:${SANDBOX_PORT:-9090}"
fi
dotnet Alpha2.Worker/bin/Release/net10.0/Alpha2.Worker.dll &
pids+=($!)
echo "API on http://127.0.0.1:8080 (docs: /docs, OpenAPI: /openapi/v1.json)"
dotnet Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll --urls "${API_URLS:-http://0.0.0.0:8080}" &
pids+=($!)
wait -n "${pids[@]}"
