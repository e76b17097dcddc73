#!/usr/bin/env bash
# Native memory of the packaged broker at steady state under load, the figure the Helm
# chart's memory limit and heap share are sized from (docs/operations.md, "Memory").
#
# Starts target/session-broker-*.jar (build it first: ./mvnw -B -DskipTests package) with
# the demo vendors on 127.0.0.1, with the heap and GC the image gets for a given limit,
# -XX:NativeMemoryTracking=summary and ECS logging as the chart sets it; drives it for
# DURATION seconds with PARALLEL curl loops over session hand-outs, refreshes, proxied calls,
# listings and Prometheus scrapes; then prints `jcmd <pid> VM.native_memory summary` and the
# process RSS. Every request goes to 127.0.0.1 and the loops stop by themselves.
#
#   HEAP=-Xmx192m DURATION=120 PARALLEL=8 bench/native-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-120}"
PARALLEL="${PARALLEL:-8}"
PORT="${PORT:-18480}"
HEAP="${HEAP:--Xmx192m}"
JAR="$(ls target/session-broker-*.jar | head -1)"
OUT="bench/results/native-memory-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

# shellcheck disable=SC2086
java $HEAP -XX:+ExitOnOutOfMemoryError -XX:NativeMemoryTracking=summary -XX:ActiveProcessorCount=2 \
    -jar "$JAR" --spring.profiles.active=demo --server.address=127.0.0.1 --server.port="$PORT" \
    --logging.structured.format.console=ecs >"$OUT/broker.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
    sleep 1
done

load() {
    local end=$((SECONDS + DURATION)) i=0
    while ((SECONDS < end)); do
        i=$((i + 1))
        for vendor in alertsite infiniteblue revulytics appviewx; do
            curl -s -o /dev/null "$BASE/sessions/$vendor"
            curl -s -o /dev/null "$BASE/proxy/$vendor/sample"
        done
        curl -s -o /dev/null "$BASE/sessions"
        if ((i % 50 == 0)); then
            curl -s -o /dev/null -X POST "$BASE/sessions/alertsite/refresh"
            curl -s -o /dev/null "$BASE/actuator/prometheus"
        fi
    done
}
for _ in $(seq 1 "$PARALLEL"); do load & done
# Snapshots while the load runs, then at the end.
sleep $((DURATION / 2))
jcmd "$PID" VM.native_memory summary >"$OUT/nmt-mid.txt"
wait $(jobs -p | grep -v "^$PID$") 2>/dev/null || true
jcmd "$PID" VM.native_memory summary >"$OUT/nmt-end.txt"
grep VmRSS "/proc/$PID/status" >"$OUT/rss.txt"
echo "results in $OUT"
grep -E '^Total|^-  *(Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Metaspace|Arena|Native Memory Tracking|Shared class space)' "$OUT/nmt-end.txt" || true
cat "$OUT/rss.txt"
