#!/usr/bin/env bash
# Goal 3: whole-process cold start of the example job in CLOUD mode, with the execution-skip check
# on (against a loopback stand-in for the Control Service) versus off, in alternating pairs.
#
# Builds nothing. It needs the bench profile built first, from the root of the repository:
#   mvn -B -q -Pbench package -DskipTests
# which makes example-job/target/example-job.jar and checker-plugin/target/benchmarks.jar (the
# loopback server and the phase split come from the latter). The normal build does not make
# benchmarks.jar; run-benchmarks.sh builds the profile and then runs this script.
#
# Usage: checker-plugin/src/jmh/cold-start.sh [pairs]      (default 9; at least 7)
# Environment: OUT (default checker-plugin/target/benchmarks), JAVA (default java),
#              JOB_JAVA_OPTS (extra JVM options for both variants of the job, e.g. a CDS archive).
# Prints the medians and the ratio, and writes them with every raw time to $OUT/cold-start.*.
set -euo pipefail
cd "$(dirname "$0")/../../.."

PAIRS=${1:-9}
OUT=${OUT:-checker-plugin/target/benchmarks}
JAVA=${JAVA:-java}
JOB_JAVA_OPTS=${JOB_JAVA_OPTS:-}
JOB_JAR=example-job/target/example-job.jar
BENCH_JAR=checker-plugin/target/benchmarks.jar
TEAM=data-demo
JOB=example-incremental-etl

for jar in "$JOB_JAR" "$BENCH_JAR"; do
  [[ -f $jar ]] || {
    echo "Missing $jar, which only the bench profile builds (the normal build and 'mvn verify' do not):" \
      "run 'mvn -B -q -Pbench package -DskipTests' in the repository's root first," \
      "or checker-plugin/src/jmh/run-benchmarks.sh, which builds it and runs every benchmark." >&2
    exit 1
  }
done
(( PAIRS >= 7 )) || { echo "At least 7 pairs, please (asked for $PAIRS)." >&2; exit 1; }
mkdir -p "$OUT"
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The stand-in Control Service, on a free loopback port, answering [] (no other execution).
"$JAVA" -Dsun.net.httpserver.nodelay=true -cp "$BENCH_JAR" \
  dev.vdk.executionskip.bench.LoopbackControlService 0 '[]' >"$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
  grep -q '^port=' "$WORK/server.out" 2>/dev/null && break
  sleep 0.1
done
PORT=$(sed -n 's/^port=//p' "$WORK/server.out")
[[ -n $PORT ]] || { echo "The loopback server did not start:" >&2; cat "$WORK/server.out" >&2; exit 1; }
URL="http://127.0.0.1:$PORT"
EXECUTIONS="$URL/data-jobs/for-team/$TEAM/jobs/$JOB/executions"

# One run of the job; prints its wall time in ms. Fresh data folder and termination file each time,
# so every run does the same work (creates and loads the 10 sample records).
run_job() {
  local checker=$1 dir
  dir=$(mktemp -d "$WORK/run.XXXXXX")
  local start end
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  env VDK_LOG_CONFIG=CLOUD VDK_JOB_NAME=$JOB VDK_TEAM=$TEAM \
    VDK_EXECUTION_SKIP_CHECKER_ENABLED="$checker" \
    VDK_CONTROL_SERVICE_REST_API_URL="$URL" \
    VDK_EXAMPLE_DATA_DIR="$dir/data" \
    VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE="$dir/termination.json" \
    "$JAVA" $JOB_JAVA_OPTS -jar "$JOB_JAR" >"$dir/log" 2>&1 || {
      echo "The job failed (checker $checker):" >&2; cat "$dir/log" >&2; exit 1; }
  end=$(date +%s%N)
  # A run that did not do what it claims would make the figures meaningless.
  local expected='reason="the checker is disabled'
  [[ $checker == true ]] && expected='reason="The Control Service lists no execution'
  grep -q "execution_skip_decision.*$expected" "$dir/log" || {
    echo "Unexpected decision (checker $checker):" >&2; cat "$dir/log" >&2; exit 1; }
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { sort -n | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }

echo "Warming up the server, the page cache and the loopback path (one run each, discarded)..."
for _ in 1 2 3; do "$JAVA" -version >/dev/null 2>&1; done
curl -fsS "$EXECUTIONS" >/dev/null 2>&1 || true
run_job true >/dev/null
run_job false >/dev/null

: >"$OUT/cold-start.csv"
echo "pair,order,on_ms,off_ms" >>"$OUT/cold-start.csv"
for i in $(seq "$PAIRS"); do
  # Alternate which variant goes first, so that drift in the machine's load hits both alike.
  if (( i % 2 )); then on=$(run_job true); off=$(run_job false); order=on-first
  else off=$(run_job false); on=$(run_job true); order=off-first; fi
  echo "$i,$order,$on,$off" >>"$OUT/cold-start.csv"
  printf 'pair %2d (%s): on %5d ms, off %5d ms\n' "$i" "$order" "$on" "$off"
done

# Where a cold check's time goes (a fresh JVM per sample; see ColdCheckPhases).
: >"$OUT/cold-check-phases.txt"
for _ in $(seq "$PAIRS"); do
  "$JAVA" -cp "$BENCH_JAR" dev.vdk.executionskip.bench.ColdCheckPhases "$URL" >>"$OUT/cold-check-phases.txt"
done

on_median=$(tail -n +2 "$OUT/cold-start.csv" | cut -d, -f3 | median)
off_median=$(tail -n +2 "$OUT/cold-start.csv" | cut -d, -f4 | median)
on_spread=$(tail -n +2 "$OUT/cold-start.csv" | cut -d, -f3 | spread)
off_spread=$(tail -n +2 "$OUT/cold-start.csv" | cut -d, -f4 | spread)
ratios=$(tail -n +2 "$OUT/cold-start.csv" | awk -F, '{printf "%.2f\n", $3/$4}')
ratio=$(awk -v a="$on_median" -v b="$off_median" 'BEGIN {printf "%.2f", a/b}')
phase() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$OUT/cold-check-phases.txt" | median; }

{
  echo "Cold start, example job, LOG_CONFIG=CLOUD, $PAIRS alternating pairs${JOB_JAVA_OPTS:+, JVM options: $JOB_JAVA_OPTS}"
  echo "checker on : median $on_median ms (min-max $on_spread)"
  echo "checker off: median $off_median ms (min-max $off_spread)"
  echo "ratio of medians on/off: $ratio (goal: at most 1.10); per-pair ratios min-max: $(echo "$ratios" | spread), median $(echo "$ratios" | median)"
  echo "cold check phases (the client alone, benchmarks.jar, without JOB_JAVA_OPTS), medians of $PAIRS fresh JVMs: make the client $(phase client_ms) ms" \
    "($(phase client_classes) classes), first check $(phase first_check_ms) ms ($(phase first_check_classes) classes)," \
    "second check $(phase second_check_ms) ms ($(phase second_check_classes) classes)"
} | tee "$OUT/cold-start.txt"
