# syntax=docker/dockerfile:1
# Session Broker image: built with the Maven wrapper, run from Spring Boot's extracted
# layers so that a code change rebuilds only the small "application" layer.
#   docker build -t session-broker .
#   docker run --rm -p 8080:8080 -e SPRING_PROFILES_ACTIVE=demo session-broker
#
# Java 25 in both stages: the version the build compiles for and every test runs on
# (pom.xml java.version, its JDK 25 toolchain), so the image runs exactly what was tested.
# Base images are pinned by digest (multi-platform index), tag in the comment; the digests
# are those docker-library/repo-info recorded for the tags (Temurin 25.0.4+7, Ubuntu 24.04,
# 2026-09). To move to a newer patch release, read the tag's current digest with
#   docker buildx imagetools inspect eclipse-temurin:25-jre-noble
# (the "Digest:" line) and replace it here; a rebuild never drifts by itself. Both stages
# must be the same JDK release: the AOT cache made in the runtime stage is only used by the
# JVM build that made it.

# eclipse-temurin:25-jdk-noble
FROM eclipse-temurin@sha256:264fafc3390db78c93dc51da0109a0d66ad1fb59f7a893f12b7e3df1f15e52da AS build
WORKDIR /build
# The wrapper fetches Maven with curl or wget; install curl only if the base image lacks both.
RUN if ! command -v curl >/dev/null && ! command -v wget >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*; \
    fi
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
COPY bin/aot-cache.sh bin/
# Tests run in CI (.ci/run), not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
    && bin/aot-cache.sh extract --layers target/session-broker-*.jar extracted \
    && mkdir -p extracted/dependencies extracted/spring-boot-loader \
                extracted/snapshot-dependencies extracted/application

# eclipse-temurin:25-jre-noble
FROM eclipse-temurin@sha256:d120abd9d8d7dec94520ce974ece62d0e4eed8576eb00bbc84e6128307ab48ef
RUN groupadd --system --gid 10001 broker \
    && useradd --system --uid 10001 --gid broker --no-create-home --home-dir /nonexistent \
               --shell /usr/sbin/nologin broker
WORKDIR /app
# Least-changing layers first. Files stay owned by root: the service cannot rewrite itself.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The AOT cache (bin/aot-cache.sh train): one training run of the files just copied, in the
# place they run from, writes app.aot (classes already parsed, verified and linked); every
# start reads it (-XX:AOTCache below) and reaches its first answer in about half the time
# (bench/RESULTS.md, section 13). It must be made here, after the last COPY of a jar: the
# JVM ignores a cache whose class path files changed. About 100 MB, in a layer of its own.
COPY --from=build /build/bin/aot-cache.sh /usr/local/bin/
RUN aot-cache.sh train /app
# The broker defaults to loopback (it hands out credentials); a container is reached
# through its network namespace, so it listens on every interface here and only here.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080
EXPOSE 8080
# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
# No HEALTHCHECK: Kubernetes probes /actuator/health/liveness and /readiness.
# Heap: at most half the container's memory limit, starting at 64 MB (about twice the live set
# after start-up, not 1/64 of the host's RAM); the serial collector, which the JVM itself picks in
# the chart's limit and which commits almost nothing beside the heap. Why and the budget:
# docs/operations.md, "Memory". Extra JVM flags: the Helm chart passes an argument file
# (java @/config/jvm.options), which prints nothing; JDK_JAVA_OPTIONS works too, but the
# launcher then writes a "NOTE: Picked up JDK_JAVA_OPTIONS" line to stderr.
# The flags are bin/aot-cache.sh's IMAGE_JVM_FLAGS (the training run uses the same).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-Xms64m", "-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
