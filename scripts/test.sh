#!/usr/bin/env bash
# Runs every test (they start their own redis-server) and prints the totals read from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh || exit 1
rm -rf TestResults
dotnet test Alpha2.sln --logger "trx;LogFileName=alpha2.trx" --results-directory TestResults "$@"
status=$?
trx=TestResults/alpha2.trx
if [ ! -f "$trx" ]; then
  echo "no test results at $trx (the build failed?)"
  echo "0 passed, 0 failed"
  exit 1
fi
python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
counters = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns)
passed, failed = int(counters.get("passed")), int(counters.get("failed"))
failed += int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
print(f"{passed} passed, {failed} failed")
PY
exit $status
