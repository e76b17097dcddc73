#!/usr/bin/env bash
# Native memory of the packaged broker at steady state under load, the figure the Helm
# chart's memory limit and heap share are sized from (docs/operations.md, "Memory").
#
# Starts target/session-broker-*.jar (build it first: ./mvnw -B -DskipTests package) as the
# image does (bin/aot-cache.sh: extracted, AOT cache trained, the image's JVM flags) with
# the demo vendors on 127.0.0.1, the heap the image gets for a given limit (HEAP, default
# -Xmx256m: 50% of the chart's 512Mi), -XX:NativeMemoryTracking=summary, two processors and
# ECS logging as the chart sets them; drives it for
# DURATION seconds with PARALLEL curl loops over session hand-outs, refreshes, proxied calls,
# listings and Prometheus scrapes; then prints `jcmd <pid> VM.native_memory summary` and the
# process RSS. Every request goes to 127.0.0.1 and the loops stop by themselves.
#
#   HEAP=-Xmx256m DURATION=120 PARALLEL=8 bench/native-memory.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"
DURATION="${DURATION:-120}"
PARALLEL="${PARALLEL:-8}"
PORT="${PORT:-18480}"
HEAP="${HEAP:--Xmx256m}"
JAR="$(ls target/session-broker-*.jar | head -1)"
OUT="bench/results/native-memory-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"

APP="$OUT/app"
bin/aot-cache.sh extract "$JAR" "$APP" >/dev/null
bin/aot-cache.sh train "$APP" >"$OUT/train.log" 2>&1
# The image's flags (the last -Xmx wins over MaxRAMPercentage), then what is measured.
IMAGE_FLAGS="$(sed -n 's/^IMAGE_JVM_FLAGS="\(.*\)"$/\1/p' bin/aot-cache.sh)"
BROKER_JVM_FLAGS="$IMAGE_FLAGS $HEAP -XX:NativeMemoryTracking=summary -XX:ActiveProcessorCount=2" \
    bin/aot-cache.sh run "$APP" --spring.profiles.active=demo --server.address=127.0.0.1 --server.port="$PORT" \
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
grep -E "VmRSS|RssAnon|RssFile" "/proc/$PID/status" >"$OUT/rss.txt"
echo "results in $OUT"
grep -E '^Total|^-  *(Java Heap|Class|Thread|Code|GC|Compiler|Internal|Other|Symbol|Metaspace|Arena|Native Memory Tracking|Shared class space|Arena Chunk)' "$OUT/nmt-end.txt" || true
cat "$OUT/rss.txt"
