#!/usr/bin/env bash
# Benchmark tier for the read path (issue #18): story, comment-list, list and article-page reads
# through the gateway, each against the same read sent straight to the owning service, back to back
# in one run, one hot story and reads spread over all stories, anonymous and signed in; with each
# process's CPU per request and memory. Not part of `./mvnw verify`. See bench/README.md.
set -euo pipefail

ALL_PAIRS=(story-hot story-spread story-hot-signed story-spread-signed comments-hot list list-signed page)

usage() {
    cat <<EOF
usage: bench/read-path.sh [--no-build] [--only NAME[,NAME]...] [--warmup SECONDS] [--duration SECONDS]
                          [--rounds N] [--connections N] [--threads N] [--stories N]
                          [--service-jvm-arg ARG]... [--gateway-arg ARG]... [--gateway-jvm-arg ARG]...
                          [--jfr DIR] [--instances N]

  --no-build             use the jars already in */target (they are still copied first)
  --only NAME[,NAME]     measure only these pairs (default: all), of:
                           story-hot            GET /api/articles/{slug}, one hot story, anonymous
                           story-spread         the same, a random one of all stories per request
                           story-hot-signed     the hot story, signed in as a reader who follows the author
                           story-spread-signed  a random story per request, signed in
                           comments-hot         GET /api/articles/{slug}/comments of the hot story
                                                (5 comments), anonymous; direct is comment-service
                           list                 GET /api/articles?limit=20, anonymous
                           list-signed          the same, signed in
                           page                 GET /api/pages/articles/{slug} of the hot story through
                                                the gateway, against the direct story read
  --warmup SECONDS       load on each endpoint before any measured round, printed as requests/s
                         per 10 s so that one can see whether it had flattened (default: 60, or
                         300 / the number of pairs if that is more, so that the gateway is under
                         load for at least 5 minutes before the first measured round)
  --duration SECONDS     one measured run of one endpoint (default 30)
  --rounds N             measured rounds; each runs every endpoint once, direct then through the
                         gateway, back to back (default 2)
  --connections N        wrk connections (default 32)
  --threads N            wrk threads (default 2)
  --stories N            stories to seed (default 200)
  --service-jvm-arg ARG  an extra JVM option for every service and the gateway, after the sizing
                         in deploy/jvm-options.properties (so -Xmx256m overrides the heap; the
                         issue's own flags: -XX:-UseSerialGC -XX:+UseParallelGC -Xmx512m; repeatable)
  --gateway-arg ARG      an extra argument for the gateway's command line, e.g. a setting to try
                         without a rebuild (repeatable)
  --gateway-jvm-arg ARG  an extra JVM option for the gateway only (repeatable)
  --jfr DIR              record a JFR profile of every JVM during the measured rounds into DIR and
                         print each process's hottest methods
  --instances N          run N instances (1-3, default 1) of article- and comment-service, which
                         the gateway balances over; the direct reads go to the first instance, and
                         a service's CPU per request is the sum over its instances
EOF
}

BUILD=1
# Unless given: 60 s per endpoint, and at least 300 s of load on the gateway's side of the pairs in
# all (see "How long a benchmark must warm up, and why" in docs/benchmarks.md).
WARMUP=""
MIN_WARMUP=60
GATEWAY_WARMUP=300
WARMUP_SLICE=10
DURATION=30
ROUNDS=2
CONNECTIONS=32
THREADS=2
INSTANCES=1
STORIES=200
ONLY=""
JFR_DIR=""
SERVICE_JVM_ARGS=()
GATEWAY_ARGS=()
GATEWAY_JVM_ARGS=()
ORIGINAL_ARGS=("$@")

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

needs_value() { [[ $2 -ge 2 ]] || { echo "$1 needs a value" >&2; exit 64; }; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --only) needs_value "$1" $#; ONLY="$2"; shift 2 ;;
        --only=*) ONLY="${1#--only=}"; shift ;;
        --warmup) positive_int "$1" "${2:-}"; WARMUP="$2"; shift 2 ;;
        --duration) positive_int "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
        --rounds) positive_int "$1" "${2:-}"; ROUNDS="$2"; shift 2 ;;
        --connections) positive_int "$1" "${2:-}"; CONNECTIONS="$2"; shift 2 ;;
        --threads) positive_int "$1" "${2:-}"; THREADS="$2"; shift 2 ;;
        --stories) positive_int "$1" "${2:-}"; STORIES="$2"; shift 2 ;;
        --jfr) needs_value "$1" $#; JFR_DIR="$2"; shift 2 ;;
        --instances) positive_int "$1" "${2:-}"; INSTANCES="$2"; shift 2 ;;
        --service-jvm-arg=*) SERVICE_JVM_ARGS+=("${1#--service-jvm-arg=}"); shift ;;
        --service-jvm-arg) needs_value "$1" $#; SERVICE_JVM_ARGS+=("$2"); shift 2 ;;
        --gateway-arg=*) GATEWAY_ARGS+=("${1#--gateway-arg=}"); shift ;;
        --gateway-arg) needs_value "$1" $#; GATEWAY_ARGS+=("$2"); shift 2 ;;
        --gateway-jvm-arg=*) GATEWAY_JVM_ARGS+=("${1#--gateway-jvm-arg=}"); shift ;;
        --gateway-jvm-arg) needs_value "$1" $#; GATEWAY_JVM_ARGS+=("$2"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done
if (( THREADS > CONNECTIONS )); then
    echo "--threads ($THREADS) must not exceed --connections ($CONNECTIONS)" >&2
    exit 64
fi
if (( INSTANCES > 3 )); then
    echo "--instances: at most 3 (the topics' partitions, which the instances of a consumer group share)" >&2
    exit 64
fi
if (( STORIES < 20 )); then
    echo "--stories must be at least 20 (the list reads 20)" >&2
    exit 64
fi
SELECTED=("${ALL_PAIRS[@]}")
if [[ -n "$ONLY" ]]; then
    IFS=, read -r -a SELECTED <<<"$ONLY"
    for name in "${SELECTED[@]}"; do
        [[ " ${ALL_PAIRS[*]} " == *" $name "* ]] || {
            echo "--only: unknown name '$name' (known: ${ALL_PAIRS[*]})" >&2
            exit 64
        }
    done
fi
if [[ -z "$WARMUP" ]]; then
    WARMUP=$(( (GATEWAY_WARMUP + ${#SELECTED[@]} - 1) / ${#SELECTED[@]} ))
    (( WARMUP >= MIN_WARMUP )) || WARMUP=$MIN_WARMUP
fi
if [[ -n "$JFR_DIR" ]]; then
    mkdir -p "$JFR_DIR"
    JFR_DIR="$(cd "$JFR_DIR" && pwd)"
fi

bench_begin
cd "$ROOT"

# Every service and the gateway sized as docker-compose.yml runs them (deploy/jvm-options.properties:
# serial GC, the heap each needs), with the full tiered JIT, not the local-suite launcher's
# fast-start flags; --service-jvm-arg options come last and win.
use_measured_sizing
SERVICE_JVM_EXTRA=(${SERVICE_JVM_ARGS[@]+"${SERVICE_JVM_ARGS[@]}"})
MODULES=(embedded-infra user-service article-service comment-service trending-service gateway)

if (( BUILD )); then
    log "building ${MODULES[*]} (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am
fi
copy_jars "${MODULES[@]}"
ensure_wrk
ensure_package jq

claim_port KAFKA_PORT
claim_port MONGO_PORT
claim_port USER_PORT
claim_port ARTICLE_PORT
claim_port COMMENT_PORT
claim_port TRENDING_PORT
claim_port GATEWAY_PORT

# ---------------------------------------------------------------------------------------------
# Start the broker, the store, four services and the gateway, each a separate JVM. trending-service
# runs because the article page asks it for its popular box: without it the page would be degraded.
# ---------------------------------------------------------------------------------------------
start_infrastructure "$WORK/jars/embedded-infra.jar" "$KAFKA_PORT" "$MONGO_PORT"

USER_URL="http://127.0.0.1:$USER_PORT"
ARTICLE_URL="http://127.0.0.1:$ARTICLE_PORT"
COMMENT_URL="http://127.0.0.1:$COMMENT_PORT"
TRENDING_URL="http://127.0.0.1:$TRENDING_PORT"
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
start_service user-service "$USER_PORT" newsroom-users
start_service article-service "$ARTICLE_PORT" newsroom-articles
start_service comment-service "$COMMENT_PORT" newsroom-comments
# Further instances of the two services a page reads, in their groups; the gateway balances over all.
ARTICLE_URLS="$ARTICLE_URL" COMMENT_URLS="$COMMENT_URL" MORE_INSTANCES=()
for (( instance = 2; instance <= INSTANCES; instance++ )); do
    claim_port MORE_PORT
    start_service article-service "$MORE_PORT" newsroom-articles "article-service-$instance"
    ARTICLE_URLS+=",http://127.0.0.1:$MORE_PORT" MORE_INSTANCES+=("article-service-$instance:$MORE_PORT")
    claim_port MORE_PORT
    start_service comment-service "$MORE_PORT" newsroom-comments "comment-service-$instance"
    COMMENT_URLS+=",http://127.0.0.1:$MORE_PORT" MORE_INSTANCES+=("comment-service-$instance:$MORE_PORT")
done
start_service trending-service "$TRENDING_PORT" newsroom-trending
start_gateway "$GATEWAY_PORT"
wait_http_ready user-service "$USER_PORT" 600
wait_http_ready article-service "$ARTICLE_PORT" 600
wait_http_ready comment-service "$COMMENT_PORT" 600
for more in ${MORE_INSTANCES[@]+"${MORE_INSTANCES[@]}"}; do
    wait_http_ready "${more%%:*}" "${more##*:}" 600
done
wait_http_ready trending-service "$TRENDING_PORT" 600
wait_http_ready gateway "$GATEWAY_PORT" 600

# ---------------------------------------------------------------------------------------------
# Seed straight to the services (a cold service can take longer than the gateway's 5 s call
# timeout on its first writes): an author and STORIES stories, a reader who follows the author,
# five comments on the hot story once comment-service has learnt of every story from Kafka.
# ---------------------------------------------------------------------------------------------
register_user "$USER_URL"
AUTHOR="$BENCH_USER"
AUTHOR_TOKEN="$TOKEN"
seed_articles "$ARTICLE_URL" "$STORIES" stories
HOT="$SLUG"
register_user "$USER_URL"
READER="$BENCH_USER"
READER_TOKEN="$TOKEN"
FOLLOW=$(curl -sS --fail-with-body --max-time 30 -X POST -H "Authorization: Token $READER_TOKEN" \
    "$USER_URL/api/profiles/$AUTHOR/follow")

expect() { # description json jq-filter: stops the benchmark unless the filter holds for the json
    if ! jq -e "$3" >/dev/null 2>&1 <<<"$2"; then
        echo "check failed: $1 ($3)" >&2
        echo "the answer was: ${2:0:3000}" >&2
        exit 1
    fi
}
expect "the reader follows the author" "$FOLLOW" '.profile.following == true'

log "waiting until comment-service knows all $STORIES stories (its projection is fed by Kafka)"
deadline=$(( SECONDS + 300 ))
for slug in "${SLUGS[@]}"; do
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
            "$COMMENT_URL/api/articles/$slug/comments" || true)" == 200 ]]; do
        alive_or_die
        (( SECONDS < deadline )) || { echo "comment-service did not learn of story $slug within 300 s" >&2; exit 1; }
        sleep 0.5
    done
done
for n in 1 2 3 4 5; do
    # Two commenters, so that the composed list has more than one profile to find.
    if (( n % 2 )); then token="$READER_TOKEN"; else token="$AUTHOR_TOKEN"; fi
    curl -sS --fail-with-body --max-time 30 -o /dev/null -H 'Content-Type: application/json' \
        -H "Authorization: Token $token" \
        -d "{\"comment\":{\"body\":\"Comment $n on the plan: the *bus* part is what matters to us, see [the map](https://example.com/map/$n).\"}}" \
        "$COMMENT_URL/api/articles/$HOT/comments"
done

# The spread reads: one wrk Lua script per kind of reader, the same for direct and gateway, picking
# one of the stories at random for every request.
spread_script() { # file [token]
    {
        echo "-- written by bench/read-path.sh: GET one of ${#SLUGS[@]} stories, at random, per request"
        echo "local paths = {"
        printf '  "/api/articles/%s",\n' "${SLUGS[@]}"
        echo "}"
        echo 'local counter = 1'
        echo 'function setup(thread) thread:set("id", counter); counter = counter + 1 end'
        echo 'function init(args)'
        echo '  math.randomseed(os.time() * 100 + id)'
        [[ -z "${2:-}" ]] || echo "  wrk.headers[\"Authorization\"] = \"Token $2\""
        echo 'end'
        echo 'function request() return wrk.format("GET", paths[math.random(#paths)]) end'
    } >"$1"
}
spread_script "$WORK/spread.lua"
spread_script "$WORK/spread-signed.lua" "$READER_TOKEN"

# ---------------------------------------------------------------------------------------------
# The pairs: endpoint 2k is pair k direct, 2k+1 the same read through the gateway.
# ---------------------------------------------------------------------------------------------
PAIR_NAMES=() PAIR_LABELS=() PAIR_TARGETS=()
E_LABELS=() E_ROUTES=() E_URLS=() E_SCRIPTS=() E_AUTH=()
add_pair() { # name label target direct-route direct-url gateway-route gateway-url script signed-in
    [[ " ${SELECTED[*]} " == *" $1 "* ]] || return 0
    PAIR_NAMES+=("$1") PAIR_LABELS+=("$2") PAIR_TARGETS+=("$3")
    E_LABELS+=("$1" "$1") E_ROUTES+=("$4" "$6") E_URLS+=("$5" "$7")
    E_SCRIPTS+=("$8" "$8") E_AUTH+=("$9" "$9")
}
STORY="/api/articles/$HOT"
add_pair story-hot "story, hot, anonymous" 0.6 article-service "$ARTICLE_URL$STORY" gateway "$GATEWAY_URL$STORY" "" 0
add_pair story-spread "story, spread, anonymous" 0.6 article-service "$ARTICLE_URL/" gateway "$GATEWAY_URL/" "$WORK/spread.lua" 0
add_pair story-hot-signed "story, hot, signed in" 0.4 article-service "$ARTICLE_URL$STORY" gateway "$GATEWAY_URL$STORY" "" 1
add_pair story-spread-signed "story, spread, signed in" 0.4 article-service "$ARTICLE_URL/" gateway "$GATEWAY_URL/" "$WORK/spread-signed.lua" 0
add_pair comments-hot "comments (5), anonymous" 0.6 comment-service "$COMMENT_URL$STORY/comments" gateway "$GATEWAY_URL$STORY/comments" "" 0
add_pair list "list of 20, anonymous" 0.6 article-service "$ARTICLE_URL/api/articles?limit=20" gateway "$GATEWAY_URL/api/articles?limit=20" "" 0
add_pair list-signed "list of 20, signed in" - article-service "$ARTICLE_URL/api/articles?limit=20" gateway "$GATEWAY_URL/api/articles?limit=20" "" 1
add_pair page "page vs direct story" 0.4 "article-service story" "$ARTICLE_URL$STORY" "gateway page" "$GATEWAY_URL/api/pages/articles/$HOT" "" 0

wrk_options() { # endpoint: sets WRK_OPTIONS, what wrk needs besides the URL
    WRK_OPTIONS=()
    if [[ -n "${E_SCRIPTS[$1]}" ]]; then WRK_OPTIONS+=(-s "${E_SCRIPTS[$1]}"); fi
    if (( E_AUTH[$1] )); then WRK_OPTIONS+=(-H "Authorization: Token $READER_TOKEN"); fi
}

# ---------------------------------------------------------------------------------------------
# Checks before measuring, on every kind of read whether measured or not: the direct answers carry
# the author (by id, or embedded), the gateway's always carry the author's profile and are never
# marked degraded, the comment list has the five comments.
# ---------------------------------------------------------------------------------------------
AUTH=(-H "Authorization: Token $READER_TOKEN")
direct() { curl -sS --fail-with-body --max-time 30 "$@"; }
not_degraded() { # headers-file what
    if grep -qi '^X-Newsroom-Degraded' "$1"; then
        echo "check failed: the gateway's $2 came back degraded: $(grep -i '^X-Newsroom-Degraded' "$1")" >&2
        exit 1
    fi
}
HAS_AUTHOR='(has("authorId") and .authorId != null) or (.author.username // "") != ""'
GATEWAY_AUTHOR='.author.username == $author'
jq_author() { jq -e --arg author "$AUTHOR" "$1" >/dev/null 2>&1 <<<"$2"; }
expect_author() { # description json filter (with $author)
    jq_author "$3" "$2" || { echo "check failed: $1 ($3)" >&2; echo "the answer was: ${2:0:3000}" >&2; exit 1; }
}

answer=$(direct "$ARTICLE_URL$STORY")
expect "direct story" "$answer" ".article.slug == \"$HOT\" and (.article | $HAS_AUTHOR)"
STORY_BYTES=${#answer}
answer=$(direct "${AUTH[@]}" "$ARTICLE_URL$STORY")
expect "direct story, signed in" "$answer" ".article.slug == \"$HOT\""
answer=$(through_gateway "$STORY" -D "$WORK/h.txt")
expect_author "gateway story" "$answer" ".article | $GATEWAY_AUTHOR"
not_degraded "$WORK/h.txt" "story"
answer=$(through_gateway "$STORY" -D "$WORK/h.txt" "${AUTH[@]}")
expect_author "gateway story, signed in" "$answer" ".article | $GATEWAY_AUTHOR and .author.following == true"
not_degraded "$WORK/h.txt" "signed-in story"
for slug in "${SLUGS[0]}" "${SLUGS[${#SLUGS[@]}-1]}"; do
    answer=$(through_gateway "/api/articles/$slug" -D "$WORK/h.txt")
    expect_author "gateway story $slug" "$answer" ".article | $GATEWAY_AUTHOR"
    not_degraded "$WORK/h.txt" "story $slug"
done
answer=$(direct "$COMMENT_URL$STORY/comments")
expect "direct comments" "$answer" ".comments | length == 5 and all(.[]; $HAS_AUTHOR)"
COMMENTS_BYTES=${#answer}
answer=$(through_gateway "$STORY/comments" -D "$WORK/h.txt")
expect "gateway comments" "$answer" '.comments | length == 5 and all(.[]; (.author.username // "") != "")'
not_degraded "$WORK/h.txt" "comment list"
answer=$(direct "$ARTICLE_URL/api/articles?limit=20")
expect "direct list" "$answer" ".articles | length == 20 and all(.[]; $HAS_AUTHOR)"
LIST_BYTES=${#answer}
answer=$(through_gateway "/api/articles?limit=20" -D "$WORK/h.txt")
expect_author "gateway list" "$answer" ".articles | length == 20 and all(.[]; $GATEWAY_AUTHOR)"
not_degraded "$WORK/h.txt" "list"
answer=$(through_gateway "/api/articles?limit=20" -D "$WORK/h.txt" "${AUTH[@]}")
expect_author "gateway list, signed in" "$answer" \
    ".articles | length == 20 and all(.[]; $GATEWAY_AUTHOR and .author.following == true)"
not_degraded "$WORK/h.txt" "signed-in list"
answer=$(through_gateway "/api/pages/articles/$HOT" -D "$WORK/h.txt")
expect_author "gateway page" "$answer" \
    ".article | $GATEWAY_AUTHOR"
expect "gateway page" "$answer" '.comments.comments | length == 5'
expect "gateway page" "$answer" '.popular != null and .missing == []'
not_degraded "$WORK/h.txt" "article page"
PAGE_BYTES=${#answer}
log "seeded and checked: hot story '$HOT' ($STORY_BYTES bytes direct), $STORY_BYTES/$COMMENTS_BYTES/$LIST_BYTES/$PAGE_BYTES bytes story/comments/list/page"

# ---------------------------------------------------------------------------------------------
# Load: warm every endpoint, in slices so that the curve shows, then measure each pair (direct,
# then gateway) back to back, ROUNDS times; JFR (if asked) over the measured rounds only.
# ---------------------------------------------------------------------------------------------
declare -A RSS_START RSS_END RESULT_FOREIGN
for (( p=0; p<${#PIDS[@]}; p++ )); do RSS_START[$p]=$(rss_kib "${PIDS[$p]}"); done
ENDPOINTS=${#E_URLS[@]}
log "about $(( (ENDPOINTS * (WARMUP + ROUNDS * DURATION) + 59) / 60 )) minutes of load: $ENDPOINTS endpoints, ${WARMUP}s warm-up each, $ROUNDS round(s) of ${DURATION}s"
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WARM_CURVES=()
for (( i=0; i<ENDPOINTS; i++ )); do
    wrk_options "$i"
    left=$WARMUP
    n=0
    curve=""
    while (( left > 0 )); do
        slice=$(( left < WARMUP_SLICE ? left : WARMUP_SLICE ))
        run_wrk "$slice" "${E_URLS[$i]}" "$WORK/warmup-$i-$n.txt" ${WRK_OPTIONS[@]+"${WRK_OPTIONS[@]}"}
        alive_or_die
        curve+="$(awk -v r="$(rps "$WORK/warmup-$i-$n.txt")" 'BEGIN { printf "%.0f", r }') "
        left=$(( left - slice ))
        n=$(( n + 1 ))
    done
    WARM_CURVES+=("${curve% }")
    log "warm-up ${E_LABELS[$i]} via ${E_ROUTES[$i]}: requests/s per ${WARMUP_SLICE}s: $curve"
done

JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
if [[ -n "$JFR_DIR" ]]; then
    for (( p=0; p<${#PIDS[@]}; p++ )); do
        "$JCMD" "${PIDS[$p]}" JFR.start name=read-path settings=profile \
            filename="$JFR_DIR/${NAMES[$p]}.jfr" >>"$WORK/jcmd.log" 2>&1 \
            || log "could not start JFR in ${NAMES[$p]} (see its log)"
    done
fi
for (( r=1; r<=ROUNDS; r++ )); do
    for (( i=0; i<ENDPOINTS; i++ )); do
        wrk_options "$i"
        log "round $r/$ROUNDS, measuring ${DURATION}s: ${E_LABELS[$i]} via ${E_ROUTES[$i]}"
        measure "$DURATION" "${E_URLS[$i]}" "$WORK/measure-$r-$i.txt" ${WRK_OPTIONS[@]+"${WRK_OPTIONS[@]}"}
        RESULT_FOREIGN[$r-$i]="$FOREIGN_CPU"
    done
done
if [[ -n "$JFR_DIR" ]]; then
    for (( p=0; p<${#PIDS[@]}; p++ )); do
        "$JCMD" "${PIDS[$p]}" JFR.stop name=read-path >>"$WORK/jcmd.log" 2>&1 \
            || log "could not stop JFR in ${NAMES[$p]}"
    done
fi
for (( p=0; p<${#PIDS[@]}; p++ )); do RSS_END[$p]=$(rss_kib "${PIDS[$p]}"); done

# shellcheck source=bench/read-path-report.sh
source "$ROOT/bench/read-path-report.sh"
print_report
SUCCESS=1
