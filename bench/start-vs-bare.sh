#!/usr/bin/env bash
# Start-up and resident memory of the broker AS SHIPPED against the bare app (bench/bare-app):
# the broker extracted, trained and started by bin/aot-cache.sh exactly as the image does
# (the image's JVM flags, its AOT cache), the bare app by a plain `java -jar` on the same JDK.
# Both with the demo-equivalent answer on GET /sessions/alertsite on 127.0.0.1.
# Per round and JVM: time from the process start to the first 200 of GET /sessions/alertsite
# (the broker's includes its first, lazy login to the demo emulator), then the RSS 5 s later
# (/proc/<pid>/status VmRSS). Rounds alternate which JVM goes first; the summary gives the
# medians and the median of the per-round (adjacent pair) ratios, with the load average.
# Environment: ROUNDS (5), JAVA_HOME (a JDK 25+, found under /usr/lib/jvm if unset),
# BROKER_JAR (another build), BROKER_ARGS (extra application arguments, for levers),
# BROKER_JVM_FLAGS (replaces the image's flags, for levers), SETTLE (5 s before the RSS).
source "$(dirname "$0")/lib.sh"
BENCH_JVM_FLAGS="not used (broker: the image's flags; bare: none)"
ROUNDS="${ROUNDS:-5}"; SETTLE="${SETTLE:-5}"
BROKER_PORT="${BROKER_PORT:-18090}"; BARE_PORT="${BARE_PORT:-18091}"
use_jdk25
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    (cd "$ROOT_DIR" && ./mvnw -B -q -DskipTests package && ./mvnw -B -q -f bench/bare-app/pom.xml -DskipTests package)
fi
broker_jar="${BROKER_JAR:-$(ls "$ROOT_DIR"/target/session-broker-*.jar | grep -v -- '-plain' | head -1)}"
bare_jar="$(ls "$BENCH_DIR"/bare-app/target/bare-app-*.jar | head -1)"
out="$RESULTS_DIR/start-vs-bare-$STAMP.txt"
app="$RESULTS_DIR/start-vs-bare-$STAMP.app"
machine_description | tee "$out"
echo "commit: $(git -C "$ROOT_DIR" rev-parse --short HEAD)$(git -C "$ROOT_DIR" diff --quiet || echo ' (uncommitted changes)')${BROKER_JAR:+ (broker jar: $BROKER_JAR)}" | tee -a "$out"
echo "broker: bin/aot-cache.sh run (flags: ${BROKER_JVM_FLAGS:-as in the image}) --spring.profiles.active=demo ${BROKER_ARGS:-}" | tee -a "$out"
echo "bare: java -jar $(basename "$bare_jar")" | tee -a "$out"
"$ROOT_DIR/bin/aot-cache.sh" extract "$broker_jar" "$app" >/dev/null
"$ROOT_DIR/bin/aot-cache.sh" train "$app" >"$app.train.log" 2>&1
echo "AOT cache: $(du -h "$app/app.aot" | cut -f1)" | tee -a "$out"

PID=""
stop() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop EXIT

# Starts one JVM, sets MS (to the first 200) and RSS (kB), stops it again. In this shell, not
# a subshell: the next round starts only once this JVM has exited and freed its port.
measure() {
    local target="$1" port url start end
    # A JVM that has not started yet must not be answered for by one still stopping.
    if curl -s -o /dev/null "http://127.0.0.1:$BROKER_PORT/" || curl -s -o /dev/null "http://127.0.0.1:$BARE_PORT/"; then
        echo "port still in use" >&2; exit 1
    fi
    start=$(date +%s%N)
    if [[ "$target" == broker ]]; then
        port=$BROKER_PORT
        # shellcheck disable=SC2086
        "$ROOT_DIR/bin/aot-cache.sh" run "$app" --spring.profiles.active=demo --server.port="$port" \
            ${BROKER_ARGS:-} >"$out.broker.log" 2>&1 &
    else
        port=$BARE_PORT
        "$JAVA_HOME/bin/java" -jar "$bare_jar" --server.address=127.0.0.1 --server.port="$port" \
            --bare.body-length=163 >"$out.bare.log" 2>&1 &
    fi
    PID=$!
    url="http://127.0.0.1:$port/sessions/alertsite"
    until curl -fs -o /dev/null "$url"; do sleep 0.02; done
    end=$(date +%s%N)
    sleep "$SETTLE"
    MS=$(((end - start) / 1000000))
    RSS="$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")"
    stop
}

for round in $(seq 1 "$ROUNDS"); do
    order=(broker bare); if (( round % 2 == 0 )); then order=(bare broker); fi
    for target in "${order[@]}"; do
        load="$(cut -d' ' -f1 /proc/loadavg)"
        measure "$target"
        echo "round=$round target=$target load=$load first_answer_ms=$MS rss_kb=$RSS" | tee -a "$out"
    done
done
python3 - "$out" <<'EOF' | tee -a "$out"
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"round=(\d+) target=(\w+) load=([\d.]+) first_answer_ms=(\d+) rss_kb=(\d+)", line)
    if m:
        rows[(int(m[1]), m[2])] = (float(m[3]), int(m[4]), int(m[5]))
rounds = sorted({r for r, _ in rows})
pairs = [r for r in rounds if (r, "broker") in rows and (r, "bare") in rows]
def med(xs): return statistics.median(xs)
for i, name in ((1, "first answer ms"), (2, "RSS kB")):
    b = [rows[(r, "broker")][i] for r in pairs]; a = [rows[(r, "bare")][i] for r in pairs]
    ratios = [x / y for x, y in zip(b, a)]
    print(f"{name}: broker median {med(b):.0f} ({min(b)}-{max(b)}), bare median {med(a):.0f} ({min(a)}-{max(a)}), "
          f"ratio median {med(ratios):.2f} (pairs {min(ratios):.2f}-{max(ratios):.2f})")
print("load average per round: " + " ".join(f"{rows[(r, 'broker')][0]:.2f}" for r in pairs))
EOF
