#!/usr/bin/env bash
# Starts the whole backend without Docker: Redis (unless REDIS_URL answers), the worker, and the API on :8080.
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

for key in GEMINI_API_KEY GROQ_API_KEY; do
  [ -n "${!key:-}" ] || echo "note: $key is not set; those AI jobs will fail with a message naming it"
done

dotnet build Alpha2.sln -c Release -v quiet -nologo
dotnet Alpha2.Worker/bin/Release/net10.0/Alpha2.Worker.dll &
pids+=($!)
echo "API on http://127.0.0.1:8080 (docs: /docs, OpenAPI: /openapi/v1.json)"
dotnet Alpha2.Api/bin/Release/net10.0/Alpha2.Api.dll --urls "${API_URLS:-http://0.0.0.0:8080}" &
pids+=($!)
wait -n "${pids[@]}"
