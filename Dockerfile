# syntax=docker/dockerfile:1.7
#
# One image recipe for every service; pick the module with --build-arg SERVICE=<module>, and give the
# port it listens on with --build-arg PORT=<port> and its management port (health, metrics) with
# --build-arg MANAGEMENT_PORT=<port> (docker-compose.yml passes all three):
#   docker build --build-arg SERVICE=user-service --build-arg PORT=8081 --build-arg MANAGEMENT_PORT=9081 \
#     -t newsroom/user-service .

FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
# Maven reads every module's pom before it can select one, so the whole tree goes in
# (.dockerignore keeps build output and local state out).
COPY . .
# The cache mount keeps the dependency downloads between builds of the five services.
RUN --mount=type=cache,target=/root/.m2 \
    : "${SERVICE:?pass --build-arg SERVICE=<module>}" \
 && mvn -B --no-transfer-progress -pl "${SERVICE}" -am -DskipTests package \
 && mkdir -p /out \
 && cp "${SERVICE}/target/${SERVICE}"-*.jar /out/app.jar

FROM eclipse-temurin:17-jre
ARG SERVICE
ARG PORT=8080
ARG MANAGEMENT_PORT=9080
# PORT is also what the service binds to (server.port reads it), so EXPOSE can never disagree with
# the port the process actually listens on. MANAGEMENT_PORT likewise (management.server.port reads
# it), so the health check asks the port the actuator is on. It is not EXPOSEd: health, metrics and
# dead-letter re-drives are for the network's operators and Prometheus, and `docker run -P` would
# publish it.
ENV PORT=${PORT}
ENV MANAGEMENT_PORT=${MANAGEMENT_PORT}
# At most two malloc arenas: the default (eight per core) lets a JVM's many threads keep native
# memory nobody uses. The heap and GC come from JAVA_TOOL_OPTIONS (docker-compose.yml,
# deploy/jvm-options.properties); without it the heap follows the container's limit.
ENV MALLOC_ARENA_MAX=2
LABEL org.opencontainers.image.title="newsroom-${SERVICE}"

RUN groupadd --system --gid 10001 newsroom \
 && useradd --system --uid 10001 --gid newsroom --home-dir /app --no-create-home --shell /usr/sbin/nologin newsroom

# Readiness on the management port over bash's /dev/tcp: the JRE image has neither curl nor wget,
# and a bare TCP connect would call a service healthy before its MongoDB and Kafka are reachable.
COPY --chmod=755 <<'EOF' /usr/local/bin/healthcheck
#!/bin/bash
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${MANAGEMENT_PORT}"
printf 'GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3
[[ "${status}" =~ ^HTTP/1\.[01]\ 200 ]]
EOF

WORKDIR /app
COPY --from=build --chown=10001:10001 /out/app.jar /app/app.jar
USER 10001:10001
EXPOSE ${PORT}

HEALTHCHECK --interval=10s --timeout=6s --start-period=60s --retries=6 CMD ["/usr/local/bin/healthcheck"]

# Heap follows the container's memory limit instead of the host's; an OutOfMemoryError ends the
# process so the orchestrator restarts it rather than leaving a half-working JVM. Exec form keeps
# java as PID 1, so SIGTERM reaches Spring's graceful shutdown. JAVA_TOOL_OPTIONS adds flags.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
