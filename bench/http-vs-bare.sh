#!/usr/bin/env bash
# The cached GET /sessions/alertsite of the broker AS SHIPPED against a separate bare Spring Boot
# app (bench/bare-app: web MVC + actuator, same Boot version) answering a constant JSON of the
# same length. The broker is the packaged jar started as the image starts it (bin/aot-cache.sh:
# extracted, its AOT cache trained, the image's JVM flags), with the demo profile, its default
# configuration and log levels, console piped to a file as a deployment would do; the bare app
# is started by a plain `java -jar` on the same JDK 25. BENCH_JVM_FLAGS is not used here.
# Two modes: anonymous (the demo's default) and bearer (one client configured, every request
# carries its token; the bare app receives the same header and ignores it).
# wrk rounds alternate between the two JVMs (and which goes first), so that outside load hits
# both alike; ratios are taken per round.
# Environment: MODES ("anonymous bearer"), ROUNDS (5), DURATION (10s), WARMUP (15s, each JVM,
# twice), CONNECTIONS (64), THREADS (2), LOAD_MAX (0.7: wait, up to 10 min, until the 1-minute
# load average is below this before each mode; LOAD_WAIT caps the wait, 600 s), JFR (set: record the broker with JFR),
# BROKER_JAR (another build of the broker, e.g. an earlier commit's, for before/after figures).
source "$(dirname "$0")/lib.sh"
BENCH_JVM_FLAGS="not used (broker: the image's flags; bare: none)"
MODES="${MODES:-anonymous bearer}"; ROUNDS="${ROUNDS:-5}"; DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-64}"; THREADS="${THREADS:-2}"; LOAD_MAX="${LOAD_MAX:-0.7}"
BROKER_PORT="${BROKER_PORT:-18080}"; BARE_PORT="${BARE_PORT:-18081}"
if ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    (cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package && ./mvnw -B -q -f bench/bare-app/pom.xml -DskipTests package)
fi
broker_jar="${BROKER_JAR:-$(ls "$ROOT_DIR"/target/session-broker-*.jar | grep -v -- '-plain' | head -1)}"
bare_jar="$(ls "$BENCH_DIR"/bare-app/target/bare-app-*.jar | head -1)"
out="$RESULTS_DIR/http-vs-bare-$STAMP.txt"
machine_description | tee "$out"
echo "commit: $(git -C "$ROOT_DIR" rev-parse --short HEAD)$(git -C "$ROOT_DIR" diff --quiet || echo ' (uncommitted changes)')${BROKER_JAR:+ (broker jar: $BROKER_JAR)}" | tee -a "$out"
echo "wrk: $(wrk -v 2>&1 | head -1); -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, warm-up 2 x $WARMUP per JVM" | tee -a "$out"
echo "broker: $broker_jar, bin/aot-cache.sh run (the image's flags, AOT cache), demo profile, default log levels, console > file" | tee -a "$out"
echo "bare: java -jar $(basename "$bare_jar")" | tee -a "$out"
app="$RESULTS_DIR/http-vs-bare-$STAMP.app"
"$ROOT_DIR/bin/aot-cache.sh" extract "$broker_jar" "$app" >/dev/null
"$ROOT_DIR/bin/aot-cache.sh" train "$app" >"$app.train.log" 2>&1

load1() { cut -d' ' -f1 /proc/loadavg; }
# Other tenants' builds and test JVMs running now (during rounds the load average is mostly
# this benchmark's own: 64 busy Tomcat threads and wrk count as runnable).
foreign() { pgrep -fc 'surefirebooter|plexus-classworlds' || true; }
# Other engineers share the 2 cores: start a mode only once their load has settled.
wait_for_quiet() {
    for _ in $(seq 1 $(( ${LOAD_WAIT:-600} / 30 ))); do
        if awk -v l="$(load1)" -v m="$LOAD_MAX" 'BEGIN { exit !(l <= m) }'; then return 0; fi
        echo "load $(load1) > $LOAD_MAX, waiting 30 s" | tee -a "$out"
        sleep 30
    done
    echo "load still $(load1) after ${LOAD_WAIT:-600} s, measuring anyway" | tee -a "$out"
}

PIDS=()
stop_all() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done; PIDS=(); }
trap stop_all EXIT

token="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
token_sha="$(printf %s "$token" | sha256sum | cut -d' ' -f1)"

for mode in $MODES; do
    wait_for_quiet
    log="$RESULTS_DIR/http-vs-bare-$STAMP.$mode"
    args=(--spring.profiles.active=demo --server.port="$BROKER_PORT")
    header=()
    if [[ "$mode" == "bearer" ]]; then
        args+=(--broker.clients.bench.token-sha256="$token_sha" --broker.clients.bench.vendors=alertsite)
        header=(-H "Authorization: Bearer $token")
    fi
    flags="$(sed -n 's/^IMAGE_JVM_FLAGS="\(.*\)"$/\1/p' "$ROOT_DIR/bin/aot-cache.sh")"
    if [[ -n "${JFR:-}" ]]; then flags+=" -XX:StartFlightRecording=filename=$log.jfr,settings=profile"; fi
    BROKER_JVM_FLAGS="$flags" "$ROOT_DIR/bin/aot-cache.sh" run "$app" "${args[@]}" >"$log.broker.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$BROKER_PORT/actuator/health/readiness"
    broker_url="http://127.0.0.1:$BROKER_PORT/sessions/alertsite"
    length="$(curl -fsS "${header[@]}" "$broker_url" | wc -c)"
    java -jar "$bare_jar" --server.address=127.0.0.1 --server.port="$BARE_PORT" \
        --bare.body-length="$length" >"$log.bare.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$BARE_PORT/actuator/health"
    bare_url="http://127.0.0.1:$BARE_PORT/sessions/alertsite"
    for url in "$broker_url" "$bare_url"; do
        curl -fsS -o /dev/null "${header[@]}" -w "mode=$mode %{http_code} bytes=%{size_download} $url\n" "$url" | tee -a "$out"
    done

    run_wrk() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" "${header[@]}" -s "$BENCH_DIR/percentiles.lua" "$2" | grep '^RESULT'; }
    echo "mode=$mode warm-up (load $(load1))" | tee -a "$out"
    for _ in 1 2; do
        run_wrk "$WARMUP" "$broker_url" >/dev/null
        run_wrk "$WARMUP" "$bare_url" >/dev/null
    done
    for round in $(seq 1 "$ROUNDS"); do
        order=(broker bare); if (( round % 2 == 0 )); then order=(bare broker); fi
        for target in "${order[@]}"; do
            url="$broker_url"; [[ "$target" == "bare" ]] && url="$bare_url"
            load="$(load1)"
            echo "mode=$mode round=$round target=$target load=$load foreign=$(foreign) $(run_wrk "$DURATION" "$url")" | tee -a "$out"
        done
    done
    stop_all
    echo "mode=$mode broker log: $(wc -c <"$log.broker.log") bytes, $(grep -c 'audit event=' "$log.broker.log" || true) audit lines" | tee -a "$out"
done
python3 "$BENCH_DIR/summarize_vs_bare.py" "$out" | tee -a "$out"
