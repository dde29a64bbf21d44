#!/usr/bin/env bash
# End to end: the real API, worker, Redis and provider sandbox as processes, driven by the Postman collection
# with newman. Writes TestResults/newman.xml (JUnit) for the totals. E2E_REDIS=cluster runs it on a three-node Redis
# Cluster with REDIS_KEY_MODE=cluster instead, writes TestResults/newman-cluster.xml, and fails when any node answered
# an error (INFO errorstats: a CROSSSLOT, a refused SELECT, …), a case of its own in TestResults/cluster-errorstats.xml.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Alpha2.sln -v quiet -nologo >/dev/null
. scripts/stack.sh
trap stack_down EXIT
stack_up
(cd postman && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p TestResults
results=TestResults/newman.xml
[ "$E2E_REDIS" != cluster ] || results=TestResults/newman-cluster.xml
postman/node_modules/.bin/newman run postman/alpha2.postman_collection.json \
  -e postman/alpha2.postman_environment.json --env-var "baseUrl=$E2E_BASE_URL" \
  --reporters cli,junit --reporter-junit-export "$results"
if [ "$E2E_REDIS" = cluster ]; then
  # One more test case for the totals (TestResults/cluster-errorstats.xml): no node answered any error.
  errors=$(stack_cluster_errors)
  failure=""
  [ -z "$errors" ] || failure="<failure message=\"nodes answered errors: $(echo $errors)\"/>"
  printf '<testsuites><testsuite name="Redis Cluster" tests="1" failures="%d"><testcase name="no node counted an error (INFO errorstats)">%s</testcase></testsuite></testsuites>\n' \
    "$([ -z "$errors" ] && echo 0 || echo 1)" "$failure" >TestResults/cluster-errorstats.xml
  [ -z "$errors" ] || { echo "Redis Cluster nodes answered errors:"; echo "$errors"; exit 1; }
  echo "no Redis Cluster node answered an error (INFO errorstats)"
fi
