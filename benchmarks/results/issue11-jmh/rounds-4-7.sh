#!/bin/bash
for round in 4 5 6 7; do
  for which in before after; do
    jar=/tmp/benchmarks-$which.jar; [ $which = before ] && jar=/tmp/benchmarks-before-6455ade.jar
    java -jar $jar ExchangeBenchmark -p variant=HTTP_AUDIT_NO_LOG,HTTP_AUDIT -f 1 -wi 3 -w 2s -i 6 -r 2s -prof gc -rf json -rff /tmp/jmh11q/$which-$round.json > /tmp/jmh11q/$which-$round.txt 2>&1
    echo "$round $which done $(date +%T)"
  done
done
