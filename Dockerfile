# syntax=docker/dockerfile:1
# Session Broker image: built with the Maven wrapper, run from Spring Boot's extracted
# layers so that a code change rebuilds only the small "application" layer.
#   docker build -t session-broker .
#   docker run --rm -p 8080:8080 -e SPRING_PROFILES_ACTIVE=demo session-broker
#
# Java 17 in both stages: the version every test runs on (pom.xml java.version, CI's JDK),
# so the image runs exactly what was tested; a newer runtime would change GC, memory and
# TLS defaults under the tests' feet.
# Base images are pinned by digest (multi-platform index), tag in the comment; the digests
# are those docker-library/repo-info recorded for the tags (Temurin 17.0.20+8, Ubuntu 24.04,
# 2026-09). To move to a newer patch release, read the tag's current digest with
#   docker buildx imagetools inspect eclipse-temurin:17-jre-noble
# (the "Digest:" line) and replace it here; a rebuild never drifts by itself.

# eclipse-temurin:17-jdk-noble
FROM eclipse-temurin@sha256:c2c0deda43a14dea9d5c6c5349d22538c385c7d678d03dc6a133fe0656ed0d64 AS build
WORKDIR /build
# The wrapper fetches Maven with curl or wget; install curl only if the base image lacks both.
RUN if ! command -v curl >/dev/null && ! command -v wget >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*; \
    fi
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# Tests run in CI (.ci/run), not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests package \
    && cp target/session-broker-*.jar app.jar \
    && java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted \
    && mkdir -p extracted/dependencies extracted/spring-boot-loader \
                extracted/snapshot-dependencies extracted/application

# eclipse-temurin:17-jre-noble
FROM eclipse-temurin@sha256:76bf6d763e84e4d286d5ee3df61e4adeca214977f83c7d8d2327b93db582dd9d
RUN groupadd --system --gid 10001 broker \
    && useradd --system --uid 10001 --gid broker --no-create-home --home-dir /nonexistent \
               --shell /usr/sbin/nologin broker
WORKDIR /app
# Least-changing layers first. Files stay owned by root: the service cannot rewrite itself.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# The broker defaults to loopback (it hands out credentials); a container is reached
# through its network namespace, so it listens on every interface here and only here.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080
EXPOSE 8080
# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
# No HEALTHCHECK: Kubernetes probes /actuator/health/liveness and /readiness.
# Heap: half the container's memory limit. The JVM commits ~195 MiB outside the heap at
# steady state (docs/operations.md, "Memory"), so 75% of a 512 MiB limit would let a full
# heap push the container past it. Extra JVM flags: the Helm chart passes an argument file
# (java @/config/jvm.options), which prints nothing; JDK_JAVA_OPTIONS works too, but the
# launcher then writes a "NOTE: Picked up JDK_JAVA_OPTIONS" line to stderr.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
