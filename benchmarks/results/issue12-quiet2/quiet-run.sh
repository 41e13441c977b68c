#!/usr/bin/env bash
# The second quiet measurement of 2026-12-01 (issue 12), run with nothing else on the machine:
#   BEFORE=/path/to/before/benchmarks.jar benchmarks/results/issue12-quiet2/quiet-run.sh
# from a clean clone of main, built first (the script builds the after jar and the load apps).
# BEFORE: the JMH jar of main at 2e59c11 (the start of this work) with this RedactionBenchmark.java copied in
# (its redactOrder benchmark is new).
set -u
cd "$(dirname "$0")/../../.."
OUT=${OUT:-/tmp/qr2-out}; mkdir -p "$OUT"
HERE=benchmarks/results/issue12-quiet2
date -u +%FT%TZ > "$OUT/start.txt"; uptime >> "$OUT/start.txt"
./mvnw -o -q -B -Pbenchmarks -pl benchmarks,benchmarks/logbook-boot3 -am package -DskipTests
AFTER=benchmarks/target/benchmarks.jar
# 1. JMH, before and after alternating, 2 rounds: medians of 8 one-second iterations after 5 of warm-up
for round in 1 2; do
  for jar in "$BEFORE" "$AFTER"; do
    echo "== round $round $jar $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/jmh.txt"
    python3 $HERE/jmh-medians.py "$jar" 'ExchangeBenchmark|RedactionBenchmark.redactOrder' \
      -p variant=NONE,HTTP_AUDIT,HTTP_AUDIT_NO_LOG,LOGBOOK -f 1 -wi 5 -w 1s -i 8 -r 1s -prof gc >> "$OUT/jmh.txt" 2>&1
  done
done
# 2. the end-to-end table: the defaults (3 rounds, 60 s warm-up, 10 s measured)
echo "== load.sh $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load-start.txt"
benchmarks/load.sh > "$OUT/load.txt" 2>&1
mkdir -p "$OUT/load"; cp benchmarks/target/load/summary.md benchmarks/target/load/results.tsv benchmarks/target/load/*.wrk.txt "$OUT/load/" 2>/dev/null
# 3. where the no-write exchange's time goes: JFR over JMH (DebugNonSafepoints, so samples land on the
# inlined frame they were taken in). Not load.sh's PROFILE=1: with JFR and that flag the app ran at an
# eighth of its rate here (the JIT, still compiling, got slower too), so its shares describe another state.
java -jar "$AFTER" ExchangeBenchmark -p variant=HTTP_AUDIT_NO_LOG -f 1 -wi 5 -w 2s -i 5 -r 2s \
  -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=filename=$OUT/no-log.jfr,settings=profile" \
  > "$OUT/no-log-profile.txt" 2>&1
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" dev.httpaudit.bench.app.JfrSummary \
  "$OUT/no-log.jfr" > "$OUT/profile-no-log.md" 2>&1
date -u +%FT%TZ > "$OUT/end.txt"; uptime >> "$OUT/end.txt"; echo done >> "$OUT/end.txt"
