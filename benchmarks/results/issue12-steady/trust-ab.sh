#!/usr/bin/env bash
# A/B of the trust check's rewrite end to end: benchmarks/load.sh's rows from two checkouts, alternating,
# each run a fresh JVM with load.sh's warm-up until the JIT is quiet. BEFORE and AFTER are the two
# checkouts' roots, each built with: ./mvnw -o -B -Pbenchmarks -pl benchmarks,benchmarks/logbook-boot3 -am package -DskipTests
#   BEFORE=/work/wt/before-trust AFTER=/work/main ROUNDS=3 ROWS="off no-write" trust-ab.sh > trust-ab.tsv
set -euo pipefail
ROUNDS=${ROUNDS:-3}
ROWS=${ROWS:-off no-write}
first=1
for round in $(seq 1 "$ROUNDS"); do
  for side in before after; do
    root=$([[ $side == before ]] && echo "$BEFORE" || echo "$AFTER")
    ONLY="$ROWS" ROUNDS=1 "$root/benchmarks/load.sh" >/dev/null 2>"/tmp/trust-ab-$side-$round.err"
    if (( first )); then head -1 "$root/benchmarks/target/load/results.tsv" | sed 's/^/side\tround\t/'; first=0; fi
    tail -n +2 "$root/benchmarks/target/load/results.tsv" | sed "s/^/$side\t$round\t/"
  done
done
