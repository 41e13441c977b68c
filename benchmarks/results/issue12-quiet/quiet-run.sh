#!/usr/bin/env bash
# The quiet measurement of this session: run in a clone at /tmp/qr of main (built), with nothing else running.
set -u
cd /tmp/qr
OUT=/tmp/qr-out; mkdir -p $OUT
date -u +%FT%TZ > $OUT/start.txt; uptime >> $OUT/start.txt
# 1. JMH, before jar vs after jar, alternating, 3 rounds
for round in 1 2 3; do
  for jar in /tmp/bench-before-3e0cb52.jar benchmarks/target/benchmarks.jar; do
    echo "== round $round $jar $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/jmh.txt
    java -jar $jar ExchangeBenchmark -p variant=NONE,HTTP_AUDIT,HTTP_AUDIT_NO_LOG,LOGBOOK,SPRING -f 1 -wi 3 -w 1s -i 4 -r 2s -prof gc 2>&1 \
      | grep -E '^ExchangeBenchmark.*(avgt|alloc.rate.norm)' | grep -v 'gc.alloc.rate ' >> $OUT/jmh.txt
  done
done
# 2. the chain's cost per event, alternating checkpoint-every
for round in 1 2; do
  for every in 10000 1000; do
    echo "== round $round every $every $(date -u +%T)" >> $OUT/chain.txt
    java -cp benchmarks/target/benchmarks.jar dev.httpaudit.bench.ChainCpuTime $every schema-example >> $OUT/chain.txt 2>&1
  done
done
# 2b. outgoing calls, plain vs audited, alternating
M=~/.m2/repository/io/micrometer
CP=benchmarks/target/benchmarks.jar:$M/micrometer-observation/1.16.6/micrometer-observation-1.16.6.jar:$M/micrometer-commons/1.16.6/micrometer-commons-1.16.6.jar
for round in 1 2; do for mode in plain audited; do
  echo "== round $round mode $mode $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/outgoing.txt
  java -cp "$CP" org.openjdk.jmh.Main OutgoingCallBenchmark -p mode=$mode -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc 2>&1 \
    | grep -E '^OutgoingCallBenchmark.*(avgt|alloc.rate.norm)' | grep -v 'gc.alloc.rate ' >> $OUT/outgoing.txt
done; done
# 3. the end-to-end table
echo "== load.sh $(date -u +%T) $(cut -d' ' -f1-3 /proc/loadavg)" >> $OUT/load-start.txt
benchmarks/load.sh > $OUT/load.txt 2>&1
cp benchmarks/target/load/summary.md $OUT/ 2>/dev/null; cp benchmarks/target/load/results.tsv $OUT/ 2>/dev/null
# 4. the live view's render time with 1,000 events in Chromium
./mvnw -o -q -B -pl spring-starter -am test -Dtest=LiveViewBrowserTest -Dsurefire.failIfNoSpecifiedTests=false > $OUT/live.txt 2>&1
cp spring-starter/target/live-view-render.txt $OUT/ 2>/dev/null
# 5. the JDBC sink's throughput into PostgreSQL (fsync on)
./mvnw -o -q -pl jdbc-sink -am test -Dtest=JdbcSinkThroughput -Dsurefire.failIfNoSpecifiedTests=false \
    -Dhttp-audit.pg.fsync=on -Devents=20000 -Druns=5 > $OUT/jdbc.txt 2>&1
cp jdbc-sink/target/surefire-reports/dev.httpaudit.jdbc.JdbcSinkThroughput-output.txt $OUT/ 2>/dev/null
date -u +%FT%TZ > $OUT/end.txt; uptime >> $OUT/end.txt
echo done >> $OUT/end.txt
