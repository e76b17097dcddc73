#!/usr/bin/env bash
# In-process hot path: SessionBroker.lease on a cached session, 1, 2 and 4 threads (JMH).
# Extra arguments go to JMH, e.g. ./bench/jmh.sh -f 1 -i 3 for a quicker run.
source "$(dirname "$0")/lib.sh"
build_bench
out="$RESULTS_DIR/jmh-$STAMP"
machine_description | tee "$out.txt"
# shellcheck disable=SC2086
java $BENCH_JVM_FLAGS -cp "$CP" org.openjdk.jmh.Main CachedLeaseBenchmark \
    -f 2 -wi 3 -w 2s -i 5 -r 2s -prof gc -rf json -rff "$out.json" "$@" | tee -a "$out.txt"
