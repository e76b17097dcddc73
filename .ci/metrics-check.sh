#!/usr/bin/env bash
# Prometheus's own linter over the broker's metrics: starts the packaged jar (built by
# ./mvnw -B verify) with the demo vendors on 127.0.0.1, makes a few logins, refreshes and
# proxied calls so that every kind of broker meter has samples, scrapes
# /actuator/prometheus and runs `promtool check metrics` on it. Any finding on a broker_*
# metric fails; findings on other meters (JVM, Tomcat, HTTP server: Spring Boot's) are shown.
# The scrape is kept in target/metrics-check/scrape.txt and handed to .ci/alerts-check.sh,
# which checks the chart's alert rules and Grafana dashboard against it.
#
# promtool is in Debian's "prometheus" package, installed with apt-get when missing. When it
# cannot be had, this fails under CI=true and only warns (skipping the check) elsewhere, as
# helm/ci-check.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '%s\n' "$*"; }
die() { printf '.ci/metrics-check.sh: FAILED: %s\n' "$*" >&2; exit 1; }
# The broker is Java 25 bytecode (README.md, "Java 25"); the default java may be 17. JAVA_HOME
# if it is a JDK 25+, else the first one under /usr/lib/jvm, as the build's toolchain finds it.
java25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    if [[ -n "$candidate" && -x "$candidate/bin/java" ]] \
        && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      printf '%s\n' "$candidate/bin/java"
      return 0
    fi
  done
  die "no JDK 25+ in JAVA_HOME or /usr/lib/jvm"
}
unavailable() {
  if [[ "${CI:-}" == "true" ]]; then
    die "$1 (required in CI)"
  fi
  printf '.ci/metrics-check.sh: WARNING: %s; skipping the promtool check (required when CI=true)\n' "$1" >&2
  exit 0
}

if ! command -v promtool >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
    log "installing promtool: apt-get install prometheus"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus; } \
      >/tmp/metrics-check-apt.log 2>&1 || { tail -20 /tmp/metrics-check-apt.log >&2; unavailable "apt-get install prometheus failed"; }
  fi
  command -v promtool >/dev/null 2>&1 || unavailable "promtool is not installed (Debian package prometheus)"
fi

shopt -s nullglob
jars=(target/session-broker-*.jar)
[[ ${#jars[@]} == 1 ]] || die "expected one target/session-broker-*.jar (run ./mvnw -B verify first)"

WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18481)"
"$(java25)" -jar "${jars[0]}" --spring.profiles.active=demo --server.address=127.0.0.1 --server.port="$PORT" \
  >"$WORK/broker.log" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 90); do
  curl -fs -o /dev/null "$BASE/actuator/health/readiness" && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/broker.log" >&2; die "the broker did not start"; }
  sleep 1
done
curl -fs -o /dev/null "$BASE/actuator/health/readiness" || { tail -50 "$WORK/broker.log" >&2; die "the broker is not ready"; }

for vendor in alertsite infiniteblue revulytics appviewx; do
  curl -s -o /dev/null "$BASE/sessions/$vendor"
  curl -s -o /dev/null "$BASE/proxy/$vendor/sample"
done
curl -s -o /dev/null -X POST "$BASE/sessions/alertsite/refresh"
curl -s -o /dev/null "$BASE/sessions/no-such-vendor"
curl -fs "$BASE/actuator/prometheus" >"$WORK/scrape.txt" || die "could not scrape /actuator/prometheus"
grep -q '^broker_login_attempts_total{' "$WORK/scrape.txt" || die "no broker meters in the scrape"
# Kept for the alert rules and dashboard check below, and for a look after a failed build.
mkdir -p target/metrics-check
cp "$WORK/scrape.txt" target/metrics-check/scrape.txt

# promtool exits non-zero on any finding; its findings are what matters.
promtool check metrics <"$WORK/scrape.txt" >"$WORK/promtool.txt" 2>&1 || true
broker="$(grep -E '^broker_' "$WORK/promtool.txt" || true)"
others="$(grep -vE '^broker_' "$WORK/promtool.txt" || true)"
if [[ -n "$others" ]]; then
  log "promtool findings on Spring Boot's own meters (not the broker's):"
  printf '%s\n' "$others" | sed 's/^/  /'
fi
if [[ -n "$broker" ]]; then
  printf '%s\n' "$broker" >&2
  die "promtool check metrics reports the broker's meters"
fi
log "promtool check metrics: nothing on the broker's $(grep -c '^broker_' "$WORK/scrape.txt") broker_* samples ($(promtool --version 2>&1 | head -1))"

# The chart's alert rules and dashboard (helm/session-broker/files) against this scrape.
bash .ci/alerts-check.sh target/metrics-check/scrape.txt
