#!/bin/bash
# End-to-end A/B of the four library changes of 2026-12-02 (morning): the no-write row
# of the code before them (worktree /work/wt/base: main with the four commits reverted) and after (main),
# alternating, with off (the same in both) before each round. Each line: tree, then load.sh's results row.
set -euo pipefail
one() { # one TREE ROW
  (cd "$1" && ONLY=$2 ROUNDS=1 bash benchmarks/load.sh 2>/dev/null) | awk -F'\t' -v t="$(basename "$1")" \
    '$1 != "row" && NF > 10 { print t "\t" $0 }'
}
for round in 1 2 3; do
  one /work/main off
  for row in no-write; do
    if (( round % 2 )); then one /work/wt/base $row; one /work/main $row
    else one /work/main $row; one /work/wt/base $row; fi
  done
done
