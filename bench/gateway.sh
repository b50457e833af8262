#!/usr/bin/env bash
# Benchmark tier for the gateway: a proxied route and the composed single-article read through the
# gateway, each against the same request sent straight to article-service, in one run after a
# proper warm-up, on the embedded infrastructure. Not part of `./mvnw verify`. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/gateway.sh [--no-build] [--warmup SECONDS] [--duration SECONDS] [--rounds N]
                        [--connections N] [--threads N] [--articles N]
                        [--proxied-only] [--gateway-arg ARG]... [--gateway-jvm-arg ARG]...

  --no-build             use the jars already in */target (they are still copied first)
  --warmup SECONDS       load on each endpoint before counting (default 90)
  --duration SECONDS     one measured run of one endpoint (default 30)
  --rounds N             measured rounds; each round runs every endpoint once, direct
                         then through the gateway, back to back (default 2)
  --connections N        wrk connections (default 32)
  --threads N            wrk threads (default 2)
  --articles N           articles to seed (default 20)
  --proxied-only         measure only the proxied route (direct and through the gateway), not the
                         composed read: half the time, for trying one setting against another
  --gateway-arg ARG      an extra argument for the gateway's command line, e.g.
                         --gateway-arg=--spring.cloud.gateway.server.webflux.observability.enabled=true
                         (repeatable; for trying a setting without a rebuild)
  --gateway-jvm-arg ARG  an extra JVM option for the gateway only, e.g. -Dreactor.netty.ioWorkerCount=4
  --compare-gateway-arg ARG
                         also start a second gateway ("gateway B") with this extra argument (repeatable)
                         and measure its proxied route in the same rounds as the first, the order
                         alternating from round to round; the report gives B / A per round, e.g.
                         --compare-gateway-arg=--newsroom.route-metrics.enabled=false
                         (repeatable)
EOF
}

BUILD=1
# 90 s per endpoint: with 60 the gateway's JIT was still finishing during the first round on 2 cores.
WARMUP=90
DURATION=30
ROUNDS=2
CONNECTIONS=32
THREADS=2
ARTICLES=20
PROXIED_ONLY=0
GATEWAY_ARGS=()
COMPARE_ARGS=()
GATEWAY_JVM_ARGS=()
ORIGINAL_ARGS=("$@")

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --proxied-only) PROXIED_ONLY=1; shift ;;
        --warmup) positive_int "$1" "${2:-}"; WARMUP="$2"; shift 2 ;;
        --duration) positive_int "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
        --rounds) positive_int "$1" "${2:-}"; ROUNDS="$2"; shift 2 ;;
        --connections) positive_int "$1" "${2:-}"; CONNECTIONS="$2"; shift 2 ;;
        --threads) positive_int "$1" "${2:-}"; THREADS="$2"; shift 2 ;;
        --articles) positive_int "$1" "${2:-}"; ARTICLES="$2"; shift 2 ;;
        --gateway-arg=*) GATEWAY_ARGS+=("${1#--gateway-arg=}"); shift ;;
        --gateway-arg) [[ $# -ge 2 ]] || { echo "$1 needs a value" >&2; exit 64; }; GATEWAY_ARGS+=("$2"); shift 2 ;;
        --gateway-jvm-arg=*) GATEWAY_JVM_ARGS+=("${1#--gateway-jvm-arg=}"); shift ;;
        --compare-gateway-arg=*) COMPARE_ARGS+=("${1#--compare-gateway-arg=}"); shift ;;
        --compare-gateway-arg) [[ $# -ge 2 ]] || { echo "$1 needs a value" >&2; exit 64; }; COMPARE_ARGS+=("$2"); shift 2 ;;
        --gateway-jvm-arg) [[ $# -ge 2 ]] || { echo "$1 needs a value" >&2; exit 64; }; GATEWAY_JVM_ARGS+=("$2"); shift 2 ;;
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

# The same JVM flags for every service and the gateway (fairness), as production would run them:
# full tiered JIT, not the local-suite launcher's fast-start flags.
SERVICE_JAVA_OPTS=(-Xmx512m -XX:+UseParallelGC)
MODULES=(embedded-infra user-service article-service comment-service gateway)

if (( BUILD )); then
    log "building ${MODULES[*]} (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am
fi
copy_jars "${MODULES[@]}"
ensure_wrk

claim_port KAFKA_PORT
claim_port MONGO_PORT
claim_port USER_PORT
claim_port ARTICLE_PORT
claim_port COMMENT_PORT
claim_port GATEWAY_PORT
(( ${#COMPARE_ARGS[@]} )) && claim_port GATEWAY_B_PORT
# trending-service is not started (no measured route goes there): the gateway is given a port on
# which nothing listens, as it would be told of a service that is down.
claim_port TRENDING_PORT

# ---------------------------------------------------------------------------------------------
# Start the broker, the store, three services and the gateway, each a separate JVM.
# ---------------------------------------------------------------------------------------------
start_infrastructure "$WORK/jars/embedded-infra.jar" "$KAFKA_PORT" "$MONGO_PORT"

USER_URL="http://127.0.0.1:$USER_PORT"
ARTICLE_URL="http://127.0.0.1:$ARTICLE_PORT"
COMMENT_URL="http://127.0.0.1:$COMMENT_PORT"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
start_service user-service "$USER_PORT" newsroom-users
start_service article-service "$ARTICLE_PORT" newsroom-articles
start_service comment-service "$COMMENT_PORT" newsroom-comments
TRENDING_URL="http://127.0.0.1:$TRENDING_PORT"
start_gateway "$GATEWAY_PORT"
if (( ${#COMPARE_ARGS[@]} )); then
    start_gateway "$GATEWAY_B_PORT" gateway-b "${COMPARE_ARGS[@]}"
fi
wait_http_ready user-service "$USER_PORT" 600
wait_http_ready article-service "$ARTICLE_PORT" 600
wait_http_ready comment-service "$COMMENT_PORT" 600
wait_http_ready gateway "$GATEWAY_PORT" 600
(( ${#COMPARE_ARGS[@]} )) && wait_http_ready gateway-b "$GATEWAY_B_PORT" 600

# ---------------------------------------------------------------------------------------------
# Seed straight to the services (a cold service can take longer than the gateway's 5 s call
# timeout on its first writes): one user, ARTICLES articles, one slug to read. Then check through
# the gateway that it answers what the service does, with the author's profile added.
# ---------------------------------------------------------------------------------------------
register_user "$USER_URL"
seed_articles "$ARTICLE_URL" "$ARTICLES"
TAGS_DIRECT=$(curl -sS --fail-with-body --max-time 30 "$ARTICLE_URL/api/tags")
TAGS_GATEWAY=$(through_gateway /api/tags)
[[ "$TAGS_DIRECT" == "$TAGS_GATEWAY" ]] || {
    echo "the gateway's /api/tags differs from article-service's: $TAGS_GATEWAY vs $TAGS_DIRECT" >&2
    exit 1
}
READ_GATEWAY=$(through_gateway "/api/articles/$SLUG" -D "$WORK/read-headers.txt")
[[ "$READ_GATEWAY" == *'"username":"'"$BENCH_USER"'"'* ]] || {
    echo "the gateway's read has no author profile: $READ_GATEWAY" >&2
    exit 1
}
if grep -qi '^X-Newsroom-Degraded' "$WORK/read-headers.txt"; then
    echo "the gateway's read came back degraded (no profiles)" >&2
    exit 1
fi
curl -sS --fail-with-body --max-time 30 -o /dev/null "$ARTICLE_URL/api/articles/$SLUG"
log "seeded; /api/tags is ${#TAGS_DIRECT} bytes, reading slug '$SLUG'"

# ---------------------------------------------------------------------------------------------
# Load: warm every endpoint, then measure each pair (direct, then gateway) back to back, ROUNDS times.
# ---------------------------------------------------------------------------------------------
ENDPOINT_NAMES=("GET /api/tags" "GET /api/tags" "GET /api/articles/{slug}" "GET /api/articles/{slug}")
ENDPOINT_ROUTES=("direct" "gateway (proxied route)" "direct (no profile)" "gateway (composed)")
ENDPOINT_URLS=("$ARTICLE_URL/api/tags" "$GATEWAY_URL/api/tags"
    "$ARTICLE_URL/api/articles/$SLUG" "$GATEWAY_URL/api/articles/$SLUG")
if (( PROXIED_ONLY )); then
    ENDPOINT_NAMES=("${ENDPOINT_NAMES[@]:0:2}")
    ENDPOINT_ROUTES=("${ENDPOINT_ROUTES[@]:0:2}")
    ENDPOINT_URLS=("${ENDPOINT_URLS[@]:0:2}")
fi
PAIRS=("0 1 proxied route  GET /api/tags           ")
(( PROXIED_ONLY )) || PAIRS+=("2 3 composed read  GET /api/articles/{slug}")
if (( ${#COMPARE_ARGS[@]} )); then
    ENDPOINT_NAMES+=("GET /api/tags")
    ENDPOINT_ROUTES+=("gateway B (proxied route)")
    ENDPOINT_URLS+=("http://127.0.0.1:$GATEWAY_B_PORT/api/tags")
    B_INDEX=$(( ${#ENDPOINT_URLS[@]} - 1 ))
    PAIRS+=("0 $B_INDEX proxied route B GET /api/tags           ")
fi

LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "warm-up ${WARMUP}s: ${ENDPOINT_NAMES[$i]}, ${ENDPOINT_ROUTES[$i]}"
    run_wrk "$WARMUP" "${ENDPOINT_URLS[$i]}" "$WORK/warmup-$i.txt"
    alive_or_die
done

declare -A RESULT_FOREIGN
for (( r=1; r<=ROUNDS; r++ )); do
    # With a gateway B, every other round runs the endpoints in reverse order, so that neither
    # gateway is always measured first (a machine's speed drifts over a run).
    ORDER=($(seq 0 $(( ${#ENDPOINT_URLS[@]} - 1 ))))
    if (( ${#COMPARE_ARGS[@]} && r % 2 == 0 )); then
        ORDER=($(seq $(( ${#ENDPOINT_URLS[@]} - 1 )) -1 0))
    fi
    for i in "${ORDER[@]}"; do
        log "round $r/$ROUNDS, measuring ${DURATION}s: ${ENDPOINT_NAMES[$i]}, ${ENDPOINT_ROUTES[$i]}"
        measure "$DURATION" "${ENDPOINT_URLS[$i]}" "$WORK/measure-$r-$i.txt"
        RESULT_FOREIGN[$r-$i]="$FOREIGN_CPU"
    done
done

# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------
COMMAND="bench/gateway.sh"
(( ${#ORIGINAL_ARGS[@]} )) && COMMAND+=" ${ORIGINAL_ARGS[*]}"

echo
echo "== gateway benchmark =="
print_machine with-wrk
echo "processes:  gateway, user-service, article-service, comment-service, each ${SERVICE_JAVA_OPTS[*]}; embedded Kafka (KRaft), mongo-java-server --in-memory"
echo "            all of them and wrk share the machine's $(nproc) cores: a request through the gateway costs CPU in wrk, the gateway and the service alike"
echo "gateway:    rate limit on (budget $RATE_LIMIT a second, never reached); extra args: $(x="${GATEWAY_JVM_ARGS[*]:-} ${GATEWAY_ARGS[*]:-}"; x="${x# }"; echo "${x:-none}")"
(( ${#COMPARE_ARGS[@]} )) && echo "gateway B:  the same, and also: ${COMPARE_ARGS[*]}"
echo "seed:       $ARTICLES articles; /api/tags answers ${#TAGS_DIRECT} bytes; slug $SLUG"
echo "load:       wrk -t$THREADS -c$CONNECTIONS --latency on 127.0.0.1, ${WARMUP}s warm-up per endpoint, then $ROUNDS round(s) of ${DURATION}s per endpoint, direct and gateway back to back"
echo "reproduce:  $COMMAND"
echo
printf '| %5s | %-24s | %-23s | %10s | %9s | %9s | %8s | %6s | %9s |\n' \
    round endpoint route "requests/s" p50 p99 requests errors "other CPU"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "-------" "$(printf -- '-%.0s' $(seq 1 26))" \
    "$(printf -- '-%.0s' $(seq 1 25))" "------------" "-----------" "-----------" "----------" "--------" "-----------"
for (( r=1; r<=ROUNDS; r++ )); do
    for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
        f="$WORK/measure-$r-$i.txt"
        printf '| %5s | %-24s | %-23s | %10s | %9s | %9s | %8s | %6s | %9s |\n' \
            "$r" "${ENDPOINT_NAMES[$i]}" "${ENDPOINT_ROUTES[$i]}" "$(rps "$f")" "$(percentile 50 "$f")" \
            "$(percentile 99 "$f")" "$(total_requests "$f")" "$(errors "$f")" "${RESULT_FOREIGN[$r-$i]}"
    done
done
echo
echo "gateway / direct, per round (requests/s; p99 latency):"
for (( r=1; r<=ROUNDS; r++ )); do
    for pair in "${PAIRS[@]}"; do
        read -r d g label <<<"$pair"
        printf '  round %s, %s: throughput %s, p99 %s x\n' "$r" "$label" \
            "$(ratio "$(rps "$WORK/measure-$r-$g.txt")" "$(rps "$WORK/measure-$r-$d.txt")")" \
            "$(ratio "$(to_ms "$(percentile 99 "$WORK/measure-$r-$g.txt")")" \
                     "$(to_ms "$(percentile 99 "$WORK/measure-$r-$d.txt")")")"
    done
done
if (( ${#COMPARE_ARGS[@]} )); then
    echo
    echo "gateway B / gateway A, proxied route, requests/s per round (B: ${COMPARE_ARGS[*]}):"
    for (( r=1; r<=ROUNDS; r++ )); do
        printf '  round %s: %s\n' "$r" "$(ratio "$(rps "$WORK/measure-$r-$B_INDEX.txt")" "$(rps "$WORK/measure-$r-1.txt")")"
    done
fi
echo
echo "other CPU: share of the machine's CPU time used by processes other than this benchmark's"
echo "JVMs and wrk during that measured run (a concurrent build or test run shows up here; above a"
echo "few % the figures are disturbed: run again on a quiet machine)."
echo "load average before the warm-up: $LOADAVG_BEFORE; after the last run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
for (( r=1; r<=ROUNDS; r++ )); do
    for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
        if [[ "$(errors "$WORK/measure-$r-$i.txt")" != 0 ]]; then
            echo "warning: round $r, ${ENDPOINT_NAMES[$i]} (${ENDPOINT_ROUTES[$i]}) had errors; wrk said:" >&2
            cat "$WORK/measure-$r-$i.txt" >&2
        fi
    done
done
SUCCESS=1
