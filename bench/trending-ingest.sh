#!/usr/bin/env bash
# Benchmark tier for trending-service: sustained ingest of article view events, consumer lag and
# freshness (produce -> visible through the API) at a controlled rate, on the embedded
# infrastructure (Kafka broker + in-memory mongo-java-server). Not part of `./mvnw verify`.
# See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/trending-ingest.sh [--no-build] [--rate N] [--warmup SECONDS] [--duration SECONDS]
                                [--articles N] [--viewers N]

  --no-build          use the jars already in */target (they are still copied first)
  --rate N            view events produced per second (default 25000)
  --warmup SECONDS    load before counting (default 60)
  --duration SECONDS  measured period (default 60)
  --articles N        articles the views spread over, skewed (default 1000)
  --viewers N         distinct viewer keys (default 200000)
USAGE
}

BUILD=1
RATE=25000
WARMUP=60
DURATION=60
ARTICLES=1000
VIEWERS=200000
ORIGINAL_ARGS=("$@")

positive_int() {
    [[ "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { echo "$1 needs a positive integer, got '$2'" >&2; exit 64; }
}
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --rate) positive_int "$1" "${2:-}"; RATE="$2"; shift 2 ;;
        --warmup) positive_int "$1" "${2:-}"; WARMUP="$2"; shift 2 ;;
        --duration) positive_int "$1" "${2:-}"; DURATION="$2"; shift 2 ;;
        --articles) positive_int "$1" "${2:-}"; ARTICLES="$2"; shift 2 ;;
        --viewers) positive_int "$1" "${2:-}"; VIEWERS="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SERVICE_JAVA_OPTS=(-Xmx768m -XX:+UseParallelGC)
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/newsroom-bench.XXXXXX")"
PIDS=()
NAMES=()
SUCCESS=0
LOAD_PID=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local i pid
    if [[ -n "$LOAD_PID" ]]; then
        kill -TERM "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    for (( i=${#PIDS[@]}-1; i>=0; i-- )); do
        pid="${PIDS[$i]}"
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 1 150); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
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

# Build, then copy the jars so that a concurrent build cannot swap them mid-run.
if (( BUILD )); then
    log "building embedded-infra and trending-service (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl embedded-infra,trending-service -am
fi
find_jar() { # module suffix
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
TRENDING_JAR="$WORK/jars/trending-service.jar"
cp "$(find_jar embedded-infra -exec.jar)" "$INFRA_JAR"
cp "$(find_jar trending-service .jar)" "$TRENDING_JAR"
# The load generator's classpath: the Kafka client and what it needs, from the service's own jar.
mkdir -p "$WORK/lib"
(cd "$WORK/lib" && unzip -qq "$TRENDING_JAR" 'BOOT-INF/lib/*')
LOAD_CLASSPATH="$WORK/lib/BOOT-INF/lib/*"

# Free loopback ports, away from the local suite's (8080-8085, 9092, 27017).
USED_PORTS=" 8080 8081 8082 8083 8084 8085 9092 9093 27017 "
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
TRENDING_PORT=$(free_port)

start() { # name, then the command
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
wait_infra_ready() { # name timeout
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
start trending-service env PORT="$TRENDING_PORT" \
    MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/newsroom-trending" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
    USER_SERVICE_URL="http://127.0.0.1:9" \
    "$JAVA" "${SERVICE_JAVA_OPTS[@]}" -jar "$TRENDING_JAR"
wait_http_ready trending-service "$TRENDING_PORT" 180

log "load: $RATE views/s, ${WARMUP}s warm-up, ${DURATION}s measured"
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
"$JAVA" -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlogback.configurationFile=/dev/null \
    -cp "$LOAD_CLASSPATH" bench/TrendingIngest.java \
    --bootstrap "127.0.0.1:$KAFKA_PORT" --service "http://127.0.0.1:$TRENDING_PORT" \
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
echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:    $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "java:       $("$JAVA" -version 2>&1 | head -n 1)"
echo "setup:      one trending-service (${SERVICE_JAVA_OPTS[*]}), embedded Kafka (KRaft, 3 partitions), mongo-java-server --in-memory, load generator: all on this machine"
echo "load:       $RATE views/s over $ARTICLES articles (skewed), $VIEWERS viewer keys; ${WARMUP}s warm-up, ${DURATION}s measured"
echo "reproduce:  $COMMAND"
echo
cat "$WORK/report.txt"
echo
echo "trending-service's own account of its batches (logged every 30 s):"
grep -h "Ingested" "$WORK/trending-service.log" | sed 's/^.*: Ingested/  Ingested/' | tail -n 4
echo "load average before: $LOADAVG_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
SUCCESS=1
