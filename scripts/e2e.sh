#!/usr/bin/env bash
# End to end: the real API, worker, Redis and provider sandbox as processes, driven by the Postman collection
# with newman. Writes TestResults/newman.xml (JUnit) for the totals.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Alpha2.sln -v quiet -nologo >/dev/null
. scripts/stack.sh
trap stack_down EXIT
stack_up
(cd postman && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p TestResults
postman/node_modules/.bin/newman run postman/alpha2.postman_collection.json \
  -e postman/alpha2.postman_environment.json --env-var "baseUrl=$E2E_BASE_URL" \
  --reporters cli,junit --reporter-junit-export TestResults/newman.xml
