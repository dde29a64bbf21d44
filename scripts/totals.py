"""Prints each failed test's name and first message line, then 'N passed, N failed' summed over the TRX and JUnit
result files given as arguments (the last line is the totals, for CI to read)."""
import sys
import xml.etree.ElementTree as ET

TRX = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
FAILED_OUTCOMES = ("Failed", "Error", "Timeout", "Aborted")


def first_line(text):
    lines = (text or "").strip().splitlines()
    return lines[0] if lines else ""


passed = failed = 0
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    if root.tag.endswith("TestRun"):
        c = root.find("t:ResultSummary/t:Counters", TRX)
        passed += int(c.get("passed"))
        failed += sum(int(c.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
        for result in root.iterfind("t:Results/t:UnitTestResult", TRX):
            if result.get("outcome") in FAILED_OUTCOMES:
                message = result.find("t:Output/t:ErrorInfo/t:Message", TRX)
                print(f"FAILED {result.get('testName')}: {first_line(message.text if message is not None else '')}")
    else:  # JUnit: <testsuites><testsuite tests= failures= errors=><testcase><failure message=>
        for suite in root.iter("testsuite"):
            bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            failed += bad
            passed += int(suite.get("tests", 0)) - bad - int(suite.get("skipped", 0))
            for case in suite.iter("testcase"):
                problem = case.find("failure")
                problem = problem if problem is not None else case.find("error")
                if problem is not None:
                    print(f"FAILED {suite.get('name')} / {case.get('name')}: {first_line(problem.get('message'))}")
print(f"{passed} passed, {failed} failed")
