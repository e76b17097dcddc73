#!/usr/bin/env bash
# Issue 14 F1: chunked refresh bodies must not take the broker down. Runs the packaged jar
# (demo profile, -Xmx256m, below the chart's heap), sends CONCURRENCY chunked refresh bodies
# of SIZE_MB each at once, then checks the broker still hands out a session.
#   ./mvnw -B -q package -DskipTests && bench/chunked-flood.sh
set -euo pipefail
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORT:-18080}"
CONCURRENCY="${CONCURRENCY:-8}"
SIZE_MB="${SIZE_MB:-30}"
JAR="$(ls "$ROOT_DIR"/target/session-broker-*.jar | grep -v plain | head -1)"
WORK="$(mktemp -d)"
LOG="$WORK/broker.log"

java -Xmx256m -jar "$JAR" --spring.profiles.active=demo --server.port="$PORT" >"$LOG" 2>&1 &
BROKER_PID=$!
trap 'kill "$BROKER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
    sleep 1
done

# A syntactically plausible start, then filler: only a bound on reading can stop it.
{ printf '{"rejectedSessionId":"'; head -c "$((SIZE_MB * 1024 * 1024))" /dev/zero | tr '\0' 'x'; } >"$WORK/body"

start=$(date +%s.%N)
for i in $(seq 1 "$CONCURRENCY"); do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://127.0.0.1:$PORT/sessions/alertsite/refresh" \
        -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
        --data-binary @"$WORK/body" >"$WORK/status.$i" 2>/dev/null || echo "curl-exit-$?" >>"$WORK/status.$i" &
done
wait $(jobs -p | grep -v "^$BROKER_PID$") 2>/dev/null || true
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

echo "refresh answers (${CONCURRENCY} x ${SIZE_MB} MiB chunked, ${elapsed}s):"
cat "$WORK"/status.* | sort | uniq -c
if kill -0 "$BROKER_PID" 2>/dev/null; then echo "broker process: alive"; else echo "broker process: DEAD"; fi
after=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/sessions/alertsite" || true)
echo "GET /sessions/alertsite afterwards: $after"
echo "OutOfMemoryError in log: $(grep -c OutOfMemoryError "$LOG" || true)"
echo "broker RSS: $(ps -o rss= -p "$BROKER_PID" 2>/dev/null | awk '{printf "%d MiB", $1/1024}')"
[[ "$after" == "200" ]]
