#!/usr/bin/env python3
"""Inclusive instructions and call counts of functions, from a callgrind output file.

Usage: calls.py FILE CALLER_REGEX CALLEE_REGEX...  prints, per callee regex, `regex calls
instructions` summed over the call sites whose caller matches CALLER_REGEX (mangled names).
Used by scripts/hash-instructions.sh."""
import re
import sys

def main():
    path, caller_pattern, callee_patterns = sys.argv[1], re.compile(sys.argv[2]), [re.compile(p) for p in sys.argv[3:]]
    names = {}
    def name(spec):
        match = re.match(r"\((\d+)\)(?:\s+(.*))?", spec)
        if not match:
            return spec
        if match.group(2):
            names[match.group(1)] = match.group(2)
        return names.get(match.group(1), "")
    totals = [[0, 0] for _ in callee_patterns]
    caller = callee = ""
    pending_calls = None
    with open(path) as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("fn="):
                caller = name(line[3:])
            elif line.startswith("cfn="):
                callee = name(line[4:])
            elif line.startswith("calls="):
                pending_calls = int(line[6:].split()[0])
            elif pending_calls is not None and line and (line[0].isdigit() or line[0] in "+-*"):
                cost = int(line.split()[-1])
                if caller_pattern.search(caller):
                    for index, pattern in enumerate(callee_patterns):
                        if pattern.search(callee):
                            totals[index][0] += pending_calls
                            totals[index][1] += cost
                pending_calls = None
    for pattern, (calls, cost) in zip(sys.argv[3:], totals):
        print(pattern, calls, cost)

main()
