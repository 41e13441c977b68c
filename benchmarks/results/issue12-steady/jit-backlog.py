#!/usr/bin/env python3
"""The JIT's backlog in a JFR recording of jdk.Compilation events (jit-backlog.jfc beside this).

    java -XX:StartFlightRecording=settings=benchmarks/results/issue12-steady/jit-backlog.jfc,filename=R.jfr ...
    python3 jit-backlog.py R.jfr [LATE_S]

Prints the compilers' time per 10 s of the recording, and for the methods that C2 (level 4)
compiled after LATE_S seconds (default 40): how long each had waited since C1's profiled
compile (level 3), how many were compiled by C2 more than once (a recompilation loop rather
than a queue), and C2's time by package.
"""
import collections
import datetime
import json
import subprocess
import sys


def seconds(duration):
    return float(duration[2:-1]) if duration.startswith("PT") and duration.endswith("S") else 0.0


def at(timestamp):
    return datetime.datetime.fromisoformat(timestamp[:26].rstrip("Z"))


def main():
    recording = sys.argv[1]
    late_s = float(sys.argv[2]) if len(sys.argv) > 2 else 40.0
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.Compilation", recording],
                         check=True, capture_output=True, text=True).stdout
    events = [e["values"] for e in json.loads(out)["recording"]["events"]]
    t0 = at(events[0]["startTime"])
    rel = lambda e: (at(e["startTime"]) - t0).total_seconds()
    name = lambda e: e["method"]["type"]["name"] + "." + e["method"]["name"] + e["method"]["descriptor"]

    buckets = collections.defaultdict(lambda: [0, 0.0])
    for e in events:
        b = buckets[int(rel(e) // 10) * 10]
        b[0] += 1
        b[1] += seconds(e["duration"])
    print("| from s | compiles | compile time s |\n|---|---|---|")
    for k in sorted(buckets):
        print(f"| {k} | {buckets[k][0]} | {buckets[k][1]:.1f} |")

    first_c1 = {}
    c2 = collections.defaultdict(list)
    for e in events:
        if e["compileLevel"] == 3:
            first_c1.setdefault(name(e), rel(e))
        elif e["compileLevel"] == 4:
            c2[name(e)].append(rel(e))
    late = [m for m, times in c2.items() if times[-1] > late_s]
    waits = sorted(c2[m][0] - first_c1[m] for m in late if m in first_c1)
    again = [m for m in late if len(c2[m]) > 1]
    print(f"\nC2 compiled {len(late)} methods after {late_s:.0f} s; {len(again)} of them more than once")
    if waits:
        print(f"their wait from C1's profiled compile to C2's: median {waits[len(waits) // 2]:.0f} s, "
              f"90th percentile {waits[int(len(waits) * 0.9)]:.0f} s")

    by_package = collections.Counter()
    for e in events:
        if e["compileLevel"] == 4:
            by_package["/".join(e["method"]["type"]["name"].split("/")[:2])] += seconds(e["duration"])
    print(f"\nC2's time, {sum(by_package.values()):.1f} s in all, by package:")
    for package, s in by_package.most_common(8):
        print(f"  {package}: {s:.1f} s")


if __name__ == "__main__":
    main()
