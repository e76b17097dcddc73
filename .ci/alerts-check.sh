#!/usr/bin/env bash
# The chart's alert rules and Grafana dashboard (helm/session-broker/files), checked as files:
#
#   - promtool check rules on alerts.yaml, and promtool test rules on alerts_test.yaml, which
#     must test every alert;
#   - every alert has a runbook_url docs/runbook.md#<alert in lower case> and that section;
#   - dashboard.json parses, and every query of the dashboard and of the rules names only
#     metrics that a real scrape has (.ci/query-metrics.mjs, after making sure it rejects a
#     query naming a metric the scrape does not have).
#
#   bash .ci/alerts-check.sh SCRAPE
#
# SCRAPE is an /actuator/prometheus answer of the demo broker: .ci/metrics-check.sh saves one
# in target/metrics-check/scrape.txt and calls this with it. Needs promtool (Debian package
# prometheus; .ci/metrics-check.sh installs it) and node. When either is missing, this fails
# under CI=true and only warns elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=helm/session-broker/files
RUNBOOK=docs/runbook.md

log() { printf '%s\n' "$*"; }
die() { printf '.ci/alerts-check.sh: FAILED: %s\n' "$*" >&2; exit 1; }
unavailable() {
  if [[ "${CI:-}" == "true" ]]; then
    die "$1 (required in CI)"
  fi
  printf '.ci/alerts-check.sh: WARNING: %s; skipping the alert and dashboard checks (required when CI=true)\n' "$1" >&2
  exit 0
}

scrape="${1:-}"
[[ -f "$scrape" ]] || die "usage: bash .ci/alerts-check.sh SCRAPE (an /actuator/prometheus answer)"
command -v promtool >/dev/null 2>&1 || unavailable "promtool is not installed (Debian package prometheus)"
command -v node >/dev/null 2>&1 || unavailable "node is not installed"

promtool check rules "$FILES/alerts.yaml" || die "promtool check rules $FILES/alerts.yaml"
# rule_files in the test file are relative to it.
promtool test rules "$FILES/alerts_test.yaml" || die "promtool test rules $FILES/alerts_test.yaml"

mapfile -t alerts < <(sed -n 's/^ *- alert: *\([A-Za-z0-9_]*\).*/\1/p' "$FILES/alerts.yaml")
[[ ${#alerts[@]} -gt 0 ]] || die "no alert in $FILES/alerts.yaml"
for alert in "${alerts[@]}"; do
  grep -q "alertname: $alert\$" "$FILES/alerts_test.yaml" || die "$alert has no test in $FILES/alerts_test.yaml"
  anchor="$(tr '[:upper:]' '[:lower:]' <<<"$alert")"
  grep -q "runbook_url: $RUNBOOK#$anchor\$" "$FILES/alerts.yaml" || die "$alert has no runbook_url $RUNBOOK#$anchor"
  grep -q "^## $alert\$" "$RUNBOOK" || die "$RUNBOOK has no section \"## $alert\""
done
log "alert rules: ${#alerts[@]} alerts, each tested by promtool test rules and with its runbook section"

# The name check must catch a metric the scrape does not have before its approval counts.
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
sed 's/broker_session_requests_total/broker_session_requestz_total/' "$FILES/dashboard.json" >"$WORK/dashboard.json"
if node .ci/query-metrics.mjs "$scrape" "$WORK/dashboard.json" "$FILES/alerts.yaml" >"$WORK/out.txt" 2>&1; then
  cat "$WORK/out.txt" >&2
  die ".ci/query-metrics.mjs accepted a dashboard querying broker_session_requestz_total"
fi
node .ci/query-metrics.mjs "$scrape" "$FILES/dashboard.json" "$FILES/alerts.yaml" ||
  die "the dashboard or the alert rules query metrics that the scrape does not have"
