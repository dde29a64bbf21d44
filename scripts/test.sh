#!/usr/bin/env bash
# Runs every test: the NUnit suite (against a real redis-server it starts; the console's tests drive Debian's chromium;
# the deployment tests resolve the compose file with docker-compose)
# and the Postman collection end to end against real processes, on one redis-server and on a Redis Cluster; prints the
# totals read from their result files.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh chromium redis-sentinel docker-compose || exit 1
command -v npm >/dev/null || { echo "npm is needed for the Postman run (newman)"; exit 1; }
rm -rf TestResults
dotnet test Alpha2.sln --logger "trx;LogFileName=alpha2.trx" --results-directory TestResults "$@"
unit=$?
scripts/e2e.sh
e2e=$?
# The collection again on a three-node Redis Cluster (REDIS_KEY_MODE=cluster): about 20 s more.
E2E_REDIS=cluster scripts/e2e.sh
e2e_cluster=$?
results=()
for file in TestResults/alpha2.trx TestResults/newman.xml TestResults/newman-cluster.xml TestResults/cluster-errorstats.xml; do
  [ -f "$file" ] && results+=("$file")
done
if [ ${#results[@]} -eq 0 ]; then
  echo "no test results were written (the build failed?)"
  echo "0 passed, 1 failed"
  exit 1
fi
totals=$(python3 scripts/totals.py "${results[@]}")
[ -f TestResults/newman.xml ] || { e2e=1; totals="$totals (newman wrote no results)"; }
[ -f TestResults/newman-cluster.xml ] || { e2e_cluster=1; totals="$totals (newman wrote no results on the cluster)"; }
echo "$totals"
[ $unit -eq 0 ] && [ $e2e -eq 0 ] && [ $e2e_cluster -eq 0 ]
