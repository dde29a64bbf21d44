#!/usr/bin/env bash
# The new-mint stream against the sandbox, as real processes (Redis, sandbox, worker, API; Release builds): the sandbox
# streams pump.fun logs (SANDBOX creates per second, a drop every DROP_EVERY s for DOWN s), the worker subscribes over
# HELIUS_WS_URL and the feed is read every 100 ms. Prints credits per ingested mint and the delay from each create's
# slot to its row (p50, p99), and writes them to bench/ws-feed-latest.md. DURATION (60) s of stream, then up to 120 s
# for the last creates to land. Helius limits default to the Developer plan (HELIUS_RPC_RPS=50, HELIUS_DAS_RPS=10).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-60}"
export SANDBOX_WS_DROP_EVERY_SECONDS="${DROP_EVERY:-20}" SANDBOX_WS_DOWN_SECONDS="${DOWN:-3}"
export E2E_REDIS_PORT="${WS_BENCH_REDIS_PORT:-6395}" E2E_SANDBOX_PORT="${WS_BENCH_SANDBOX_PORT:-9195}" E2E_API_PORT="${WS_BENCH_API_PORT:-8195}"
export STACK_CONFIGURATION=Release STACK_NO_WORKER=1
export HELIUS_WS_URL="ws://127.0.0.1:$((E2E_SANDBOX_PORT + 1))/" HELIUS_MINTS_MAX_ROWS=10000
export HELIUS_RPC_RPS="${HELIUS_RPC_RPS:-50}" HELIUS_DAS_RPS="${HELIUS_DAS_RPS:-10}" RUGCHECK_RPS="${RUGCHECK_RPS:-50}"

for project in Alpha2.Sandbox Alpha2.Worker Alpha2.Api; do
  dotnet build "$project/$project.csproj" -c Release -v quiet -nologo >/dev/null
done

. scripts/stack.sh
trap stack_down EXIT
stack_up
stack_worker_up
python3 bench/ws-feed.py --api "$E2E_BASE_URL" --sandbox "http://127.0.0.1:$E2E_SANDBOX_PORT" --duration "$DURATION" \
  --drop-every "$SANDBOX_WS_DROP_EVERY_SECONDS" --down "$SANDBOX_WS_DOWN_SECONDS" --rps "$HELIUS_RPC_RPS/$HELIUS_DAS_RPS" | tee bench/ws-feed-latest.md
