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

positive_int() {
    [[ "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { echo "$1 needs a positive integer, got '$2'" >&2; exit 64; }
}

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

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# The same JVM flags for both services, as production would run them (full tiered JIT, no
# -XX:TieredStopAtLevel=1 as the local-suite launcher uses for fast starts).
SERVICE_JAVA_OPTS=(-Xmx512m -XX:+UseParallelGC)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Processes we start, and their cleanup on any exit.
# ---------------------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/newsroom-bench.XXXXXX")"
PIDS=()       # in start order
NAMES=()
SUCCESS=0

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local i pid
    if [[ -n "${LOAD_PID:-}" ]]; then
        kill -TERM "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    # Services first, then the infrastructure (reverse start order), SIGTERM then SIGKILL.
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        pid="${PIDS[$i]}"
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 150); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if kill -0 "$pid" 2>/dev/null; then
                log "${NAMES[$i]} (pid $pid) did not stop in 15 s; killing it"
                kill -KILL "$pid" 2>/dev/null || true
            fi
            wait "$pid" 2>/dev/null || true
        fi
    done
    if (( SUCCESS == 0 )); then
        for (( i=0; i<${#NAMES[@]}; i++ )); do
            if [[ -f "$WORK/${NAMES[$i]}.log" ]]; then
                echo "---- last lines of ${NAMES[$i]}.log ----" >&2
                tail -n 30 "$WORK/${NAMES[$i]}.log" >&2 || true
            fi
        done
        log "failed (exit status $status)"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Build, then copy the jars so that a concurrent build cannot swap them mid-run.
# ---------------------------------------------------------------------------------------------
if (( BUILD )); then
    log "building embedded-infra, user-service, article-service (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl embedded-infra,user-service,article-service -am
fi

find_jar() { # module suffix: the executable jar a module's build left in target/
    local module="$1" suffix="$2" jar
    for jar in "$module"/target/"$module"-*"$suffix"; do
        [[ -f "$jar" ]] || continue
        case "$jar" in *-sources.jar|*-javadoc.jar|*-plain.jar) continue ;; esac
        if [[ "$suffix" == ".jar" && "$jar" == *-exec.jar ]]; then continue; fi
        echo "$jar"
        return 0
    done
    echo "no executable jar for $module in $module/target; build it (or drop --no-build)" >&2
    return 1
}
mkdir -p "$WORK/jars"
INFRA_JAR="$WORK/jars/embedded-infra-exec.jar"
USER_JAR="$WORK/jars/user-service.jar"
ARTICLE_JAR="$WORK/jars/article-service.jar"
cp "$(find_jar embedded-infra -exec.jar)" "$INFRA_JAR"
cp "$(find_jar user-service .jar)" "$USER_JAR"
cp "$(find_jar article-service .jar)" "$ARTICLE_JAR"
# Check the copies are complete archives (a build may have been writing one as we copied).
if command -v unzip >/dev/null 2>&1; then
    for jar in "$INFRA_JAR" "$USER_JAR" "$ARTICLE_JAR"; do
        if ! unzip -tqq "$jar" >/dev/null 2>&1; then
            echo "$jar is not a complete jar (was a build writing it?); try again" >&2
            exit 1
        fi
    done
fi

# ---------------------------------------------------------------------------------------------
# wrk (Debian package).
# ---------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk (apt-get)"
    if ! apt-get install -y -qq wrk >/dev/null 2>&1; then
        apt-get update -qq >/dev/null
        apt-get install -y -qq wrk >/dev/null
    fi
fi

# ---------------------------------------------------------------------------------------------
# Free loopback ports, away from the local suite's (8080-8084, 9092, 27017).
# ---------------------------------------------------------------------------------------------
USED_PORTS=" 8080 8081 8082 8083 8084 9092 9093 27017 "
port_in_use() {
    local port="$1"
    if command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Htan "sport = :$port" 2>/dev/null)" ]]; then
        return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 30000 ))
        [[ "$USED_PORTS" == *" $port "* ]] && continue
        port_in_use "$port" && continue
        USED_PORTS+="$port "
        echo "$port"
        return 0
    done
    echo "no free port found" >&2
    return 1
}
KAFKA_PORT=$(free_port)
MONGO_PORT=$(free_port)
USER_PORT=$(free_port)
ARTICLE_PORT=$(free_port)

# ---------------------------------------------------------------------------------------------
# Start the broker, the store and the two services, each a separate JVM.
# ---------------------------------------------------------------------------------------------
start() { # name, then the command (environment given by the caller through `env`)
    local name="$1"
    shift
    "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    NAMES+=("$name")
    log "started $name (pid $!)"
}
alive_or_die() {
    local i
    for (( i=0; i<${#PIDS[@]}; i++ )); do
        if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
            echo "${NAMES[$i]} (pid ${PIDS[$i]}) exited early" >&2
            exit 1
        fi
    done
}
wait_infra_ready() { # name timeout: the embedded infrastructure prints "READY <name> <address>"
    local name="$1" deadline=$(( SECONDS + $2 ))
    until grep -q "^READY $name" "$WORK/$name.log" 2>/dev/null; do
        alive_or_die
        (( SECONDS < deadline )) || { echo "$name not ready within $2 s" >&2; exit 1; }
        sleep 0.2
    done
    log "$name ready"
}
wait_http_ready() { # name port timeout
    local name="$1" port="$2" deadline=$(( SECONDS + $3 ))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "http://127.0.0.1:$port/actuator/health/readiness" || true)" == 200 ]]; do
        alive_or_die
        (( SECONDS < deadline )) || { echo "$name not ready within $3 s" >&2; exit 1; }
        sleep 0.5
    done
    log "$name ready on 127.0.0.1:$port"
}

start kafka "$JAVA" -Xmx512m -XX:+UseParallelGC -jar "$INFRA_JAR" \
    kafka --port "$KAFKA_PORT" --data-dir "$WORK/kafka"
start mongo "$JAVA" -Xmx1g -XX:+UseParallelGC -jar "$INFRA_JAR" \
    mongo --port "$MONGO_PORT" --in-memory
wait_infra_ready kafka 120
wait_infra_ready mongo 120

USER_URL="http://127.0.0.1:$USER_PORT"
ARTICLE_URL="http://127.0.0.1:$ARTICLE_PORT"
start user-service env PORT="$USER_PORT" \
    MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-users" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    USER_SERVICE_URL="$USER_URL" \
    "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$USER_JAR"
start article-service env PORT="$ARTICLE_PORT" \
    MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-articles" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    USER_SERVICE_URL="$USER_URL" \
    "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$ARTICLE_JAR"
wait_http_ready user-service "$USER_PORT" 180
wait_http_ready article-service "$ARTICLE_PORT" 180

# ---------------------------------------------------------------------------------------------
# Seed: one user, ARTICLES articles with a few tags, one slug to read.
# ---------------------------------------------------------------------------------------------
json_field() { # name: the first "name":"value" string in stdin
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1
}
SUFFIX="$(date +%s)$RANDOM"
REGISTER=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"user\":{\"username\":\"bench$SUFFIX\",\"email\":\"bench$SUFFIX@example.com\",\"password\":\"bench-password-$SUFFIX\"}}" \
    "$USER_URL/api/users")
TOKEN=$(printf '%s' "$REGISTER" | json_field token)
[[ -n "$TOKEN" ]] || { echo "registration returned no token: $REGISTER" >&2; exit 1; }
log "registered bench$SUFFIX; seeding $ARTICLES articles"

TAGS=(politics economy science sport culture world technology health)
SLUG=""
for (( i=1; i<=ARTICLES; i++ )); do
    t1="${TAGS[$(( i % ${#TAGS[@]} ))]}"
    t2="${TAGS[$(( (i * 3 + 1) % ${#TAGS[@]} ))]}"
    body="Paragraph one of article $i, with **bold** text and a [link](https://example.com/$i).\\n\\n"
    body+="Paragraph two: $(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 20))\\n\\n- a list item\\n- another item"
    response=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
        -H "Authorization: Token $TOKEN" \
        -d "{\"article\":{\"title\":\"Benchmark article number $i\",\"description\":\"Description of article $i\",\"body\":\"$body\",\"tagList\":[\"$t1\",\"$t2\",\"bench\"]}}" \
        "$ARTICLE_URL/api/articles")
    if (( i == ARTICLES / 2 )); then
        SLUG=$(printf '%s' "$response" | json_field slug)
    fi
done
[[ -n "$SLUG" ]] || { echo "could not read a slug from the created articles" >&2; exit 1; }
COUNT=$(curl -sS --fail-with-body --max-time 30 "$ARTICLE_URL/api/articles" \
    | sed -n 's/.*"articlesCount":\([0-9]*\).*/\1/p')
log "seeded; articlesCount=$COUNT, reading slug '$SLUG'"
curl -sS --fail-with-body --max-time 10 -o /dev/null "$ARTICLE_URL/api/articles/$SLUG"

# ---------------------------------------------------------------------------------------------
# Load: warm every endpoint, then measure each one.
# ---------------------------------------------------------------------------------------------
ENDPOINT_NAMES=("GET /api/articles/{slug}" "GET /api/articles" "GET /actuator/health/liveness")
ENDPOINT_URLS=("$ARTICLE_URL/api/articles/$SLUG" "$ARTICLE_URL/api/articles" "$ARTICLE_URL/actuator/health/liveness")

LOAD_PID=""
run_wrk() { # seconds url outfile (in the background, so that a signal to this script acts at once)
    timeout --kill-after=10 $(( $1 + 30 )) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 5s --latency "$2" >"$3" 2>&1 &
    LOAD_PID=$!
    wait "$LOAD_PID"
    LOAD_PID=""
}

LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "warm-up ${WARMUP}s: ${ENDPOINT_NAMES[$i]}"
    run_wrk "$WARMUP" "${ENDPOINT_URLS[$i]}" "$WORK/warmup-$i.txt"
    alive_or_die
done

# wrk prints e.g. "     99%   12.34ms" and "Requests/sec:  12345.67".
percentile() { awk -v p="$1%" '$1 == p { print $2; exit }' "$2"; }
rps() { awk '$1 == "Requests/sec:" { print $2; exit }' "$1"; }
errors() {
    awk '/Non-2xx or 3xx responses:/ { n += $NF }
         /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
         END { print n + 0 }' "$1"
}
total_requests() { awk '/requests in/ { print $1; exit }' "$1"; }

# The machine may be shared (a build or tests of someone else): measure how much CPU went to
# processes other than the four JVMs and wrk during each measured run, in clock ticks.
cpu_ticks() { # "busy total" over all CPUs, from /proc/stat
    awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}
our_ticks() { # user + system ticks of the processes this script started
    local pid sum=0 fields
    for pid in "${PIDS[@]}"; do
        fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        sum=$(( sum + $(awk '{ print $12 + $13 }' <<<"$fields") ))
    done
    echo "$sum"
}
children_ticks() { # user + system ticks of this shell's finished children (wrk, once reaped)
    # `times` must run in this shell, not in a $(...) subshell, which has no children of its own.
    times >"$WORK/times.txt"
    tail -n 1 "$WORK/times.txt" | awk -v hz="$(getconf CLK_TCK)" '{
        t = 0
        for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
        printf "%d", t * hz }'
}

RESULT_RPS=()
RESULT_FOREIGN=()
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "measuring ${DURATION}s: ${ENDPOINT_NAMES[$i]}"
    read -r busy0 total0 < <(cpu_ticks)
    ours0=$(our_ticks)
    children_ticks >"$WORK/children0.txt"
    run_wrk "$DURATION" "${ENDPOINT_URLS[$i]}" "$WORK/measure-$i.txt"
    read -r busy1 total1 < <(cpu_ticks)
    ours1=$(our_ticks)
    children_ticks >"$WORK/children1.txt"
    children0=$(<"$WORK/children0.txt")
    children1=$(<"$WORK/children1.txt")
    alive_or_die
    RESULT_RPS+=("$(rps "$WORK/measure-$i.txt")")
    RESULT_FOREIGN+=("$(awk -v b=$(( busy1 - busy0 )) -v t=$(( total1 - total0 )) \
        -v o=$(( ours1 - ours0 + children1 - children0 )) \
        'BEGIN { f = t > 0 ? 100 * (b - o) / t : 0; if (f < 0) f = 0; printf "%.0f %%", f }')")
done

# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------
COMMAND="bench/article-service.sh"
(( ${#ORIGINAL_ARGS[@]} )) && COMMAND+=" ${ORIGINAL_ARGS[*]}"
ROOF="${RESULT_RPS[2]}"

echo
echo "== article-service benchmark =="
echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:    $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "java:       $("$JAVA" -version 2>&1 | head -n 1)"
echo "wrk:        $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
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
    ratio=$(awk -v a="${RESULT_RPS[$i]}" -v b="$ROOF" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }')
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
