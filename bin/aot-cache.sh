#!/usr/bin/env bash
# The broker started the way the image starts it: the jar extracted, one training run that
# writes a JDK 25 AOT cache (classes loaded and linked, method profiles), every later start
# reading that cache. The Dockerfile, the benchmarks and README.md ("Running without a
# container") all use these steps, so what is measured is what is shipped.
#
#   bin/aot-cache.sh extract <jar> <dir>            the jar's layers merged into <dir> (app.jar + lib/)
#   bin/aot-cache.sh extract --layers <jar> <dir>   one folder per layer, for the image's COPY steps
#   bin/aot-cache.sh train <dir>                    the training run: <dir>/app.aot
#   bin/aot-cache.sh run <dir> [app arguments...]   the broker, in the foreground (exec)
#
# Java: $JAVA_HOME/bin/java if JAVA_HOME is set, else java on the PATH; it must be 25 or newer,
# and the same JDK for train and run (a cache made by another JVM build is ignored, with a
# warning). JVM flags: BROKER_JVM_FLAGS, default the image's. The cache only fits the files it
# was trained on: re-run train after replacing any jar in <dir>.
#
# The training run starts the application context with the demo profile (built-in emulators,
# so it needs no vendor, secret or network) and exits once the context is refreshed, before
# Tomcat opens a port (-Dspring.context.exit=onRefresh): what it records is the start-up's
# class loading and linking, which is what the cache saves.
set -euo pipefail

# Keep in step with the Dockerfile's ENTRYPOINT and the chart's jvm.options (ContainerLaunchIT
# compares them). Why each flag: docs/operations.md, "Memory".
IMAGE_JVM_FLAGS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xms64m -XX:+ExitOnOutOfMemoryError"
JVM_FLAGS="${BROKER_JVM_FLAGS:-$IMAGE_JVM_FLAGS}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CACHE=app.aot

usage() { sed -n '7,10p' "$0" >&2; exit 2; }

case "${1:-}" in
    extract)
        shift
        layers=0
        if [[ "${1:-}" == "--layers" ]]; then layers=1; shift; fi
        (($# == 2)) || usage
        jar="$1" dir="$2"
        tmp="$(mktemp -d)"
        trap 'rm -rf "$tmp"' EXIT
        # The extracted application jar is named after the jar: app.jar, whatever the version.
        cp "$jar" "$tmp/app.jar"
        if ((layers)); then
            "$JAVA" -Djarmode=tools -jar "$tmp/app.jar" extract --layers --destination "$dir"
        else
            "$JAVA" -Djarmode=tools -jar "$tmp/app.jar" extract --layers --destination "$tmp/layers"
            mkdir -p "$dir"
            # The image's layer order; a layer may be empty (no snapshot dependencies).
            for layer in dependencies spring-boot-loader snapshot-dependencies application; do
                if [[ -d "$tmp/layers/$layer" ]]; then cp -R "$tmp/layers/$layer/." "$dir/"; fi
            done
        fi
        ;;
    train)
        (($# == 2)) || usage
        cd "$2"
        rm -f "$CACHE"
        # shellcheck disable=SC2086
        "$JAVA" $JVM_FLAGS -XX:AOTCacheOutput="$CACHE" -Dspring.context.exit=onRefresh \
            -jar app.jar --spring.profiles.active=demo --spring.main.banner-mode=off \
            --logging.level.root=warn
        test -s "$CACHE"
        ;;
    run)
        (($# >= 2)) || usage
        cd "$2"
        shift 2
        # shellcheck disable=SC2086
        exec "$JAVA" $JVM_FLAGS -XX:AOTCache="$CACHE" -jar app.jar "$@"
        ;;
    *)
        usage
        ;;
esac
