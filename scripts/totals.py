"""Prints 'N passed, N failed' summed over the TRX and JUnit result files given as arguments."""
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    if root.tag.endswith("TestRun"):  # TRX
        ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
        c = root.find("t:ResultSummary/t:Counters", ns)
        passed += int(c.get("passed"))
        failed += sum(int(c.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
    else:  # JUnit: <testsuites><testsuite tests= failures= errors=>
        for suite in root.iter("testsuite"):
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            failed += bad
            passed += int(suite.get("tests", 0)) - bad - int(suite.get("skipped", 0))
print(f"{passed} passed, {failed} failed")
