#!/usr/bin/env bash
# In-process hot path: SessionBroker.lease on a cached session, 1, 2 and 4 threads (JMH).
# Arguments replace the default run options, e.g. ./bench/jmh.sh -f 1 -wi 2 -i 3 for a quicker run.
source "$(dirname "$0")/lib.sh"
build_bench
out="$RESULTS_DIR/jmh-$STAMP"
if [[ $# -eq 0 ]]; then set -- -f 2 -wi 3 -w 2s -i 5 -r 2s; fi
machine_description | tee "$out.txt"
# shellcheck disable=SC2086
java $BENCH_JVM_FLAGS -cp "$CP" org.openjdk.jmh.Main CachedLeaseBenchmark "$@" -prof gc -rf json -rff "$out.json" \
    | tee -a "$out.txt"
grep -E '^(Benchmark|CachedLeaseBenchmark\.[A-Za-z0-9]+(:gc\.alloc\.rate\.norm)? )' "$out.txt"
