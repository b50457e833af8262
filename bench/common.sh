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

# The benchmarks start every process with MANAGEMENT_PORT=0 (their actuator on some free port, unused
# here) and wait for /readyz, the readiness group that each also answers on its own port.
wait_http_ready() { # name port timeout
    local name="$1" port="$2" deadline=$(( SECONDS + $3 ))
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "http://127.0.0.1:$port/readyz" || true)" == 200 ]]; do
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

# Per process, options after SERVICE_JAVA_OPTS and before SERVICE_JVM_EXTRA (so an extra option given
# on a benchmark's command line wins); use_measured_sizing fills it from deploy/jvm-options.properties.
declare -A PROCESS_JVM=()
SERVICE_JVM_EXTRA=()

# Sets SERVICE_JAVA_OPTS and PROCESS_JVM to the sizing the project ships (deploy/jvm-options.properties),
# as docker-compose.yml runs the services.
use_measured_sizing() {
    local file="$ROOT/deploy/jvm-options.properties" key value
    while IFS='=' read -r key value; do
        [[ -z "$key" || "$key" == \#* ]] && continue
        if [[ "$key" == all ]]; then
            read -r -a SERVICE_JAVA_OPTS <<<"$value"
        else
            PROCESS_JVM[$key]="$value"
        fi
    done <"$file"
}

# The JVM options of one process: SERVICE_JAVA_OPTS, its own (PROCESS_JVM), then SERVICE_JVM_EXTRA.
jvm_options() { # module: sets JVM_OPTIONS
    JVM_OPTIONS=("${SERVICE_JAVA_OPTS[@]}")
    if [[ -n "${PROCESS_JVM[$1]:-}" ]]; then
        local own
        read -r -a own <<<"${PROCESS_JVM[$1]}"
        JVM_OPTIONS+=("${own[@]}")
    fi
    JVM_OPTIONS+=(${SERVICE_JVM_EXTRA[@]+"${SERVICE_JVM_EXTRA[@]}"})
}

# The services and the gateway, each its own JVM (jvm_options), wired to the broker and the store of
# start_infrastructure (KAFKA_PORT, MONGO_PORT) and to user-service's keys (USER_URL). At most two
# malloc arenas, as the Dockerfile sets: the default (eight per core) lets a JVM's many threads keep
# native memory nobody uses.
start_service() { # module port database [name, for a further instance: article-service-2]
    jvm_options "$1"
    start "${4:-$1}" env PORT="$2" MANAGEMENT_PORT=0 \
        MALLOC_ARENA_MAX=2 \
        MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/$3" \
        KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
        USER_SERVICE_URL="$USER_URL" \
        "$JAVA" "${JVM_OPTIONS[@]}" -jar "$WORK/jars/$1.jar"
}

# The gateway in front of USER_URL, ARTICLE_URL, COMMENT_URL and TRENDING_URL (ARTICLE_URLS and
# COMMENT_URLS instead when set: several instances, comma-separated), with jvm_options,
# then GATEWAY_JVM_ARGS and GATEWAY_ARGS (arrays, either may be unset). The rate limit stays on, so
# that its cost per request is measured, with a budget wrk from 127.0.0.1 cannot exhaust.
RATE_LIMIT=1000000000 # a billion requests a second
start_gateway() { # port [name [extra argument]...]: a second gateway, with arguments of its own, for A/B runs
    local port="$1" name="${2:-gateway}"
    shift
    (( $# )) && shift
    jvm_options gateway
    start "$name" env PORT="$port" MANAGEMENT_PORT=0 \
        MALLOC_ARENA_MAX=2 \
        USER_SERVICE_URL="$USER_URL" \
        ARTICLE_SERVICE_URL="${ARTICLE_URLS:-$ARTICLE_URL}" \
        COMMENT_SERVICE_URL="${COMMENT_URLS:-$COMMENT_URL}" \
        TRENDING_SERVICE_URL="$TRENDING_URL" \
        RATE_LIMIT_ENABLED=true \
        RATE_LIMIT_CAPACITY="$RATE_LIMIT" \
        RATE_LIMIT_REFILL="$RATE_LIMIT" \
        RATE_LIMIT_PERIOD=1s \
        "$JAVA" "${JVM_OPTIONS[@]}" ${GATEWAY_JVM_ARGS[@]+"${GATEWAY_JVM_ARGS[@]}"} \
        -jar "$WORK/jars/gateway.jar" ${GATEWAY_ARGS[@]+"${GATEWAY_ARGS[@]}"} "$@"
}

through_gateway() { # path [curl options]: GET $GATEWAY_URL/path, tried again while the gateway is still cold
    local path="$1" attempt
    shift
    for attempt in 1 2 3 4 5; do
        if curl -sS --fail-with-body --max-time 30 "$@" "$GATEWAY_URL$path"; then
            return 0
        fi
        log "GET $path through the gateway failed (attempt $attempt); trying again"
        sleep 5
    done
    return 1
}

rss_kib() { # pid: resident memory (VmRSS) in KiB, or nothing once the process is gone
    awk '$1 == "VmRSS:" { print $2; exit }' "/proc/$1/status" 2>/dev/null || true
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

ensure_package() { # command [package]: installs the Debian package (default: the command's name) if missing
    local command="$1" package="${2:-$1}"
    if ! command -v "$command" >/dev/null 2>&1; then
        log "installing $package (apt-get)"
        if ! apt-get install -y -qq "$package" >/dev/null 2>&1; then
            apt-get update -qq >/dev/null
            apt-get install -y -qq "$package" >/dev/null
        fi
    fi
}
ensure_wrk() { ensure_package wrk; } # wrk from Debian's packages

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

# A news story's Markdown body of about 1.9 KB (headings, lists, links, emphasis, a quote), for story
# number $1 on topic $2, JSON-escaped (newlines as \n, no double quotes) to sit inside a JSON string.
story_markdown() { # number topic
    local text
    text=$(cat <<EOF
## The $2 plan for district $1, explained

The **$2 committee** voted on Tuesday to approve the plan for district $1, after a debate that ran
past midnight. Residents had asked for *more time* to read the proposal; the full text is on the
[council's site](https://example.com/council/plans/$1), with the minutes of every session since May.

### What changes

- Bus routes $1 and 1$1 run every ten minutes from March, and until midnight on Fridays.
- The library on Station Road opens on Sundays, staffed by two new librarians.
- A cycle lane links the market to the [river path](https://example.com/maps/river-$1).
- Street lighting on the estate is replaced, which the council says *halves* its energy bill.
- Parking on the high street is free for the first hour, and loading bays move to Mill Lane.

### Who pays

The plan costs **$1.4 million**, of which the region pays half and the district the rest, spread
over three budgets. One resident, who asked not to be named, said she had waited *years* for the
bus. Opponents argue that the money would be better spent on the two primary schools, whose roofs
leak, and say they will [appeal the decision](https://example.com/appeals/$1) before the deadline.

> Every district deserves the same service, whatever its size and however it voted last time.

### What happens next

1. The plan is published in the official journal within two weeks.
2. Objections may be filed for thirty days, by post or [online](https://example.com/objections/$1).
3. If none is upheld, work starts in the spring and ends before the next election.

The committee meets again on the first Monday of next month, when it will hear the schools'
case. Its sessions are public, and the recordings of past ones are kept in the archive for
**two years**; see also our [earlier report](https://example.com/news/$2/$1) on the first draft.
EOF
)
    printf '%s' "${text//$'\n'/\\n}"
}

# Creates count articles as $TOKEN. Sets SLUGS (all of them, in order) and SLUG (the middle one).
# "short" (the default): a short Markdown body, two tags of 8 plus "bench". "stories": a 1.9 KB
# story (story_markdown) and three tags from a pool of 20.
seed_articles() { # articles-base-url count [short|stories]
    local base="$1" count="$2" kind="${3:-short}" i topic title description body tag_list response slug
    local tags=(politics economy science sport culture world technology health)
    local pool=(politics economy science sport culture world technology health climate education
        transport housing energy crime justice travel food music film business)
    SLUG=""
    SLUGS=()
    log "seeding $count articles ($kind)"
    for (( i=1; i<=count; i++ )); do
        if [[ "$kind" == stories ]]; then
            topic="${pool[$(( i % 20 ))]}"
            title="Story $i: what the $topic plan changes for district $i"
            description="The committee approved plan $i: what changes, who pays and what comes next"
            body=$(story_markdown "$i" "$topic")
            tag_list="\"$topic\",\"${pool[$(( (i + 7) % 20 ))]}\",\"${pool[$(( (i + 13) % 20 ))]}\""
        else
            title="Benchmark article number $i"
            description="Description of article $i"
            body="Paragraph one of article $i, with **bold** text and a [link](https://example.com/$i).\\n\\n"
            body+="Paragraph two: $(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 20))\\n\\n- a list item\\n- another item"
            tag_list="\"${tags[$(( i % ${#tags[@]} ))]}\",\"${tags[$(( (i * 3 + 1) % ${#tags[@]} ))]}\",\"bench\""
        fi
        response=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
            -H "Authorization: Token $TOKEN" \
            -d "{\"article\":{\"title\":\"$title\",\"description\":\"$description\",\"body\":\"$body\",\"tagList\":[$tag_list]}}" \
            "$base/api/articles")
        slug=$(printf '%s' "$response" | json_field slug)
        [[ -n "$slug" ]] || { echo "article $i: no slug in the answer: $response" >&2; exit 1; }
        SLUGS+=("$slug")
        if (( i == (count + 1) / 2 )); then
            SLUG="$slug"
        fi
    done
}

# ---------------------------------------------------------------------------------------------
# Load, and what wrk printed.
# ---------------------------------------------------------------------------------------------
run_wrk() { # seconds url outfile [wrk options, e.g. -s script.lua or -H header]...
    # (in the background, so that a signal to this script acts at once)
    local seconds="$1" url="$2" out="$3"
    shift 3
    timeout --kill-after=10 $(( seconds + 30 )) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency "$@" "$url" >"$out" 2>&1 &
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
to_ms() { # a wrk duration (850.00us, 12.34ms, 1.20s) in milliseconds
    awk -v d="$1" 'BEGIN { v = d + 0; if (d ~ /us$/) v /= 1000; else if (d ~ /ms$/) v += 0;
                           else if (d ~ /s$/) v *= 1000; else if (d ~ /m$/) v *= 60000; printf "%.3f", v }'
}
share() { # a b: a as a whole percentage of b, or n/a
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "n/a" }'
}

# The machine may be shared (a build or tests of someone else): measure how much CPU went to
# processes other than the benchmark's JVMs and wrk during each measured run, in clock ticks.
cpu_ticks() { # "busy total" over all CPUs, from /proc/stat
    awk '$1 == "cpu" { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}
process_ticks() { # pid: user + system ticks the process used so far (nothing once it is gone)
    local fields
    fields=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null) || return 0
    awk '{ print $12 + $13 }' <<<"$fields"
}
each_process_ticks() { # "name ticks", one line per process this script started
    local i
    for (( i=0; i<${#PIDS[@]}; i++ )); do
        printf '%s %s\n' "${NAMES[$i]}" "$(process_ticks "${PIDS[$i]}")"
    done
}
children_ticks() { # user + system ticks of this shell's finished children (wrk, once reaped)
    # `times` must run in this shell, not in a $(...) subshell, which has no children of its own.
    times >"$WORK/times.txt"
    tail -n 1 "$WORK/times.txt" | awk -v hz="$(getconf CLK_TCK)" '{
        t = 0
        for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] }
        printf "%d", t * hz }'
}

measure() { # seconds url outfile [wrk options]...: a measured wrk run. Sets FOREIGN_CPU to the
    # other processes' share, and writes outfile.cpu: "name ticks" of each process this script
    # started, and of wrk, during the run (see cpu_ms_per_request).
    local busy0 total0 busy1 total1 ours0 ours1 children0 children1
    read -r busy0 total0 < <(cpu_ticks)
    each_process_ticks >"$WORK/ticks0.txt"
    children_ticks >"$WORK/children0.txt"
    run_wrk "$@"
    read -r busy1 total1 < <(cpu_ticks)
    each_process_ticks >"$WORK/ticks1.txt"
    children_ticks >"$WORK/children1.txt"
    children0=$(<"$WORK/children0.txt")
    children1=$(<"$WORK/children1.txt")
    ours0=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/ticks0.txt")
    ours1=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/ticks1.txt")
    awk 'NR == FNR { before[$1] = $2; next } { print $1, $2 - before[$1] }' \
        "$WORK/ticks0.txt" "$WORK/ticks1.txt" >"$3.cpu"
    echo "wrk $(( children1 - children0 ))" >>"$3.cpu"
    alive_or_die
    FOREIGN_CPU=$(awk -v b=$(( busy1 - busy0 )) -v t=$(( total1 - total0 )) \
        -v o=$(( ours1 - ours0 + children1 - children0 )) \
        'BEGIN { f = t > 0 ? 100 * (b - o) / t : 0; if (f < 0) f = 0; printf "%.0f %%", f }')
}
cpu_ms_per_request() { # outfile name: CPU milliseconds per request the process (all its instances: name, name-2, ...) used in that measured run
    awk -v name="$2" -v n="$(total_requests "$1")" -v hz="$(getconf CLK_TCK)" \
        '$1 == name || index($1, name "-") == 1 && substr($1, length(name) + 2) ~ /^[0-9]+$/ { found = 1; ticks += $2 }
         END { if (!found) print "-"; else if (n > 0) printf "%.2f", ticks * 1000 / hz / n; else print "n/a" }' "$1.cpu"
}

print_machine() { # the report's header lines common to every benchmark (wrk's version if it is used)
    echo "date:       $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine:    $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    echo "java:       $("$JAVA" -version 2>&1 | head -n 1)"
    if [[ "${1:-}" == with-wrk ]]; then
        echo "wrk:        $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    fi
}
