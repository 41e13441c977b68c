#!/bin/bash
OUT=/tmp/jmh3.txt; : > $OUT
for round in 1 2; do
  for jar in /tmp/bench-before-2e59c11.jar /tmp/bench-01212b4.jar /tmp/bench-final.jar; do
    echo "== round $round $jar $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT
    python3 /work/main/benchmarks/results/issue12-quiet2/jmh-medians.py $jar 'ExchangeBenchmark|RedactionBenchmark.redactOrder' \
      -p variant=NONE,HTTP_AUDIT,HTTP_AUDIT_NO_LOG -f 1 -wi 5 -w 1s -i 8 -r 1s -prof gc >> $OUT 2>&1
  done
done
echo done >> $OUT
