#!/usr/bin/env bash
# Storm, isolation and footprint benchmarks (Java harness, loopback only):
#   ./bench/harness.sh herd|refresh|isolation|footprint|replicas
# Each starts an AlertSite-shaped stub vendor in the harness JVM and the broker in its own JVM.
source "$(dirname "$0")/lib.sh"
scenario="${1:?usage: harness.sh herd|refresh|isolation|footprint|replicas}"
build_bench
out="$RESULTS_DIR/$scenario-$STAMP.txt"
machine_description | tee "$out"
export BENCH_JVM_FLAGS
java -Xmx1g -cp "$CP" ${HARNESS_OPTS:-} dev.sessionbroker.bench.Harness "$scenario" "$RESULTS_DIR/$scenario-$STAMP" | tee -a "$out"
