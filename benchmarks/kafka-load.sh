#!/usr/bin/env bash
# Load figures of the Kafka sink (KafkaSinkLoad) against a real single-node KRaft broker that
# this script starts in its own JVM (kafka-sink's KafkaTestBrokerMain). Builds first.
#   ROUNDS (default 5), EVENTS per round (default 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
EVENTS=${EVENTS:-50000}

./mvnw -B -q -Pbenchmarks -pl benchmarks,kafka-sink -am package -DskipTests

out=$(mktemp)
java -Xmx1g -cp "kafka-sink/target/test-classes:kafka-sink/target/classes:$(cat kafka-sink/target/test-classpath.txt)" \
    dev.httpaudit.kafka.testing.KafkaTestBrokerMain >"$out" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 120); do
  grep -q '^bootstrap=' "$out" && break
  kill -0 $broker 2>/dev/null || { cat "$out"; exit 1; }
  sleep 1
done
bootstrap=$(sed -n 's/^bootstrap=//p' "$out")
echo "kafka-load: broker at $bootstrap; $(nproc) CPUs; $(java -version 2>&1 | head -1)"
java -Xms1g -Xmx1g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
    dev.httpaudit.bench.KafkaSinkLoad "$bootstrap" "$ROUNDS" "$EVENTS"
