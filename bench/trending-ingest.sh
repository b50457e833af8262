#!/usr/bin/env bash
# Benchmark tier for trending-service: sustained ingest of article view events, consumer lag and
# freshness (produce -> visible through the API) at a controlled rate, on the embedded
# infrastructure (Kafka broker + in-memory mongo-java-server). Not part of `./mvnw verify`.
# See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/trending-ingest.sh [--no-build] [--rate N] [--warmup SECONDS] [--duration SECONDS]
                                [--articles N] [--viewers N] [--instances N]

  --no-build          use the jars already in */target (they are still copied first)
  --rate N            view events produced per second (default 25000)
  --warmup SECONDS    load before counting (default 60)
  --duration SECONDS  measured period (default 60)
  --articles N        articles the views spread over, skewed (default 1000)
  --viewers N         distinct viewer keys (default 200000)
  --instances N       trending-service instances in one consumer group, sharing the topic's 3
                      partitions (1-3, default 1); freshness is the time until every
                      instance's API counts a probe view
USAGE
}

BUILD=1
RATE=25000
WARMUP=60
DURATION=60
ARTICLES=1000
VIEWERS=200000
INSTANCES=1
ORIGINAL_ARGS=("$@")

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --rate) positive_int "$1" "${2:-}"; RATE="$2"; shift 2 ;;
        --warmup) positive_int "$1" "${2:-}"; WARMUP="$2"; shift 2 ;;
        --duration) positive_int "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
        --articles) positive_int "$1" "${2:-}"; ARTICLES="$2"; shift 2 ;;
        --viewers) positive_int "$1" "${2:-}"; VIEWERS="$2"; shift 2 ;;
        --instances) positive_int "$1" "${2:-}"; INSTANCES="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done

if (( INSTANCES > 3 )); then
    echo "--instances: at most 3 (the topic's partitions; a fourth consumer would sit idle)" >&2
    exit 64
fi

bench_begin
cd "$ROOT"
SERVICE_JAVA_OPTS=(-Xmx768m -XX:+UseParallelGC)

if (( BUILD )); then
    log "building embedded-infra and trending-service (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl embedded-infra,trending-service -am
fi
copy_jars embedded-infra trending-service
TRENDING_JAR="$WORK/jars/trending-service.jar"
# The load generator's classpath: the Kafka client and what it needs, from the service's own jar.
mkdir -p "$WORK/lib"
(cd "$WORK/lib" && unzip -qq "$TRENDING_JAR" 'BOOT-INF/lib/*')
LOAD_CLASSPATH="$WORK/lib/BOOT-INF/lib/*"

claim_port KAFKA_PORT
claim_port MONGO_PORT
start_infrastructure "$WORK/jars/embedded-infra.jar" "$KAFKA_PORT" "$MONGO_PORT"
TRENDING_PORTS=()
for (( instance = 1; instance <= INSTANCES; instance++ )); do
    claim_port TRENDING_PORT
    TRENDING_PORTS+=("$TRENDING_PORT")
    name=trending-service
    (( instance > 1 )) && name+="-$instance"
    start "$name" env PORT="$TRENDING_PORT" MANAGEMENT_PORT=0 \
        MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-trending" \
        KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
        USER_SERVICE_URL="http://127.0.0.1:9" \
        "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$TRENDING_JAR"
done
for (( instance = 1; instance <= INSTANCES; instance++ )); do
    name=trending-service
    (( instance > 1 )) && name+="-$instance"
    wait_http_ready "$name" "${TRENDING_PORTS[instance - 1]}" 180
done
SERVICES=$(printf 'http://127.0.0.1:%s,' "${TRENDING_PORTS[@]}")
SERVICES=${SERVICES%,}

log "load: $RATE views/s, ${WARMUP}s warm-up, ${DURATION}s measured"
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$JAVA" -Xmx512m -Dlogback.configurationFile="$ROOT/bench/load-generator-logback.xml" \
    -cp "$LOAD_CLASSPATH" bench/TrendingIngest.java \
    --bootstrap "127.0.0.1:$KAFKA_PORT" --service "$SERVICES" \
    --rate "$RATE" --warmup "$WARMUP" --duration "$DURATION" --articles "$ARTICLES" --viewers "$VIEWERS" \
    --pids "${PIDS[*]}" \
    >"$WORK/report.txt" &
LOAD_PID=$!
wait "$LOAD_PID"
LOAD_PID=""
alive_or_die

COMMAND="bench/trending-ingest.sh"
(( ${#ORIGINAL_ARGS[@]} )) && COMMAND+=" ${ORIGINAL_ARGS[*]}"
echo
echo "== trending-service ingest benchmark =="
print_machine
echo "setup:      $INSTANCES trending-service instance(s) in one group (${SERVICE_JAVA_OPTS[*]}), embedded Kafka (KRaft, 3 partitions), mongo-java-server --in-memory, load generator: all on this machine"
echo "load:       $RATE views/s over $ARTICLES articles (skewed), $VIEWERS viewer keys; ${WARMUP}s warm-up, ${DURATION}s measured"
echo "reproduce:  $COMMAND"
echo
cat "$WORK/report.txt"
echo
echo "trending-service's own account of its batches (logged every 30 s):"
for log_file in "$WORK"/trending-service*.log; do
    echo "  $(basename "$log_file" .log):"
    grep -h "Ingested" "$log_file" | sed 's/^.*: Ingested/    Ingested/' | tail -n 4
done
echo "load average before: $LOADAVG_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
SUCCESS=1
