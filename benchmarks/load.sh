#!/usr/bin/env bash
# End-to-end load test of the Spring Boot 4 app in this module (dev.httpaudit.bench.app.LoadApp)
# on loopback with wrk: POST of a 1 KiB JSON body echoed back, the audit log written to a file
# through LogstashEncoder, console logging off.
#
#   benchmarks/load.sh            # off / http-audit (sync, async) / Logbook / log-only in alternating rounds, then the slow-sink runs
#
# Environment: ROUNDS (2), DURATION (30s), WARMUP (45s), SLOW_DURATION (15s), SLOW_MS (20),
# PORT (18080), THREADS (2), CONNECTIONS (16), SKIP_SLOW (unset), JAVA_OPTS (-Xms512m -Xmx512m).
# Needs wrk (installed with apt-get when missing) and the module built:
#   ./mvnw -B -Pbenchmarks -pl benchmarks -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-30s}
# On 2 cores C2 keeps compiling the audit path for 30-40 s under load (the first 10 s of http-audit
# ran at 20-35% of its steady rate in the second run), so a 10 s warm-up measured the JIT, not the filter.
WARMUP=${WARMUP:-45s}
SLOW_DURATION=${SLOW_DURATION:-15s}
SLOW_MS=${SLOW_MS:-20}
PORT=${PORT:-18080}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
OUT=target/load
mkdir -p "$OUT"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [[ ! -f target/classpath.txt || ! -d target/classes/dev/httpaudit/bench/app ]]; then
  (cd .. && ./mvnw -q -B -Pbenchmarks -pl benchmarks -am package -DskipTests)
fi
CP="target/classes:$(cat target/classpath.txt)"

TOKEN=$(java -cp "$CP" dev.httpaudit.bench.app.WriteBody "$OUT/body.json")
cat > "$OUT/post.lua" <<EOF
wrk.method = "POST"
local f = io.open("$OUT/body.json", "rb")
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "$TOKEN"
EOF

APP_PID=
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=
}
trap stop_app EXIT

# start_app NAME PROPERTIES...
start_app() {
  local name=$1; shift
  rm -f "$OUT/$name.audit.log"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -DAUDIT_FILE="$OUT/$name.audit.log" -cp "$CP" dev.httpaudit.bench.app.LoadApp \
    --server.port="$PORT" --server.address=127.0.0.1 --logging.config=classpath:load-logback.xml \
    --spring.main.banner-mode=off "$@" >"$OUT/$name.stdout" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "http://127.0.0.1:$PORT/echo" 2>/dev/null; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "app $name died:" >&2; cat "$OUT/$name.stdout" >&2; exit 1; }
    sleep 0.1
  done
  # the exchange works and the body comes back whole
  curl -s -X POST -H 'Content-Type: application/json' --data-binary @"$OUT/body.json" \
    "http://127.0.0.1:$PORT/echo" -o "$OUT/echo.json"
  cmp -s "$OUT/body.json" "$OUT/echo.json" || { echo "echo of $name differs" >&2; exit 1; }
}

to_ms() { # 1.23ms | 456.78us | 1.02s -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

# measure NAME DURATION PROPERTIES...: one started app, warm-up, one measured run; appends to results.tsv
measure() {
  local name=$1 duration=$2; shift 2
  start_app "$name" "$@"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$OUT/post.lua" "http://127.0.0.1:$PORT/echo" >/dev/null
  local lines_before
  lines_before=$(wc -l <"$OUT/$name.audit.log" 2>/dev/null || echo 0)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$OUT/post.lua" "http://127.0.0.1:$PORT/echo" \
    >"$OUT/$name.wrk.txt"
  stop_app
  local rps p50 p99 requests errors lines
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$name.wrk.txt")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$OUT/$name.wrk.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$OUT/$name.wrk.txt")")
  requests=$(awk '/requests in/ { print $1 }' "$OUT/$name.wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }' "$OUT/$name.wrk.txt")
  lines=$(( $(wc -l <"$OUT/$name.audit.log" 2>/dev/null || echo 0) - lines_before ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$requests" "$lines" "${errors:-none}" \
    | tee -a "$OUT/results.tsv"
}

printf 'run\treq/s\tp50_ms\tp99_ms\trequests\taudit_lines_after_warmup\terrors\n' | tee "$OUT/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  measure "off-$round" "$DURATION" --http-audit.enabled=false
  measure "http-audit-$round" "$DURATION"
  # the same behind the starter's async queue: one writer thread appends, request threads only enqueue;
  # block (up to 1 s) rather than drop, so that every exchange is still written
  measure "http-audit-async-$round" "$DURATION" --http-audit.async.enabled=true --http-audit.async.overflow=block \
    --http-audit.async.block-timeout=1s
  measure "logbook-$round" "$DURATION" --http-audit.enabled=false --bench.logbook=true
  # the floor: one ready-made audit line of this exchange per request, no capture or redaction
  measure "log-only-$round" "$DURATION" --http-audit.enabled=false --bench.log-only=true
done
if [[ -z "${SKIP_SLOW:-}" ]]; then
  # a sink taking SLOW_MS per write: on the request thread (default), and behind the async queue (drop)
  measure "slow-sync" "$SLOW_DURATION" --bench.slow-sink-ms="$SLOW_MS"
  measure "slow-async-drop" "$SLOW_DURATION" --bench.slow-sink-ms="$SLOW_MS" --http-audit.async.enabled=true \
    --http-audit.async.overflow=drop --http-audit.async.queue-capacity=1024 --http-audit.async.shutdown-timeout=1s
fi

# summary: mean over rounds, and ratios to "off"
awk -F'\t' '
  NR == 1 { next }
  { kind = $1; sub(/-[0-9]+$/, "", kind); n[kind]++; rps[kind] += $2; p50[kind] += $3; p99[kind] += $4
    if (!(kind in seen)) { seen[kind] = 1; order[++k] = kind } }
  END {
    printf "\n| run | rounds | req/s | p50 ms | p99 ms | req/s vs off | p50 vs off | p99 vs off |\n|---|---|---|---|---|---|---|---|\n"
    for (i = 1; i <= k; i++) { c = order[i]
      r = rps[c] / n[c]; a = p50[c] / n[c]; b = p99[c] / n[c]
      ro = rps["off"] / n["off"]; ao = p50["off"] / n["off"]; bo = p99["off"] / n["off"]
      printf "| %s | %d | %.0f | %.2f | %.2f | %.1f%% | %.2fx | %.2fx |\n", c, n[c], r, a, b, 100 * r / ro, a / ao, b / bo }
  }' "$OUT/results.tsv" | tee "$OUT/summary.md"
