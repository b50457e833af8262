# Shared by the benchmark scripts (sourced, not run): process start and cleanup, jar copies, free
# ports, seeding through the API, wrk runs and reading wrk's output, and the CPU other processes
# took during a measured run. See bench/README.md.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

positive_int() {
    [[ "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { echo "$1 needs a positive integer, got '$2'" >&2; exit 64; }
}

# ---------------------------------------------------------------------------------------------
# Processes we start, and their cleanup on any exit.
# ---------------------------------------------------------------------------------------------
WORK=""
PIDS=()       # in start order
NAMES=()
SUCCESS=0
LOAD_PID=""

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
bench_begin() { # after the options are read: the temporary folder, and the cleanup on any exit
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/newsroom-bench.XXXXXX")"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

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

# Starts the embedded Kafka broker (data in $WORK) and mongo-java-server in memory, and waits for both.
start_infrastructure() { # infra-jar kafka-port mongo-port
    start kafka "$JAVA" -Xmx512m -XX:+UseParallelGC -jar "$1" \
        kafka --port "$2" --data-dir "$WORK/kafka"
    start mongo "$JAVA" -Xmx1g -XX:+UseParallelGC -jar "$1" \
        mongo --port "$3" --in-memory
    wait_infra_ready kafka 300
    wait_infra_ready mongo 300
}

# ---------------------------------------------------------------------------------------------
# Jars: copied into $WORK so that a concurrent build cannot swap them mid-run.
# ---------------------------------------------------------------------------------------------
find_jar() { # module suffix: the executable jar a module's build left in target/
    local module="$1" suffix="$2" jar
    for jar in "$ROOT/$module"/target/"$module"-*"$suffix"; do
        [[ -f "$jar" ]] || continue
        case "$jar" in *-sources.jar|*-javadoc.jar|*-plain.jar) continue ;; esac
        if [[ "$suffix" == ".jar" && "$jar" == *-exec.jar ]]; then continue; fi
        echo "$jar"
        return 0
    done
    echo "no executable jar for $module in $module/target; build it (or drop --no-build)" >&2
    return 1
}

copy_jars() { # module...: copies each module's jar to $WORK/jars/<module>.jar (embedded-infra: the exec jar)
    local module jar
    mkdir -p "$WORK/jars"
    for module in "$@"; do
        if [[ "$module" == embedded-infra ]]; then
            cp "$(find_jar "$module" -exec.jar)" "$WORK/jars/$module.jar"
        else
            cp "$(find_jar "$module" .jar)" "$WORK/jars/$module.jar"
        fi
    done
    # Check the copies are complete archives (a build may have been writing one as we copied).
    if command -v unzip >/dev/null 2>&1; then
        for module in "$@"; do
            jar="$WORK/jars/$module.jar"
            if ! unzip -tqq "$jar" >/dev/null 2>&1; then
                echo "$jar is not a complete jar (was a build writing it?); try again" >&2
                exit 1
            fi
        done
    fi
}

ensure_wrk() { # wrk from Debian's packages
    if ! command -v wrk >/dev/null 2>&1; then
        log "installing wrk (apt-get)"
        if ! apt-get install -y -qq wrk >/dev/null 2>&1; then
            apt-get update -qq >/dev/null
            apt-get install -y -qq wrk >/dev/null
        fi
    fi
}

# ---------------------------------------------------------------------------------------------
# Free loopback ports, away from the local suite's (8080-8085, 9092, 27017).
# ---------------------------------------------------------------------------------------------
USED_PORTS=" 8080 8081 8082 8083 8084 8085 9092 9093 27017 "
port_in_use() {
    local port="$1"
    if command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Htan "sport = :$port" 2>/dev/null)" ]]; then
        return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}
free_port() { # prints a free port and remembers it (call as `VAR=$(free_port)` only in this shell's order)
    local port
    for _ in $(seq 1 200); do
        port=$(( 20000 + RANDOM % 30000 ))
        [[ "$USED_PORTS" == *" $port "* ]] && continue
        port_in_use "$port" && continue
        echo "$port"
        return 0
    done
    echo "no free port found" >&2
    return 1
}
claim_port() { # variable: sets it to a free port that no later claim_port will hand out again
    local port
    port=$(free_port)
    USED_PORTS+="$port "
    printf -v "$1" '%s' "$port"
}

# ---------------------------------------------------------------------------------------------
# Seeding through the API.
# ---------------------------------------------------------------------------------------------
json_field() { # name: the first "name":"value" string in stdin
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" | head -n 1
}

register_user() { # users-base-url: registers a new user; sets TOKEN and BENCH_USER
    local suffix response
    suffix="$(date +%s)$RANDOM"
    BENCH_USER="bench$suffix"
    response=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
        -d "{\"user\":{\"username\":\"$BENCH_USER\",\"email\":\"$BENCH_USER@example.com\",\"password\":\"bench-password-$suffix\"}}" \
        "$1/api/users")
    TOKEN=$(printf '%s' "$response" | json_field token)
    [[ -n "$TOKEN" ]] || { echo "registration returned no token: $response" >&2; exit 1; }
    log "registered $BENCH_USER"
}

seed_articles() { # articles-base-url count: creates count articles as $TOKEN; sets SLUG (the middle one)
    local base="$1" count="$2" i t1 t2 body response
    local tags=(politics economy science sport culture world technology health)
    SLUG=""
    log "seeding $count articles"
    for (( i=1; i<=count; i++ )); do
        t1="${tags[$(( i % ${#tags[@]} ))]}"
        t2="${tags[$(( (i * 3 + 1) % ${#tags[@]} ))]}"
        body="Paragraph one of article $i, with **bold** text and a [link](https://example.com/$i).\\n\\n"
        body+="Paragraph two: $(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 20))\\n\\n- a list item\\n- another item"
        response=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
            -H "Authorization: Token $TOKEN" \
            -d "{\"article\":{\"title\":\"Benchmark article number $i\",\"description\":\"Description of article $i\",\"body\":\"$body\",\"tagList\":[\"$t1\",\"$t2\",\"bench\"]}}" \
            "$base/api/articles")
        if (( i == (count + 1) / 2 )); then
            SLUG=$(printf '%s' "$response" | json_field slug)
        fi
    done
    [[ -n "$SLUG" ]] || { echo "could not read a slug from the created articles" >&2; exit 1; }
}

# ---------------------------------------------------------------------------------------------
# Load, and what wrk printed.
# ---------------------------------------------------------------------------------------------
run_wrk() { # seconds url outfile (in the background, so that a signal to this script acts at once)
    timeout --kill-after=10 $(( $1 + 30 )) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 5s --latency "$2" >"$3" 2>&1 &
    LOAD_PID=$!
    wait "$LOAD_PID"
    LOAD_PID=""
}

# wrk prints e.g. "     99%   12.34ms" and "Requests/sec:  12345.67".
percentile() { awk -v p="$1%" '$1 == p { print $2; exit }' "$2"; }
rps() { awk '$1 == "Requests/sec:" { print $2; exit }' "$1"; }
errors() {
    awk '/Non-2xx or 3xx responses:/ { n += $NF }
         /Socket errors:/ { gsub(",", ""); n += $4 + $6 + $8 + $10 }
         END { print n + 0 }' "$1"
}
total_requests() { awk '/requests in/ { print $1; exit }' "$1"; }
ratio() { # a b: a / b to two decimals, or n/a
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
share() { # a b: a as a whole percentage of b, or n/a
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'
}

# The machine may be shared (a build or tests of someone else): measure how much CPU went to
# processes other than the benchmark's JVMs and wrk during each measured run, in clock ticks.
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

measure() { # seconds url outfile: a measured wrk run; sets FOREIGN_CPU to the other processes' share
    local busy0 total0 busy1 total1 ours0 ours1 children0 children1
    read -r busy0 total0 < <(cpu_ticks)
    ours0=$(our_ticks)
    children_ticks >"$WORK/children0.txt"
    run_wrk "$1" "$2" "$3"
    read -r busy1 total1 < <(cpu_ticks)
    ours1=$(our_ticks)
    children_ticks >"$WORK/children1.txt"
    children0=$(<"$WORK/children0.txt")
    children1=$(<"$WORK/children1.txt")
    alive_or_die
    FOREIGN_CPU=$(awk -v b=$(( busy1 - busy0 )) -v t=$(( total1 - total0 )) \
        -v o=$(( ours1 - ours0 + children1 - children0 )) \
        'BEGIN { f = t > 0 ? 100 * (b - o) / t : 0; if (f < 0) f = 0; printf "%.0f %%", f }')
}

print_machine() { # the report's header lines common to every benchmark (wrk's version if it is used)
    echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine:    $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "java:       $("$JAVA" -version 2>&1 | head -n 1)"
    if [[ "${1:-}" == with-wrk ]]; then
        echo "wrk:        $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    fi
}
