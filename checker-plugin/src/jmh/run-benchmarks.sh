#!/usr/bin/env bash
# Every benchmark of the plugin, by one command from anywhere in the repository:
#
#   checker-plugin/src/jmh/run-benchmarks.sh
#
# 1. builds with the bench profile (the plugin, the example job, target/benchmarks.jar);
# 2. runs the JMH benchmarks (check latency vs a bare JDK HttpClient, decoding, backends) with the
#    gc profiler, about 3 minutes on 2 cores;
# 3. runs cold-start.sh (whole-process cold start: checker on vs off with the JVM's counters, then
#    off, LOCAL and a bare JDK GET each vs the job without the plugin), about 4 minutes;
# and writes everything to checker-plugin/target/benchmarks/: jmh.txt (JMH's own report), jmh.csv,
# cold-start.*, and summary.md (the figures RESULTS.md is made of).
#
# Environment: JMH_ARGS adds or overrides JMH options (e.g. JMH_ARGS="-f 1" or a benchmark regex);
#              PAIRS is the number of cold-start pairs (default 9).
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=checker-plugin/target/benchmarks
mkdir -p "$OUT"

mvn -B -q -Pbench package -DskipTests

{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)"
  java -version 2>&1 | head -3
  echo "date: $(date -u +%FT%TZ), commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"
} | tee "$OUT/machine.txt"

# shellcheck disable=SC2086
java -jar checker-plugin/target/benchmarks.jar -prof gc -rf csv -rff "$OUT/jmh.csv" ${JMH_ARGS:-} \
  | tee "$OUT/jmh.txt"

OUT="$OUT" checker-plugin/src/jmh/cold-start.sh "${PAIRS:-9}"
# No cost when the check does not run: off, and LOCAL, each against the job without the plugin.
OUT="$OUT" checker-plugin/src/jmh/cold-start.sh "${PAIRS:-9}" off-none
OUT="$OUT" checker-plugin/src/jmh/cold-start.sh "${PAIRS:-9}" local-none
# The floor under any check through Feign's default client: the JDK's HttpURLConnection alone.
OUT="$OUT" checker-plugin/src/jmh/cold-start.sh "${PAIRS:-9}" jdk-none

# The figures of the report, from JMH's CSV (mean for decoding, percentiles otherwise): "Benchmark","Mode","Threads","Samples","Score",
# "Score Error (99.9%)","Unit","Param: executions".
awk -F, '
  function unq(s) { gsub(/"/, "", s); return s }
  NR == 1 { next }
  {
    sub(/\r$/, "")  # JMH writes CRLF
    name = unq($1); score = unq($5); n = unq($8)
    sub(/^.*Benchmark\./, "", name)
    value[name "|" n] = score
  }
  END {
    printf "### Check latency (SampleTime, us)\n\n| | p50 | p90 | p99 | alloc B/op |\n|---|---:|---:|---:|---:|\n"
    split("pluginClient jdkHttpClient", client, " ")
    for (i = 1; i <= 2; i++) {
      b = client[i]
      printf "| %s | %.0f | %.0f | %.0f | %.0f |\n", b, value[b ":p0.50|"], value[b ":p0.90|"], value[b ":p0.99|"], value[b ":gc.alloc.rate.norm|"]
    }
    printf "\np50 ratio plugin/JDK: %.2f (goal: at most 1.5)\n\n", value["pluginClient:p0.50|"] / value["jdkHttpClient:p0.50|"]
    printf "### Decoding (AverageTime)\n\n| executions | us/op | us/execution | B/op | B/execution |\n|---:|---:|---:|---:|---:|\n"
    split("10 1000 100000", sizes, " ")
    for (i = 1; i <= 3; i++) {
      n = sizes[i]; t = value["decode|" n]; a = value["decode:gc.alloc.rate.norm|" n]
      printf "| %d | %.1f | %.2f | %.0f | %.0f |\n", n, t, t / n, a, a / n
    }
    printf "\n### Acquire and release (SampleTime, us)\n\n| backend | p50 | p90 | p99 | alloc B/op |\n|---|---:|---:|---:|---:|\n"
    split("local postgres", backends, " ")
    for (i = 1; i <= 2; i++) {
      b = backends[i]
      printf "| %s | %.0f | %.0f | %.0f | %.0f |\n", b, value[b ":p0.50|"], value[b ":p0.90|"], value[b ":p0.99|"], value[b ":gc.alloc.rate.norm|"]
    }
  }' "$OUT/jmh.csv" >"$OUT/summary.md"
{
  echo
  echo "### Cold start"
  echo
  sed 's/^/    /' "$OUT/cold-start.txt" "$OUT/cold-start-off-none.txt" "$OUT/cold-start-local-none.txt" \
    "$OUT/cold-start-jdk-none.txt"
  echo
  echo "### Machine"
  echo
  sed 's/^/    /' "$OUT/machine.txt"
} >>"$OUT/summary.md"
cat "$OUT/summary.md"
