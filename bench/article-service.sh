#!/usr/bin/env bash
# Benchmark tier for article-service: single-article read and the default list, direct to the
# service on the embedded infrastructure (Kafka broker + in-memory mongo-java-server), measured
# with wrk after a proper warm-up. Not part of `./mvnw verify`. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/article-service.sh [--no-build] [--warmup SECONDS] [--duration SECONDS]
                                [--connections N] [--threads N] [--articles N]

  --no-build          use the jars already in */target (they are still copied first)
  --warmup SECONDS    load on each endpoint before counting (default 60)
  --duration SECONDS  measured run per endpoint (default 30)
  --connections N     wrk connections (default 32)
  --threads N         wrk threads (default 2)
  --articles N        articles to seed (default 200)
EOF
}

BUILD=1
WARMUP=60
DURATION=30
CONNECTIONS=32
THREADS=2
ARTICLES=200
ORIGINAL_ARGS=("$@")

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --warmup) positive_int "$1" "${2:-}"; WARMUP="$2"; shift 2 ;;
        --duration) positive_int "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
        --connections) positive_int "$1" "${2:-}"; CONNECTIONS="$2"; shift 2 ;;
        --threads) positive_int "$1" "${2:-}"; THREADS="$2"; shift 2 ;;
        --articles) positive_int "$1" "${2:-}"; ARTICLES="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done
if (( THREADS > CONNECTIONS )); then
    echo "--threads ($THREADS) must not exceed --connections ($CONNECTIONS)" >&2
    exit 64
fi

bench_begin
cd "$ROOT"

# The same JVM flags for both services, as production would run them (full tiered JIT, no
# -XX:TieredStopAtLevel=1 as the local-suite launcher uses for fast starts).
SERVICE_JAVA_OPTS=(-Xmx512m -XX:+UseParallelGC)

if (( BUILD )); then
    log "building embedded-infra, user-service, article-service (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl embedded-infra,user-service,article-service -am
fi
copy_jars embedded-infra user-service article-service
ensure_wrk

claim_port KAFKA_PORT
claim_port MONGO_PORT
claim_port USER_PORT
claim_port ARTICLE_PORT

# ---------------------------------------------------------------------------------------------
# Start the broker, the store and the two services, each a separate JVM.
# ---------------------------------------------------------------------------------------------
start_infrastructure "$WORK/jars/embedded-infra.jar" "$KAFKA_PORT" "$MONGO_PORT"

USER_URL="http://127.0.0.1:$USER_PORT"
ARTICLE_URL="http://127.0.0.1:$ARTICLE_PORT"
start user-service env PORT="$USER_PORT" MANAGEMENT_PORT=0 \
    MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-users" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    USER_SERVICE_URL="$USER_URL" \
    "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$WORK/jars/user-service.jar"
start article-service env PORT="$ARTICLE_PORT" MANAGEMENT_PORT=0 \
    MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-articles" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    USER_SERVICE_URL="$USER_URL" \
    "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$WORK/jars/article-service.jar"
wait_http_ready user-service "$USER_PORT" 180
wait_http_ready article-service "$ARTICLE_PORT" 180

# ---------------------------------------------------------------------------------------------
# Seed: one user, ARTICLES articles with a few tags, one slug to read.
# ---------------------------------------------------------------------------------------------
register_user "$USER_URL"
seed_articles "$ARTICLE_URL" "$ARTICLES"
COUNT=$(curl -sS --fail-with-body --max-time 30 "$ARTICLE_URL/api/articles" \
    | sed -n 's/.*"articlesCount":\([0-9]*\).*/\1/p')
log "seeded; articlesCount=$COUNT, reading slug '$SLUG'"
curl -sS --fail-with-body --max-time 10 -o /dev/null "$ARTICLE_URL/api/articles/$SLUG"

# ---------------------------------------------------------------------------------------------
# Load: warm every endpoint, then measure each one.
# ---------------------------------------------------------------------------------------------
ENDPOINT_NAMES=("GET /api/articles/{slug}" "GET /api/articles" "GET /livez")
ENDPOINT_URLS=("$ARTICLE_URL/api/articles/$SLUG" "$ARTICLE_URL/api/articles" "$ARTICLE_URL/livez")

LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "warm-up ${WARMUP}s: ${ENDPOINT_NAMES[$i]}"
    run_wrk "$WARMUP" "${ENDPOINT_URLS[$i]}" "$WORK/warmup-$i.txt"
    alive_or_die
done

RESULT_RPS=()
RESULT_FOREIGN=()
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "measuring ${DURATION}s: ${ENDPOINT_NAMES[$i]}"
    measure "$DURATION" "${ENDPOINT_URLS[$i]}" "$WORK/measure-$i.txt"
    RESULT_RPS+=("$(rps "$WORK/measure-$i.txt")")
    RESULT_FOREIGN+=("$FOREIGN_CPU")
done

# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------
COMMAND="bench/article-service.sh"
(( ${#ORIGINAL_ARGS[@]} )) && COMMAND+=" ${ORIGINAL_ARGS[*]}"
ROOF="${RESULT_RPS[2]}"

echo
echo "== article-service benchmark =="
print_machine with-wrk
echo "services:   user-service, article-service, each ${SERVICE_JAVA_OPTS[*]}; embedded Kafka (KRaft), mongo-java-server --in-memory"
echo "seed:       $ARTICLES articles (articlesCount=$COUNT), slug $SLUG"
echo "load:       wrk -t$THREADS -c$CONNECTIONS --latency, ${WARMUP}s warm-up per endpoint, then ${DURATION}s measured per endpoint, on 127.0.0.1 (same machine)"
echo "reproduce:  $COMMAND"
echo
printf '| %-31s | %10s | %9s | %9s | %8s | %7s | %11s | %9s |\n' \
    endpoint "requests/s" p50 p99 requests errors "of liveness" "other CPU"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' \
    "$(printf -- '-%.0s' $(seq 1 33))" "------------" "-----------" "-----------" "----------" "---------" "-------------" "-----------"
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    f="$WORK/measure-$i.txt"
    ratio=$(share "${RESULT_RPS[$i]}" "$ROOF")
    printf '| %-31s | %10s | %9s | %9s | %8s | %7s | %11s | %9s |\n' \
        "${ENDPOINT_NAMES[$i]}" "$(rps "$f")" "$(percentile 50 "$f")" "$(percentile 99 "$f")" \
        "$(total_requests "$f")" "$(errors "$f")" "$ratio" "${RESULT_FOREIGN[$i]}"
done
echo
echo "other CPU: share of the machine's CPU time used by processes other than this benchmark's"
echo "four JVMs and wrk during that measured run (a concurrent build or test run shows up here;"
echo "above a few % the figures are disturbed: run again on a quiet machine)."
echo "load average before the warm-up: $LOADAVG_BEFORE; after the last run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    if [[ "$(errors "$WORK/measure-$i.txt")" != 0 ]]; then
        echo "warning: ${ENDPOINT_NAMES[$i]} had errors; wrk said:" >&2
        cat "$WORK/measure-$i.txt" >&2
    fi
done
SUCCESS=1
