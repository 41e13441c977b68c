#!/bin/bash
# A/B of the async writer: before = /tmp/qr2 (main at 01212b4-era code), after = /tmp/qr3 (68da105)
OUT=/tmp/ab-out; mkdir -p $OUT
for round in 1 2; do
  for side in qr2 qr3; do
    echo "== round $round $side $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/ab.txt
    (cd /tmp/$side/benchmarks && ONLY="async-slf4j recommended" ROUNDS=1 WARMUP=60s ./load.sh > $OUT/$side-$round.txt 2>&1)
    grep -E "^(async-slf4j|recommended)\s" $OUT/$side-$round.txt >> $OUT/ab.txt
  done
done
echo done >> $OUT/ab.txt
