#!/usr/bin/env bash
# HTTP hot path: wrk against a cached GET /sessions/alertsite and against the control endpoint
# (same JVM, same flags, same URL shape, headers and body length), in alternating rounds.
# Environment: ROUNDS (5), DURATION (10s), CONNECTIONS (16), THREADS (1), PORT (18080).
source "$(dirname "$0")/lib.sh"
ROUNDS="${ROUNDS:-5}"; DURATION="${DURATION:-10s}"; CONNECTIONS="${CONNECTIONS:-16}"; THREADS="${THREADS:-1}"
PORT="${PORT:-18080}"
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
build_bench
out="$RESULTS_DIR/http-hotpath-$STAMP.txt"
machine_description | tee "$out"
echo "wrk: $(wrk -v 2>&1 | head -1); -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds" | tee -a "$out"

# The demo profile's emulated AlertSite gives the one login; bench adds the control endpoint.
start_broker "$RESULTS_DIR/http-hotpath-$STAMP.broker.log" --server.port="$PORT" --spring.profiles.active=demo,bench
base="http://127.0.0.1:$PORT"
wait_for "$base/actuator/health/readiness"
broker_url="$base/sessions/alertsite"
control_url="$base/bench/control/alertsite"
for url in "$broker_url" "$control_url"; do
    curl -fsS -o /dev/null -w "%{http_code} bytes=%{size_download} $url\n" "$url" | tee -a "$out"
done

run_wrk() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" -s "$BENCH_DIR/percentiles.lua" "$2" | grep '^RESULT'; }
echo "warm-up" | tee -a "$out"
run_wrk 10s "$broker_url" >/dev/null
run_wrk 10s "$control_url" >/dev/null
for round in $(seq 1 "$ROUNDS"); do
    echo "round=$round target=control $(run_wrk "$DURATION" "$control_url")" | tee -a "$out"
    echo "round=$round target=broker $(run_wrk "$DURATION" "$broker_url")" | tee -a "$out"
done
python3 "$BENCH_DIR/summarize_http.py" "$out" | tee -a "$out"
