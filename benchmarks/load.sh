#!/usr/bin/env bash
# End-to-end load test of issue 12's acceptance app on loopback with wrk: Spring Boot 4 + Spring
# Security + Logback with LogstashEncoder to a file (dev.httpaudit.bench.app.LoadApp), POST /api/echo
# of a 1 KiB JSON body with a "password" field, echoed back; each run a fresh JVM, rounds alternating,
# medians over the rounds. The Logbook row runs Logbook 3.12.3's own starter on Boot 3.5.7 with the
# same controller and security set-up (module logbook-boot3).
#
#   benchmarks/load.sh                          # the table: ROUNDS=3, WARMUP=60s, DURATION=10s
#   ONLY="off recommended" ROUNDS=1 WARMUP=5s DURATION=3s benchmarks/load.sh   # a subset, short
#   EXTRA="log-only slow-sync slow-async-drop" benchmarks/load.sh              # the table and extra runs
#   PROFILE=1 benchmarks/load.sh                # JFR of "defaults" and "recommended" under wrk, summarized
#   PROFILE=1 PROFILE_ROWS="off defaults recommended no-write logbook" benchmarks/load.sh   # bytes per request of each
#
# Rows of the table (ONLY picks some of them, EXTRA adds others; names as below):
#   off             auditing off (http-audit.enabled=false)
#   defaults        starter defaults: the SLF4J sink, synchronous, through LogstashEncoder
#   async-slf4j     the async queue, overflow block, the SLF4J sink behind it
#   recommended     async, block, the JSON-lines file sink, the http.audit logger OFF (README's production set-up)
#   no-write        everything but the write: the http.audit logger OFF and no other sink
#   logbook         Logbook 3.12.3's starter on Boot 3.5.7, the same app
# Extra runs (only when named in ONLY or EXTRA):
#   defaults-buffered  the starter defaults, with the audit file's Logback appender buffered
#                   (immediateFlush false, 1 MB: load-logback.xml's two properties, set by -D) instead of
#                   a write(2) per line
#   log-only        one ready-made audit line of this exchange per request, no capture or redaction (the floor)
#   logbook-boot4   Logbook's servlet filter registered by hand on the Boot 4 app (as in the JMH benchmarks)
#   slow-sync       a sink that sleeps SLOW_MS per write, on the request thread
#   slow-async-drop the same behind the async queue, overflow drop
#
# Columns: req/s and p50/p99 from wrk; "CPU/req" two ways: 2 cores / rate (the issue's way: wrk's share
# included, so only differences to "off" count) and the app's own process CPU time (utime + stime from
# /proc, all of its threads: GC, JIT, the async writer) over the measured window / requests served in it.
# results.tsv's last columns, over the same window: the app's threads' context switches (voluntary and not)
# per request (a thread that parks or blocks, at a queue hand-off or a lock, switches once more each time),
# and the async writer thread's own CPU time per request (0 without the queue); the app's CPU per request by
# thread group (Tomcat's request threads, the JIT's compilers, GC and the VM thread, the async writer, the
# rest); how long the row warmed up and the compilers' share of the app's CPU in its last warm-up step;
# and the machine's idle and steal shares over the window (/proc/stat: steal is CPU time the hypervisor gave
# to other guests; a row with a few per cent of steal or more ran on a slower machine than its neighbours).
# "written" checks that every event reached its file: its lines, counted after the JVM exited (so the
# async queue has drained), equal the exchanges the app served (app.web.RequestCounter: warm-up, measured,
# the start-up check, and those in flight when wrk stopped) times the lines per exchange; and that neither
# the password nor the bearer token appears in it. The no-write row has no file: there "written" checks
# that the audit pipeline handed the sink (a logger set to OFF) one event per exchange served
# (app.AuditedCounter, read as the context closes), and "lines" is that count. The last column,
# "audited", is that count in every row that has a pipeline (an async row's may be read before its
# queue drains, so there the file's lines are the check).
#
# Environment: ROUNDS (3), WARMUP (60s), WARMUP_STEP (20s), JIT_QUIET (3), MAX_WARMUP (300s), DURATION (10s),
# ONLY, EXTRA, PROFILE, PROFILE_ROWS
# ("defaults recommended"), LOCK_THRESHOLD (1 ms: JFR's lock-wait threshold in profile mode),
# SLOW_MS (20), PORT (18080), THREADS (2), CONNECTIONS (16), JAVA_OPTS (-Xms512m -Xmx512m),
# KEEP_LOGS (unset: audit files are deleted once counted; they reach a GB per run).
# Needs wrk (installed with apt-get when missing), curl, and the two apps built:
#   ./mvnw -B -Pbenchmarks -pl benchmarks,benchmarks/logbook-boot3 -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")"
# the whole script is one block, read before it runs: editing this file during a run does not change the run
{

ROUNDS=${ROUNDS:-3}
# 60 s, not the 25 s issue 12's table was first measured with: on 2 cores that wrk and 16 request threads
# keep busy, C2 was still compiling the audit path 30 to 45 s into the load (jdk.Compilation events in the
# measured window), and a row measured then shows the JIT's progress more than the code's cost
WARMUP=${WARMUP:-60s}
# after WARMUP, the load goes on in steps of WARMUP_STEP until the JIT's compiler threads used less than
# JIT_QUIET percent of the app's CPU in the last step (at most MAX_WARMUP in all): on 2 cores shared with
# wrk, C2's queue behind the audited path was still about a minute long 60 s in (a method compiled by C1
# at 10 s waited until 64 s for C2, jdk.Compilation events), and a row measured before it drains measures
# the JIT, not the code; the row records how long it warmed up and the JIT's share in its last step
WARMUP_STEP=${WARMUP_STEP:-20s}
JIT_QUIET=${JIT_QUIET:-3}
MAX_WARMUP=${MAX_WARMUP:-300s}
DURATION=${DURATION:-10s}
TABLE_ROWS="off defaults async-slf4j recommended no-write logbook"
ROWS=${ONLY:-$TABLE_ROWS ${EXTRA:-}}
ROWS=${ROWS//,/ }
PROFILE_ROWS=${PROFILE_ROWS:-defaults recommended}
LOCK_THRESHOLD=${LOCK_THRESHOLD:-1 ms}
SLOW_MS=${SLOW_MS:-20}
PORT=${PORT:-18080}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
OUT=target/load
URL="http://127.0.0.1:$PORT/api/echo"
LOGBACK="file:$PWD/src/main/resources/load-logback.xml"
CLK_TCK=$(getconf CLK_TCK)
mkdir -p "$OUT"

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [[ ! -f target/classpath.txt || ! -f logbook-boot3/target/classpath.txt \
      || ! -f target/classes/dev/httpaudit/bench/app/web/EchoController.class ]]; then
  (cd .. && ./mvnw -q -B -Pbenchmarks -pl benchmarks,benchmarks/logbook-boot3 -am package -DskipTests)
fi
CP="target/classes:$(cat target/classpath.txt)"
LOGBOOK_CP="logbook-boot3/target/classes:$(cat logbook-boot3/target/classpath.txt)"

TOKEN=$(java -cp "$CP" dev.httpaudit.bench.app.WriteBody "$OUT/body.json")
PASSWORD=$(java -cp "$CP" dev.httpaudit.bench.app.WriteBody --password)
cat > "$OUT/post.lua" <<EOF
wrk.method = "POST"
local f = io.open("$OUT/body.json", "rb")
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "$TOKEN"
EOF

# row NAME: sets MAIN, APP_CP, ARGS (the app's properties) and LOG (the file whose lines are the events;
# empty when nothing is written), PER_REQUEST (lines per exchange), ROW_OPTS (the row's own JVM options)
# and COUNTED (1: no file, the pipeline's count of events is the check) for one row
row() {
  local name=$1 file=$OUT/$2.audit.log
  MAIN=dev.httpaudit.bench.app.LoadApp APP_CP=$CP LOG=$file PER_REQUEST=1 ROW_OPTS= COUNTED=
  case $name in
    off) ARGS=(--http-audit.enabled=false); LOG= ;;
    defaults) ARGS=() ;;
    defaults-buffered) ARGS=() ROW_OPTS="-DAUDIT_IMMEDIATE_FLUSH=false -DAUDIT_BUFFER_SIZE=1MB" ;;
    async-slf4j) ARGS=(--http-audit.async.enabled=true --http-audit.async.overflow=block) ;;
    recommended) LOG=$OUT/$2.audit.jsonl
      ARGS=(--http-audit.async.enabled=true --http-audit.async.overflow=block
            --http-audit.sink.file.path="$LOG" --logging.level.http.audit=OFF) ;;
    no-write) ARGS=(--logging.level.http.audit=OFF); LOG= COUNTED=1 ;;
    logbook) MAIN=dev.httpaudit.bench.logbook.LogbookLoadApp APP_CP=$LOGBOOK_CP ARGS=() PER_REQUEST=2 ;;
    log-only) ARGS=(--http-audit.enabled=false --bench.log-only=true) ;;
    logbook-boot4) ARGS=(--http-audit.enabled=false --bench.logbook=true) PER_REQUEST=2 ;;
    slow-sync) ARGS=(--bench.slow-sink-ms="$SLOW_MS") ;;
    slow-async-drop) ARGS=(--bench.slow-sink-ms="$SLOW_MS" --http-audit.async.enabled=true
            --http-audit.async.overflow=drop --http-audit.async.queue-capacity=1024
            --http-audit.async.shutdown-timeout=1s) PER_REQUEST=0 ;;
    *) echo "unknown row: $name (rows: $TABLE_ROWS defaults-buffered log-only logbook-boot4 slow-sync slow-async-drop)" >&2; exit 2 ;;
  esac
}
for r in $ROWS; do row "$r" check; done

APP_PID=
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  [[ -n "$APP_PID" ]] && { wait "$APP_PID" 2>/dev/null || true; }
  APP_PID=
}
trap stop_app EXIT

# start_app RUN EXTRA_JAVA_OPTS...: starts the row set by row(), waits for the port, checks the echo once
start_app() {
  local run=$1; shift
  rm -f "$OUT/$run".audit.* "$OUT/$run.served" "$OUT/$run.audited"
  # shellcheck disable=SC2086
  java $JAVA_OPTS $ROW_OPTS "$@" -DAUDIT_FILE="$OUT/$run.audit.log" -cp "$APP_CP" "$MAIN" \
    --server.port="$PORT" --server.address=127.0.0.1 --logging.config="$LOGBACK" \
    --spring.main.banner-mode=off --bench.requests-file="$OUT/$run.served" \
    --bench.audited-file="$OUT/$run.audited" "${ARGS[@]}" >"$OUT/$run.stdout" 2>&1 &
  APP_PID=$!
  # a bare TCP connect, so that waiting makes no audited exchange (Tomcat listens once the context is up)
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "app $run died:" >&2; cat "$OUT/$run.stdout" >&2; exit 1; }
    sleep 0.1
  done
  # the exchange works and the body comes back whole (one request, counted in "expected")
  curl -s -X POST -H 'Content-Type: application/json' -H "Authorization: $TOKEN" --data-binary @"$OUT/body.json" \
    "$URL" -o "$OUT/echo.json"
  cmp -s "$OUT/body.json" "$OUT/echo.json" || { echo "echo of $run differs" >&2; exit 1; }
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
# the machine's CPU ticks (/proc/stat's first line, after "cpu"): user nice system idle iowait irq softirq steal
machine_ticks() { head -1 /proc/stat | cut -d' ' -f3-; }
# machine_shares BEFORE AFTER: "idle_pct steal_pct" of all ticks between the two readings
machine_shares() {
  awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) { d = y[i] - x[i]; total += d; if (i == 4) idle = d; if (i == 8) steal = d }
    printf "%.1f\t%.1f", 100 * idle / total, 100 * steal / total }'
}
# context switches of all the app's threads so far (voluntary: a thread parked or blocked; not: preempted)
ctx_switches() { cat /proc/"$APP_PID"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { n += $2 } END { print n + 0 }'; }
# thread_ticks FILE: each of the app's threads' CPU ticks so far (tid, group, utime + stime); groups are
# its request threads (Tomcat's, "http-nio-..."), the JIT's compiler threads, GC and the VM thread, the
# async writer ("http-audit-writer", cut to 15 chars in /proc), and the rest. The comm field may hold spaces ("C2 CompilerThre"), so stat's fields are
# counted after its closing parenthesis.
thread_ticks() {
  local t comm g
  for t in /proc/"$APP_PID"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    case $comm in
      http-nio-*) g=tomcat ;; C1\ Compiler*|C2\ Compiler*) g=jit ;;
      GC\ Thread*|G1\ *|VM\ Thread|VM\ Periodic*) g=gc_vm ;; http-audit-writ*) g=writer ;; *) g=other ;;
    esac
    sed 's/.*) //' "$t/stat" 2>/dev/null | awk -v tid="${t##*/}" -v g="$g" '{ print tid, g, $12 + $13 }'
  done >"$1"
}
# group_ticks BEFORE AFTER: "group ticks" lines, each group's CPU ticks between two thread_ticks (a thread
# started in between counts from 0; one that ended drops out)
group_ticks() {
  awk 'FNR == NR { b[$1] = $3; next } { d[$2] += $3 - ($1 in b ? b[$1] : 0) }
    END { for (g in d) print g, d[g] }' "$1" "$2"
}
# cpu_by_thread BEFORE AFTER REQUESTS: "tomcat=.. jit=.. gc_vm=.. writer=.. other=.." in µs per request
cpu_by_thread() {
  group_ticks "$1" "$2" | awk -v t="$CLK_TCK" -v n="$3" '{ d[$1] = $2 }
    END { split("tomcat jit gc_vm writer other", gs, " ")
          for (i = 1; i <= 5; i++) printf "%s%s=%.1f", (i > 1 ? " " : ""), gs[i], d[gs[i]] / t * 1e6 / n }'
}
# jit_share BEFORE AFTER: the compiler threads' percentage of all the app's CPU between two thread_ticks
jit_share() {
  group_ticks "$1" "$2" | awk '{ all += $2; if ($1 == "jit") jit = $2 }
    END { printf "%.1f", (all > 0 ? 100 * jit / all : 0) }'
}
# seconds DURATION: wrk's duration (45s, 1m...) in whole seconds
seconds() { awk -v ms="$(to_ms "$1")" 'BEGIN { printf "%d", ms / 1000 }'; }

# warm_up RUN: WARMUP of load, then WARMUP_STEP more until the JIT is quiet or MAX_WARMUP is reached;
# sets WARMED (seconds of load) and JIT_LAST (the compiler threads' share in the last step, %)
warm_up() {
  local run=$1 max step
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$OUT/post.lua" "$URL" >"$OUT/$run.warmup.txt"
  WARMED=$(seconds "$WARMUP")
  max=$(seconds "$MAX_WARMUP")
  step=$(seconds "$WARMUP_STEP")
  JIT_LAST=n/a
  while (( WARMED + step <= max )); do
    thread_ticks "$OUT/$run.step.before"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${step}s" -s "$OUT/post.lua" "$URL" >>"$OUT/$run.warmup.txt"
    thread_ticks "$OUT/$run.step.after"
    WARMED=$((WARMED + step))
    JIT_LAST=$(jit_share "$OUT/$run.step.before" "$OUT/$run.step.after")
    echo "$run: warmed up ${WARMED}s, JIT ${JIT_LAST}% of the app's CPU in the last ${step}s" >&2
    if awk -v j="$JIT_LAST" -v q="$JIT_QUIET" 'BEGIN { exit !(j < q) }'; then break; fi
  done
}

to_ms() { # 1.23ms | 456.78us | 1.02s -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

# measure ROW RUN [JFR]: one fresh JVM, warm-up, one measured window (recorded with JFR when asked);
# appends a line to results.tsv
measure() {
  local name=$1 run=$2 jfr=${3:-}
  row "$name" "$run"
  # with JFR, samples are attributed to the inlined frame they were taken in, not to the nearest
  # safepoint's (without it, a hot loop's samples land on whatever method holds the next safepoint)
  # and the recording's settings are in force from the start (a memory-only recording, never dumped): JFR's
  # first recording retransforms the JDK's socket and file classes for its I/O events, and starting it after
  # warm-up threw away the compiled code that inlined them (the app fell to a twentieth of its rate, with
  # the JIT's threads at 684 µs per request); the measured window's recording then changes nothing
  start_app "$run" ${jfr:+-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    -XX:StartFlightRecording=name=warm-up,settings=$OUT/profile.jfc,disk=false,maxsize=8m}
  warm_up "$run"
  if [[ -n "$jfr" ]]; then
    jcmd "$APP_PID" JFR.start name=load settings="$OUT/profile.jfc" filename="$PWD/$OUT/$run.jfr" >/dev/null
  fi
  local cpu_before cpu_after
  cpu_before=$(cpu_ticks)
  local machine_before machine_after
  machine_before=$(machine_ticks)
  local ctx_before ctx_after
  ctx_before=$(ctx_switches)
  thread_ticks "$OUT/$run.threads.before"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$OUT/post.lua" "$URL" >"$OUT/$run.wrk.txt"
  cpu_after=$(cpu_ticks)
  machine_after=$(machine_ticks)
  ctx_after=$(ctx_switches)
  thread_ticks "$OUT/$run.threads.after"
  if [[ -n "$jfr" ]]; then
    jcmd "$APP_PID" JFR.stop name=load >/dev/null
  fi
  stop_app
  local rps p50 p99 requests errors served expected lines written leaks app_cpu ctx writer_cpu by_thread audited
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/$run.wrk.txt")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$OUT/$run.wrk.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$OUT/$run.wrk.txt")")
  requests=$(awk '/requests in/ { print $1 }' "$OUT/$run.wrk.txt")
  errors=$(cat "$OUT/$run.warmup.txt" "$OUT/$run.wrk.txt" | awk '/Non-2xx|Socket errors/ { printf "%s ", $0 }')
  app_cpu=$(awk -v d=$((cpu_after - cpu_before)) -v t="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.1f", d / t * 1e6 / n }')
  # threads that exited during the window drop out of the count; request and writer threads do not
  ctx=$(awk -v d=$((ctx_after - ctx_before)) -v n="$requests" 'BEGIN { printf "%.2f", d / n }')
  by_thread=$(cpu_by_thread "$OUT/$run.threads.before" "$OUT/$run.threads.after" "$requests")
  writer_cpu=${by_thread##*writer=}
  writer_cpu=${writer_cpu%% *}
  # every exchange the app served (RequestCounter), in flight when wrk stopped or not
  served=$(cat "$OUT/$run.served" 2>/dev/null || echo 0)
  expected=$(( served * PER_REQUEST ))
  # the events the audit pipeline handed its sink (app.AuditedCounter); no file where there is no pipeline
  audited=$(cat "$OUT/$run.audited" 2>/dev/null || echo n/a)
  if [[ -n "$COUNTED" ]]; then
    lines=$audited leaks=0
    if (( served > 0 )) && [[ "$audited" == "$served" ]]; then written=yes; else written="NO ($audited of $served)"; fi
  elif [[ -z "$LOG" ]]; then
    expected=0 lines=0 written=n/a leaks=0
  else
    # http-audit's and Logbook's lines only (the root logger, at WARN, shares the LogstashEncoder file)
    lines=$(cat "$LOG" 2>/dev/null | grep -c -v '"level":"WARN"\|"level":"ERROR"' || true)
    leaks=$(cat "$LOG" 2>/dev/null | grep -c -F -e "$PASSWORD" -e "${TOKEN#Bearer }" || true)
    if (( PER_REQUEST == 0 )); then written=n/a; elif (( served > 0 && lines == expected )); then written=yes
    else written="NO ($lines of $expected)"; fi
  fi
  [[ -n "${KEEP_LOGS:-}" ]] || rm -f "$OUT/$run".audit.*
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$rps" "$p50" "$p99" "$app_cpu" "$requests" \
    "$served" "$expected" "$lines" "$written" "$leaks" "${errors:-none}" "$ctx" "$writer_cpu" "$by_thread" "$WARMED" "$JIT_LAST" \
    "$(machine_shares "$machine_before" "$machine_after")" "$audited" | tee -a "$RESULTS"
}

HEADER='row\trun\treq/s\tp50_ms\tp99_ms\tapp_cpu_us_per_req\trequests\tserved\texpected_lines\tlines\twritten\tsecret_lines\terrors\tctx_switches_per_req\twriter_cpu_us_per_req\tcpu_us_per_req_by_thread\twarmup_s\tjit_pct_last_warmup_step\tmachine_idle_pct\tmachine_steal_pct\taudited\n'
if [[ -n "${PROFILE:-}" ]]; then
  # JFR's "profile" settings with a lower lock-wait threshold: under 16 threads on 2 cores most waits are
  # shorter than its 10 ms
  sed "s/control=\"locking-threshold\">10 ms</control=\"locking-threshold\">$LOCK_THRESHOLD</" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" >"$OUT/profile.jfc"
  RESULTS=$OUT/profile-results.tsv
  printf "$HEADER" | tee "$RESULTS"
  for name in $PROFILE_ROWS; do
    measure "$name" "profile-$name" jfr
    java -cp "$CP" dev.httpaudit.bench.app.JfrSummary "$OUT/profile-$name.jfr" \
      "$(awk '/requests in/ { print $1 }' "$OUT/profile-$name.wrk.txt")" >"$OUT/profile-$name.md"
    echo "summary: $OUT/profile-$name.md (recording $OUT/profile-$name.jfr)"
  done
  exit 0
fi

RESULTS=$OUT/results.tsv
printf "$HEADER" | tee "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for name in $ROWS; do
    measure "$name" "$name-$round"
  done
done

# summary: medians over the rounds, ratios and CPU added against "off"
awk -F'\t' -v order="$ROWS" '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  NR == 1 { next }
  { n[$1]++; rps[$1] = rps[$1] " " $3; p50[$1] = p50[$1] " " $4; p99[$1] = p99[$1] " " $5; cpu[$1] = cpu[$1] " " $6
    if ($11 == "n/a") na[$1] = 1; else if ($11 != "yes") bad[$1] = bad[$1] " " $2
    if ($12 > 0) leak[$1] = leak[$1] " " $2 }
  END {
    has_off = ("off" in n)
    if (has_off) { ro = median(rps["off"]); co = median(cpu["off"]) }
    printf "\n| row | rounds | req/s | vs off | CPU µs/req added, 2 cores / rate | app CPU µs/req | added | p50 ms | p99 ms | every event written | secrets in output |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|---|\n"
    k = split(order, rows, " ")
    for (i = 1; i <= k; i++) { c = rows[i]; if (!(c in n)) continue
      r = median(rps[c]); u = median(cpu[c])
      printf "| %s | %d | %.0f | %s | %s | %.1f | %s | %.2f | %.2f | %s | %s |\n", c, n[c], r,
        has_off ? sprintf("%.2f", r / ro) : "-", has_off ? sprintf("%.1f", 2e6 / r - 2e6 / ro) : "-", u,
        has_off ? sprintf("%.1f", u - co) : "-", median(p50[c]), median(p99[c]),
        (c in bad) ? "NO:" bad[c] : (c in na) ? "n/a" : "yes", (c in leak) ? "YES:" leak[c] : "none" }
  }' "$OUT/results.tsv" | tee "$OUT/summary.md"
exit
}
