#!/usr/bin/env python3
"""Sums the TRX files of a test run and prints one line 'N passed, N failed' (non-zero exit on failures)."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    root = ET.parse(path).getroot()
    for result in root.iter(f"{NS}UnitTestResult"):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive"):
            skipped += 1
        else:
            failed += 1
            print(f"FAILED: {result.get('testName')} ({path.rsplit('/', 1)[-1]})", file=sys.stderr)
if not files:
    print("no TRX files found", file=sys.stderr)
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or not files or passed == 0 else 0)
