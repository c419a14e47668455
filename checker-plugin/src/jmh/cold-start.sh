#!/usr/bin/env bash
# Goal 3: whole-process cold start of the example job, two variants side by side in alternating
# pairs. The comparison (second argument):
#   on-off     (default) CLOUD, the check on against a loopback stand-in for the Control Service,
#              versus the check off;
#   off-none   the check off, versus the same job jar with the plugin taken out;
#   local-none a LOCAL run with the default backend, versus the same job jar without the plugin;
#   jdk-none   the floor under any check through Feign's default client: the job jar without the
#              plugin plus JdkGetOnlyPlugin (benchmarks.jar), which makes only the check's GET with
#              the JDK's HttpURLConnection, versus the job jar without the plugin.
#
# Builds nothing. It needs the bench profile built first, from the root of the repository:
#   mvn -B -q -Pbench package -DskipTests
# which makes example-job/target/example-job.jar and checker-plugin/target/benchmarks.jar (the
# loopback server and the phase split come from the latter). The normal build does not make
# benchmarks.jar; run-benchmarks.sh builds the profile and then runs this script.
#
# Usage: checker-plugin/src/jmh/cold-start.sh [pairs] [comparison]   (default 9 on-off; pairs >= 7)
# Environment: OUT (default checker-plugin/target/benchmarks), JAVA (default java),
#              JOB_JAVA_OPTS (extra JVM options for both variants of the job, e.g. a CDS archive).
# Prints the medians and the ratio, and writes them with every raw time to $OUT/cold-start.* (on-off)
# or $OUT/cold-start-<comparison>.*. The jar without the plugin is made here, with zip.
set -euo pipefail
# Numbers are read and written by awk with a decimal point whatever the locale; the jobs measured
# keep the caller's locale, which decides their default charset.
awk() { LC_ALL=C command awk "$@"; }
cd "$(dirname "$0")/../../.."

PAIRS=${1:-9}
COMPARISON=${2:-on-off}
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
case $COMPARISON in
  on-off) A=on; B=off; NAME=cold-start ;;
  off-none) A=off; B=none; NAME=cold-start-off-none ;;
  local-none) A=local; B=none; NAME=cold-start-local-none ;;
  jdk-none) A=jdk; B=none; NAME=cold-start-jdk-none ;;
  *) echo "Unknown comparison '$COMPARISON': on-off, off-none, local-none or jdk-none." >&2; exit 1 ;;
esac
if [[ $B == none ]] && ! command -v zip >/dev/null; then
  echo "The comparison $COMPARISON takes the plugin out of a copy of the job's jar with zip, which is not installed." >&2
  exit 1
fi
# The JVM's counters are read with the jstat of the JDK that runs the job.
JAVA_BIN=$(command -v "$JAVA") || { echo "No $JAVA to run the job with (JAVA=$JAVA)." >&2; exit 1; }
JSTAT=$(dirname "$(readlink -f "$JAVA_BIN")")/jstat
if [[ $COMPARISON == on-off && ! -x $JSTAT ]]; then
  echo "The on-off comparison reads the JVM's counters with $JSTAT, which is missing: run it with a JDK, not a JRE." >&2
  exit 1
fi
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

# The same job jar with the plugin taken out: its classes (the shaded libraries included) and its
# line in the plugin service file.
NO_PLUGIN_JAR=$WORK/example-job-without-plugin.jar
if [[ $B == none ]]; then
  cp "$JOB_JAR" "$NO_PLUGIN_JAR"
  zip -q -d "$NO_PLUGIN_JAR" 'dev/vdk/executionskip/*' >/dev/null
  mkdir -p "$WORK/services/META-INF/services"
  unzip -p "$JOB_JAR" META-INF/services/dev.vdk.api.VdkPlugin | grep -v '^dev\.vdk\.executionskip\.' \
    >"$WORK/services/META-INF/services/dev.vdk.api.VdkPlugin" || true
  (cd "$WORK/services" && zip -q "$NO_PLUGIN_JAR" META-INF/services/dev.vdk.api.VdkPlugin)
fi

# The jar without the plugin, plus a plugin that makes only the check's GET (JdkGetOnlyPlugin).
JDK_ONLY_JAR=$WORK/example-job-jdk-get-only.jar
if [[ $A == jdk ]]; then
  cp "$NO_PLUGIN_JAR" "$JDK_ONLY_JAR"
  mkdir -p "$WORK/jdk/META-INF/services"
  (bench=$PWD/$BENCH_JAR; cd "$WORK/jdk" && unzip -q -o "$bench" 'dev/vdk/executionskip/bench/JdkGetOnlyPlugin.class')
  { cat "$WORK/services/META-INF/services/dev.vdk.api.VdkPlugin"; echo dev.vdk.executionskip.bench.JdkGetOnlyPlugin; } \
    >"$WORK/jdk/META-INF/services/dev.vdk.api.VdkPlugin"
  (cd "$WORK/jdk" && zip -q "$JDK_ONLY_JAR" META-INF/services/dev.vdk.api.VdkPlugin dev/vdk/executionskip/bench/JdkGetOnlyPlugin.class)
fi

# One run of the job; prints its wall time and its CPU time (user + system, every thread), in ms.
# Extra JVM options for this run only come in RUN_OPTS. Fresh data folder and termination file each time,
# so every run does the same work (creates and loads the 10 sample records). Variants: on (CLOUD,
# check on), off (CLOUD, check off), local (LOCAL, default backend), none (CLOUD, no plugin).
run_job() {
  local variant=$1 dir jar=$JOB_JAR checker=false log_config=CLOUD
  [[ $variant == on ]] && checker=true
  [[ $variant == local ]] && { checker=true; log_config=LOCAL; }
  [[ $variant == none ]] && jar=$NO_PLUGIN_JAR
  [[ $variant == jdk ]] && jar=$JDK_ONLY_JAR
  dir=$(mktemp -d "$WORK/run.XXXXXX")
  local start end cpu TIMEFORMAT='%3U %3S'
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  { time env VDK_LOG_CONFIG=$log_config VDK_JOB_NAME=$JOB VDK_TEAM=$TEAM \
    VDK_EXECUTION_SKIP_CHECKER_ENABLED="$checker" \
    VDK_CONTROL_SERVICE_REST_API_URL="$URL" \
    VDK_EXAMPLE_DATA_DIR="$dir/data" \
    VDK_TERMINATION_MESSAGE_WRITER_OUTPUT_FILE="$dir/termination.json" \
    "$JAVA" $JOB_JAVA_OPTS ${RUN_OPTS:-} -jar "$jar" >"$dir/log" 2>&1; } 2>"$dir/cpu" || {
      echo "The job failed ($variant):" >&2; cat "$dir/log" >&2; exit 1; }
  end=$(date +%s%N)
  # The shell writes the times with the locale's decimal separator.
  cpu=$(awk '{gsub(/,/, "."); split($0, t, " "); printf "%d", (t[1] + t[2]) * 1000}' "$dir/cpu")
  # A run that did not do what it claims would make the figures meaningless.
  local expected
  case $variant in
    on) expected='execution_skip_decision.*reason="The Control Service lists no execution' ;;
    off) expected='execution_skip_decision.*reason="the checker is disabled' ;;
    local) expected='execution_skip_decision.*reason="local execution' ;;
    none) expected='ended with status Success' ;;
    jdk) expected='JdkGetOnlyPlugin: HTTP 200' ;;
  esac
  grep -q "$expected" "$dir/log" || { echo "Unexpected run ($variant):" >&2; cat "$dir/log" >&2; exit 1; }
  if [[ $variant == none || $variant == jdk ]] && grep -q execution_skip_decision "$dir/log"; then
    echo "The jar without the plugin still ran it:" >&2; cat "$dir/log" >&2; exit 1
  fi
  echo "$(( (end - start) / 1000000 )) $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
spread() { sort -n | awk 'NR==1{min=$1} {max=$1} END {print min "-" max}'; }

echo "Warming up the server, the page cache and the loopback path (one run each, discarded)..."
for _ in 1 2 3; do "$JAVA" -version >/dev/null 2>&1; done
curl -fsS "$EXECUTIONS" >/dev/null 2>&1 || true
run_job "$A" >/dev/null
run_job "$B" >/dev/null

CSV=$OUT/$NAME.csv
echo "pair,order,${A}_ms,${B}_ms,${A}_cpu_ms,${B}_cpu_ms" >"$CSV"
for i in $(seq "$PAIRS"); do
  # Alternate which variant goes first, so that drift in the machine's load hits both alike.
  if (( i % 2 )); then read -r a a_cpu < <(run_job "$A"); read -r b b_cpu < <(run_job "$B"); order=$A-first
  else read -r b b_cpu < <(run_job "$B"); read -r a a_cpu < <(run_job "$A"); order=$B-first; fi
  [[ -n $a && -n $b ]] || exit 1
  echo "$i,$order,$a,$b,$a_cpu,$b_cpu" >>"$CSV"
  printf 'pair %2d (%s): %s %5d ms (CPU %5d ms), %s %5d ms (CPU %5d ms)\n' "$i" "$order" "$A" "$a" "$a_cpu" "$B" "$b" "$b_cpu"
done

column() { tail -n +2 "$CSV" | cut -d, -f"$1"; }
a_median=$(column 3 | median)
b_median=$(column 4 | median)
a_spread=$(column 3 | spread)
b_spread=$(column 4 | spread)
a_cpu=$(column 5 | median)
b_cpu=$(column 6 | median)
ratios=$(tail -n +2 "$CSV" | awk -F, '{printf "%.2f\n", $3/$4}')
ratio=$(awk -v a="$a_median" -v b="$b_median" 'BEGIN {printf "%.2f", a/b}')
describe() {
  case $1 in
    on) echo "CLOUD, checker on" ;; off) echo "CLOUD, checker off" ;;
    local) echo "LOCAL, default backend" ;; none) echo "CLOUD, job without the plugin" ;;
    jdk) echo "CLOUD, job without the plugin, plus only the check's GET through HttpURLConnection" ;;
  esac
}

{
  echo "Cold start, example job, $COMPARISON, $PAIRS alternating pairs${JOB_JAVA_OPTS:+, JVM options: $JOB_JAVA_OPTS}"
  echo "$(describe "$A"): median $a_median ms (min-max $a_spread), CPU $a_cpu ms"
  echo "$(describe "$B"): median $b_median ms (min-max $b_spread), CPU $b_cpu ms"
  echo "ratio of medians $A/$B: $ratio$([[ $COMPARISON == on-off ]] && echo " (goal: at most 1.10)"); per-pair ratios min-max: $(echo "$ratios" | spread), median $(echo "$ratios" | median)"
} | tee "$OUT/$NAME.txt"

[[ $COMPARISON == on-off ]] || exit 0

# Where a cold check's time goes (a fresh JVM per sample; see ColdCheckPhases).
: >"$OUT/cold-check-phases.txt"
for _ in $(seq "$PAIRS"); do
  "$JAVA" -cp "$BENCH_JAR" dev.vdk.executionskip.bench.ColdCheckPhases "$URL" >>"$OUT/cold-check-phases.txt"
done
phase() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$OUT/cold-check-phases.txt" | median; }
echo "cold check phases (the client alone, benchmarks.jar, no preload, without JOB_JAVA_OPTS), medians of $PAIRS fresh JVMs:" \
  "make the client $(phase client_ms) ms ($(phase client_classes) classes), first check $(phase first_check_ms) ms" \
  "($(phase first_check_classes) classes), second check $(phase second_check_ms) ms ($(phase second_check_classes) classes)" \
  | tee -a "$OUT/$NAME.txt"

# Where the difference goes, from the JVM's own counters (hsperfdata, read with jstat): classes
# loaded and their bytes, and the time spent loading, linking (verification included), verifying
# and initialising them, and compiling. Times are summed over every thread, so they overlap the
# wall time rather than add up to it. Separate runs: -XX:+CITime, which the JIT time needs, prints
# a table at exit.
counters() {
  local variant=$1 i=$2
  RUN_OPTS="-XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=$WORK/perf-$variant-$i -XX:+CITime" run_job "$variant" >/dev/null
  "$JSTAT" -J-Djstat.showUnsupported=true -snap "file://$WORK/perf-$variant-$i" >"$WORK/counters-$variant-$i"
}
COUNTED=$(( PAIRS < 9 ? PAIRS : 9 ))
for i in $(seq "$COUNTED"); do
  if (( i % 2 )); then counters "$A" "$i"; counters "$B" "$i"; else counters "$B" "$i"; counters "$A" "$i"; fi
done
counter() {
  local variant=$1 name=$2
  grep -q "^$name=" "$WORK/counters-$variant-1" || { echo "This JVM has no counter $name." >&2; exit 1; }
  for i in $(seq "$COUNTED"); do
    awk -F= -v n="$name" '$1 == n {gsub(/"/, "", $2); print $2}' "$WORK/counters-$variant-$i"
  done | median
}
{
  echo "JVM counters, medians of $COUNTED runs of each (times in ms, summed over threads):"
  printf '  %-44s %10s %10s %10s\n' counter "$A" "$B" difference
  for entry in \
      "classes loaded, outside the CDS archive:java.cls.loadedClasses:1" \
      "of them by the application's class loader:sun.cls.appClassLoadCount:1" \
      "class bytes, application:sun.cls.appClassBytes:1" \
      "class bytes, JDK:sun.cls.sysClassBytes:1" \
      "reading application classes (self):sun.cls.appClassLoadTime.self:1000000" \
      "defining application classes (self):sun.cls.defineAppClassTime.self:1000000" \
      "loading JDK classes:sun.cls.sysClassLoadTime:1000000" \
      "linking (self, verification apart):sun.cls.classLinkedTime.self:1000000" \
      "verifying (self):sun.cls.classVerifyTime.self:1000000" \
      "initialising, static initialisers run (self):sun.cls.classInitTime.self:1000000" \
      "JIT compiling:sun.ci.standardTime:1000000" \
      "JIT compiling, on-stack replacement:sun.ci.osrTime:1000000" \
      "methods compiled:sun.ci.totalCompiles:1"; do
    IFS=: read -r label name scale <<<"$entry"
    a=$(counter "$A" "$name"); b=$(counter "$B" "$name")
    awk -v l="$label" -v a="$a" -v b="$b" -v s="$scale" 'BEGIN {printf "  %-44s %10.1f %10.1f %+10.1f\n", l, a / s, b / s, (a - b) / s}'
  done
} | tee -a "$OUT/$NAME.txt"
