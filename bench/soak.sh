#!/usr/bin/env bash
# Soak: SOAK_MINUTES (10) of steady mixed load at SOAK_RATE requests/s (40) against the Release build of the API,
# one worker, Redis and the provider sandbox (started by scripts/stack.sh), with a 72 s retention so it applies during
# the run. Samples Redis memory and both processes' RSS every 30 s, so one sees whether they level off; writes the
# table to bench/soak-latest.md (its summary belongs in bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
for project in Alpha2.Api Alpha2.Worker Alpha2.Sandbox bench/Alpha2.Bench; do dotnet build "$project" -c Release -v quiet -nologo >/dev/null; done
export STACK_CONFIGURATION=Release E2E_REDIS_PORT=6392 E2E_SANDBOX_PORT=9092 E2E_API_PORT=8092
export JOB_RETENTION_HOURS=0.02 RATE_LIMIT_PER_MINUTE=0 GEMINI_RPS=1000 CEX_RADAR_SHARE_SECONDS=30
. scripts/stack.sh
trap stack_down EXIT
stack_up
api_pid=$(pgrep -f "Alpha2.Api.dll --urls $E2E_BASE_URL" | head -1)
dotnet bench/Alpha2.Bench/bin/Release/net10.0/Alpha2.Bench.dll soak --api "$E2E_BASE_URL" --redis "127.0.0.1:$E2E_REDIS_PORT" \
  --minutes "${SOAK_MINUTES:-10}" --rate "${SOAK_RATE:-40}" --pids "$api_pid,$stack_worker_pid" --out bench/soak-latest.md
