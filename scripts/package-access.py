#!/usr/bin/env python3
"""Turns `public` into `package` at declaration starts in kbench's non-library modules
(and the test-support targets).

Only the three libraries (KafkaRecords, KafkaPartitioning, KafkaCompression) are products
other Swift projects link; every other module's API is `package`. Re-run after a merge that
brings new `public` declarations: `python3 scripts/package-access.py`.
"""
import pathlib
import re
import sys

MODULES = [
    "Sources/KBenchReports", "Sources/KBenchStudies", "Sources/KafkaLive", "Sources/KBenchWorkloads",
    "Sources/KBenchTerminal", "Sources/KBenchRandom", "Tests/TestSupport", "Tests/KafkaLiveTestSupport",
]
# Attributes and modifiers that may precede `public` on a declaration line.
PREFIX = r"^(\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:final|nonisolated|static|override|mutating|indirect|convenience|required|dynamic|lazy)\s+)*)public\b"


def sweep(root: pathlib.Path) -> int:
    changed = 0
    for module in MODULES:
        for path in sorted((root / module).rglob("*.swift")):
            text = path.read_text()
            swept = re.sub(PREFIX, r"\1package", text, flags=re.MULTILINE)
            if swept != text:
                path.write_text(swept)
                changed += 1
    return changed


if __name__ == "__main__":
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    print(f"{sweep(root)} files changed")
