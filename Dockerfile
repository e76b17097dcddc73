# syntax=docker/dockerfile:1
# Session Broker image: built with the Maven wrapper, run from Spring Boot's extracted
# layers so that a code change rebuilds only the small "application" layer.
#   docker build -t session-broker .
#   docker run --rm -p 8080:8080 -e SPRING_PROFILES_ACTIVE=demo session-broker
ARG JAVA_VERSION=25

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
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

FROM eclipse-temurin:${JAVA_VERSION}-jre-noble
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
# Extra JVM flags: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
