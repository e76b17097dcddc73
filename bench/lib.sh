# Shared by the bench scripts: builds the benchmark build (bench/pom.xml, which compiles the
# application's sources with the benchmark code) and sets CP to its class path.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
RESULTS_DIR="$BENCH_DIR/results"
mkdir -p "$RESULTS_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"

# The same flags for every JVM the benchmarks start (broker and control share one JVM anyway).
BENCH_JVM_FLAGS="${BENCH_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseG1GC}"

build_bench() {
    if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
        (cd "$BENCH_DIR" && "$ROOT_DIR/mvnw" -B -q -f "$BENCH_DIR/pom.xml" package -DskipTests)
    fi
    CP="$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt")"
}

# Starts the broker on loopback; sets BROKER_PID. Arguments are passed to the application.
start_broker() {
    local log="$1"; shift
    # shellcheck disable=SC2086
    java $BENCH_JVM_FLAGS -cp "$CP" dev.sessionbroker.SessionBrokerApplication \
        --server.address=127.0.0.1 "$@" >"$log" 2>&1 &
    BROKER_PID=$!
    trap 'stop_broker' EXIT
}

stop_broker() {
    if [[ -n "${BROKER_PID:-}" ]] && kill -0 "$BROKER_PID" 2>/dev/null; then
        kill "$BROKER_PID"
        wait "$BROKER_PID" 2>/dev/null || true
    fi
}

# The broker's runtime is Java 25 (README.md, "Java 25"): JAVA_HOME if it is a JDK 25+, else
# the first JDK 25+ under /usr/lib/jvm. Both the broker and the bare app run on it.
use_jdk25() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
            && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
            export JAVA_HOME="$candidate" PATH="$candidate/bin:$PATH"
            return 0
        fi
    done
    echo "no JDK 25+ in JAVA_HOME or /usr/lib/jvm" >&2
    return 1
}

use_jdk25

wait_for() {
    local url="$1"
    for _ in $(seq 1 600); do
        if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "no answer from $url" >&2
    return 1
}

machine_description() {
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
    echo "jdk: $(java -version 2>&1 | sed -n 2p)"
    echo "jvm flags: $BENCH_JVM_FLAGS"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
