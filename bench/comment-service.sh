#!/usr/bin/env bash
# Benchmark tier for comment-service: RealWorld's comment list of one story, direct to the service on
# the embedded infrastructure (Kafka broker + in-memory mongo-java-server), measured with wrk after a
# proper warm-up, with the service's own CPU time per request. Not part of `./mvnw verify`. See
# bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: bench/comment-service.sh [--no-build] [--warmup SECONDS] [--duration SECONDS]
                                [--connections N] [--threads N] [--rounds N] [--no-roof]
                                [--jfr DIR] [--comment-jar JAR] [--comment-arg ARG]
                                [--comment-jvm-arg ARG]

  --no-build          use the jars already in */target (they are still copied first)
  --warmup SECONDS    load on each endpoint before counting (default 60)
  --duration SECONDS  measured run per endpoint and round (default 30)
  --connections N     wrk connections (default 32)
  --threads N         wrk threads (default 2)
  --rounds N          measured rounds, each every endpoint in turn (default 1)
  --no-roof           measure only the comment list, not the liveness endpoint beside it
  --jfr DIR           after the measured rounds, one more run of the comment list with a JFR profile
                      (1 ms execution samples) of comment-service into DIR; prints its hottest frames
  --comment-jar JAR   run this comment-service jar instead of comment-service/target's (e.g. an
                      older build, to compare before and after back to back)
  --comment-arg ARG   an extra argument for comment-service, e.g.
                      --comment-arg=--newsroom.logging.automatic-request-id=false (repeatable)
  --comment-jvm-arg ARG  an extra JVM option for comment-service (repeatable)
EOF
}

BUILD=1
WARMUP=60
DURATION=30
CONNECTIONS=32
THREADS=2
ROUNDS=1
ROOF=1
JFR_DIR=""
COMMENT_JAR=""
COMMENT_ARGS=()
COMMENT_JVM_ARGS=()
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
        --rounds) positive_int "$1" "${2:-}"; ROUNDS="$2"; shift 2 ;;
        --no-roof) ROOF=0; shift ;;
        --jfr) [[ -n "${2:-}" ]] || { echo "--jfr needs a folder" >&2; exit 64; }; JFR_DIR="$2"; shift 2 ;;
        --comment-jar) [[ -f "${2:-}" ]] || { echo "--comment-jar needs a jar file, got '${2:-}'" >&2; exit 64; }
            COMMENT_JAR="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        --comment-arg=*) COMMENT_ARGS+=("${1#--comment-arg=}"); shift ;;
        --comment-arg) [[ -n "${2:-}" ]] || { echo "--comment-arg needs a value" >&2; exit 64; }
            COMMENT_ARGS+=("$2"); shift 2 ;;
        --comment-jvm-arg=*) COMMENT_JVM_ARGS+=("${1#--comment-jvm-arg=}"); shift ;;
        --comment-jvm-arg) [[ -n "${2:-}" ]] || { echo "--comment-jvm-arg needs a value" >&2; exit 64; }
            COMMENT_JVM_ARGS+=("$2"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done
if (( THREADS > CONNECTIONS )); then
    echo "--threads ($THREADS) must not exceed --connections ($CONNECTIONS)" >&2
    exit 64
fi
if [[ -n "$JFR_DIR" ]]; then
    mkdir -p "$JFR_DIR"
    JFR_DIR="$(cd "$JFR_DIR" && pwd)"
    JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
    JFR_TOOL="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
fi

bench_begin
cd "$ROOT"

# The same JVM flags for every service, as production would run them (full tiered JIT).
SERVICE_JAVA_OPTS=(-Xmx512m -XX:+UseParallelGC)
MODULES=(embedded-infra user-service article-service comment-service)

if (( BUILD )); then
    log "building ${MODULES[*]} (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "${MODULES[*]}")" -am
fi
if [[ -n "$COMMENT_JAR" ]]; then
    copy_jars embedded-infra user-service article-service
    cp "$COMMENT_JAR" "$WORK/jars/comment-service.jar"
else
    copy_jars "${MODULES[@]}"
fi
ensure_wrk

claim_port KAFKA_PORT
claim_port MONGO_PORT
claim_port USER_PORT
claim_port ARTICLE_PORT
claim_port COMMENT_PORT

# ---------------------------------------------------------------------------------------------
# Start the broker, the store and the three services, each a separate JVM: comment-service learns
# articles from newsroom.articles.v1 and verifies tokens against user-service's key set.
# ---------------------------------------------------------------------------------------------
start_infrastructure "$WORK/jars/embedded-infra.jar" "$KAFKA_PORT" "$MONGO_PORT"

USER_URL="http://127.0.0.1:$USER_PORT"
ARTICLE_URL="http://127.0.0.1:$ARTICLE_PORT"
COMMENT_URL="http://127.0.0.1:$COMMENT_PORT"
start_service() { # module port database [jvm options...] -- [arguments...]
    local module="$1" port="$2" database="$3" jvm=() args=()
    shift 3
    while [[ $# -gt 0 && "$1" != -- ]]; do jvm+=("$1"); shift; done
    [[ $# -gt 0 ]] && shift
    args=("$@")
    start "$module" env PORT="$port" MANAGEMENT_PORT=0 \
        MONGO_URI="mongodb://127.0.0.1:$MONGO_PORT/$database" \
        KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" \
        USER_SERVICE_URL="$USER_URL" \
        "$JAVA" "${SERVICE_JAVA_OPTS[@]}" ${jvm[@]+"${jvm[@]}"} -jar "$WORK/jars/$module.jar" ${args[@]+"${args[@]}"}
}
start_service user-service "$USER_PORT" newsroom-users
start_service article-service "$ARTICLE_PORT" newsroom-articles
start_service comment-service "$COMMENT_PORT" newsroom-comments \
    ${COMMENT_JVM_ARGS[@]+"${COMMENT_JVM_ARGS[@]}"} -- ${COMMENT_ARGS[@]+"${COMMENT_ARGS[@]}"}
COMMENT_PID="${PIDS[${#PIDS[@]}-1]}"
MONGO_PID="${PIDS[1]}"
wait_http_ready user-service "$USER_PORT" 600
wait_http_ready article-service "$ARTICLE_PORT" 600
wait_http_ready comment-service "$COMMENT_PORT" 600

# ---------------------------------------------------------------------------------------------
# Seed: one user, one story with a ~1.9 KB Markdown body, five comments of realistic length (some
# with Markdown, none that moderation would hold), posted once comment-service knows the story.
# ---------------------------------------------------------------------------------------------
register_user "$USER_URL"

story_body() { # about 1.9 KB of Markdown, as a JSON string's content
    local b=""
    b+="## What happened\\n\\nThe council voted **7 to 4** on Tuesday night to close the old bridge to cars from "
    b+="March, after an inspection found *corrosion* in two of its five steel girders. Buses, bicycles and "
    b+="people on foot may still cross while a replacement is designed.\\n\\n"
    b+="> We cannot ask engineers to sign off on a structure they do not trust, said the mayor, who "
    b+="voted with the majority.\\n\\n"
    b+="## What it means for commuters\\n\\n- About 14 000 cars cross the bridge on a weekday, according to "
    b+="the last traffic count.\\n- The detour through the ring road adds 9 to 15 minutes at peak hours.\\n"
    b+="- Two extra bus lines start on the first Monday of March, every 10 minutes.\\n\\n"
    b+="Shops on the east bank fear fewer customers; the chamber of commerce asked for free parking near "
    b+="the footbridge, which the council will discuss next month. Residents of the streets along the "
    b+="detour asked for speed bumps and a lower limit, and the police announced more checks.\\n\\n"
    b+="## What comes next\\n\\nThe design of the new bridge is due in the autumn; the city's own estimate is "
    b+="between 40 and 55 million, of which the region promised a third. Building would take two years. "
    b+="Read the [inspection report](https://example.com/reports/bridge-2026.pdf) and the "
    b+="[council minutes](https://example.com/council/2026-02-17) for the details.\\n\\n"
    b+="The opposition called the decision rushed and asked why the corrosion found in 2019 was not "
    b+="repaired then; the works department answered that the repairs planned at the time were postponed "
    b+="twice for lack of money, and that the girders had been checked every year since. An independent "
    b+="review of those inspections was ordered on Wednesday and should be published before the summer. "
    b+="Until then, the weight limit for buses stays at 18 tonnes, and lorries must take the ring road."
    printf '%s' "$b"
}
COMMENT_BODIES=(
    "Finally. I cross that bridge every day on my bike and the cracks under the east ramp have been visible for years. **Good decision**, even if it is late."
    "Nine to fifteen minutes is optimistic. The ring road is already jammed at 8 am; add 14 000 cars and it will be half an hour. Did anyone model this?"
    "For those asking, the inspection report is worth reading in full:\\n\\n- section 3 has the photos of the girders\\n- section 5 explains why a repair is not enough\\n\\nIt is long but clear."
    "> Shops on the east bank fear fewer customers\\n\\nThey should. I run a bakery two streets from the bridge and half of my morning customers drive in from the west side. Free parking near the footbridge would help, *if* it comes before March."
    "Good article, thanks. One correction: the extra bus lines were announced for the *second* Monday of March, not the first, according to the transport company's site."
)
post_json() { # url json: POSTs as $TOKEN, prints the answer, fails on an HTTP error
    curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
        -H "Authorization: Token $TOKEN" -d "$2" "$1"
}

BODY="$(story_body)"
RESPONSE=$(post_json "$ARTICLE_URL/api/articles" \
    "{\"article\":{\"title\":\"Council closes the old bridge to cars from March\",\"description\":\"Corrosion found in two girders; buses, bikes and pedestrians may still cross\",\"body\":\"$BODY\",\"tagList\":[\"city\",\"transport\",\"bench\"]}}")
SLUG=$(printf '%s' "$RESPONSE" | json_field slug)
[[ -n "$SLUG" ]] || { echo "could not read the story's slug: $RESPONSE" >&2; exit 1; }
log "created story '$SLUG'"

deadline=$(( SECONDS + 60 ))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$COMMENT_URL/api/articles/$SLUG/comments" || true)" == 200 ]]; do
    alive_or_die
    (( SECONDS < deadline )) || { echo "comment-service did not learn of '$SLUG' within 60 s" >&2; exit 1; }
    sleep 0.5
done
log "comment-service knows the story"

for body in "${COMMENT_BODIES[@]}"; do
    post_json "$COMMENT_URL/api/articles/$SLUG/comments" "{\"comment\":{\"body\":\"$body\"}}" >/dev/null
done
LIST_URL="$COMMENT_URL/api/articles/$SLUG/comments"
LIST=$(curl -sS --fail-with-body --max-time 10 "$LIST_URL")
SHOWN=$(grep -o '"status":"published"' <<<"$LIST" | wc -l)
(( SHOWN == ${#COMMENT_BODIES[@]} )) || { echo "the list shows $SHOWN published comments, not ${#COMMENT_BODIES[@]}: $LIST" >&2; exit 1; }
log "seeded: the list answers ${#LIST} bytes with $SHOWN comments"

# ---------------------------------------------------------------------------------------------
# Load: warm every endpoint, then measure each in turn, ROUNDS times, with comment-service's (and
# the store's) CPU time over each measured run.
# ---------------------------------------------------------------------------------------------
ENDPOINT_NAMES=("GET /api/articles/{slug}/comments")
ENDPOINT_URLS=("$LIST_URL")
if (( ROOF )); then
    ENDPOINT_NAMES+=("GET /livez")
    ENDPOINT_URLS+=("$COMMENT_URL/livez")
fi

proc_ticks() { # pid: utime + stime in clock ticks
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
sys_ticks() { # pid: stime in clock ticks
    sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $13 }'
}
ms_per_request() { # ticks requests
    awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { if (n > 0) printf "%.3f", 1000 * t / hz / n; else print "n/a" }'
}

jfr_start() {
    "$JFR_TOOL" configure --input profile 'jdk.ExecutionSample#period=1ms' \
        --output "$WORK/sampling.jfc" >/dev/null
    "$JCMD" "$COMMENT_PID" JFR.start name=bench settings="$WORK/sampling.jfc" >/dev/null
}
jfr_stop() {
    "$JCMD" "$COMMENT_PID" JFR.stop name=bench filename="$JFR_DIR/comment-service.jfr" >/dev/null
}

LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
    log "warm-up ${WARMUP}s: ${ENDPOINT_NAMES[$i]}"
    run_wrk "$WARMUP" "${ENDPOINT_URLS[$i]}" "$WORK/warmup-$i.txt"
    alive_or_die
done

ROWS=()
for (( r=1; r<=ROUNDS; r++ )); do
    for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
        f="$WORK/measure-$r-$i.txt"
        log "round $r, measuring ${DURATION}s: ${ENDPOINT_NAMES[$i]}"
        c0=$(proc_ticks "$COMMENT_PID")
        s0=$(sys_ticks "$COMMENT_PID")
        m0=$(proc_ticks "$MONGO_PID")
        measure "$DURATION" "${ENDPOINT_URLS[$i]}" "$f"
        c1=$(proc_ticks "$COMMENT_PID")
        s1=$(sys_ticks "$COMMENT_PID")
        m1=$(proc_ticks "$MONGO_PID")
        n=$(total_requests "$f")
        ROWS+=("$(printf '| %5s | %-33s | %10s | %9s | %9s | %8s | %6s | %11s | %8s | %9s | %9s |' \
            "$r" "${ENDPOINT_NAMES[$i]}" "$(rps "$f")" "$(percentile 50 "$f")" "$(percentile 99 "$f")" \
            "$n" "$(errors "$f")" "$(ms_per_request $(( c1 - c0 )) "$n")" "$(share $(( s1 - s0 )) $(( c1 - c0 )))" \
            "$(ms_per_request $(( m1 - m0 )) "$n")" "$FOREIGN_CPU")")
    done
done

# The profile comes from a run of its own after the measured ones: recording (the profile settings,
# 1 ms samples) costs the service CPU too, which the measured figures must not include.
if [[ -n "$JFR_DIR" ]]; then
    jfr_start
    log "profiling ${DURATION}s: ${ENDPOINT_NAMES[0]}"
    run_wrk "$DURATION" "${ENDPOINT_URLS[0]}" "$WORK/profiled.txt"
    jfr_stop
fi

# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------
COMMAND="bench/comment-service.sh"
(( ${#ORIGINAL_ARGS[@]} )) && COMMAND+=" ${ORIGINAL_ARGS[*]}"

echo
echo "== comment-service benchmark =="
print_machine with-wrk
echo "processes:  user-service, article-service, comment-service, each ${SERVICE_JAVA_OPTS[*]}; embedded Kafka (KRaft), mongo-java-server --in-memory; all and wrk on the same $(nproc) cores"
echo "jar:        ${COMMENT_JAR:-comment-service/target} ($(sha1sum "$WORK/jars/comment-service.jar" | cut -c1-12))"
echo "extra:      $(x="${COMMENT_JVM_ARGS[*]:-} ${COMMENT_ARGS[*]:-}"; x="${x# }"; echo "${x:-none}")"
echo "seed:       one story ($(( ${#BODY} )) characters of Markdown, JSON-escaped), ${#COMMENT_BODIES[@]} comments; the list answers ${#LIST} bytes"
echo "load:       wrk -t$THREADS -c$CONNECTIONS --latency on 127.0.0.1, ${WARMUP}s warm-up per endpoint, then $ROUNDS round(s) of ${DURATION}s per endpoint"
echo "reproduce:  $COMMAND"
echo
printf '| %5s | %-33s | %10s | %9s | %9s | %8s | %6s | %11s | %8s | %9s | %9s |\n' \
    round endpoint "requests/s" p50 p99 requests errors "service CPU" "of it sys" "store CPU" "other CPU"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "-------" "$(printf -- '-%.0s' $(seq 1 35))" \
    "------------" "-----------" "-----------" "----------" "--------" "-------------" "----------" "-----------" "-----------"
printf '%s\n' "${ROWS[@]}"
echo
echo "service CPU: comment-service's user + system CPU time per request over the measured run, in ms"
echo "(from /proc/<pid>/stat; \"of it sys\": the system share, the kernel's work for its sockets and"
echo "thread wake-ups); store CPU: mongo-java-server's, the same way. other CPU: share of the"
echo "machine's CPU time used by processes other than this benchmark's JVMs and wrk during that run"
echo "(a concurrent build shows up there; above a few % the figures are disturbed)."
echo "load average before the warm-up: $LOADAVG_BEFORE; after the last run: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ -n "$JFR_DIR" ]]; then
    JFR_FILE="$JFR_DIR/comment-service.jfr"
    "$JFR_TOOL" print --events jdk.ExecutionSample --stack-depth 64 "$JFR_FILE" >"$WORK/samples.txt"
    # Per sample: its thread (digits dropped, so a pool is one row), its top frame (self) and every
    # distinct method on its stack (inclusive).
    awk -v out="$WORK" '
        function method(line) { sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*$/, "", line); return line }
        /^jdk.ExecutionSample/ { total++; depth = -1; delete seen }
        /sampledThread = / { t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); gsub(/[0-9]+/, "N", t); thread[t]++ }
        /stackTrace = \[/ { depth = 0; next }
        depth >= 0 && /^[ \t]+\]/ { depth = -1; next }
        depth >= 0 && /line:|\(\)/ {
            m = method($0)
            if (m == "...") next
            if (depth == 0) {
                self[m]++
                n = split(m, part, ".")
                pkg[part[1] "." part[2] "." part[3]]++
            }
            # The plumbing every sample runs through says nothing about where the time goes.
            if (!(m in seen) && m !~ /^(reactor\.core\.publisher|io\.netty|java\.util\.stream|java\.lang\.Thread)\./) {
                seen[m] = 1
                incl[m]++
            }
            depth++
        }
        END {
            print total > (out "/total.txt")
            for (m in self) printf "%d\t%s\n", self[m], m > (out "/self.txt")
            for (m in incl) printf "%d\t%s\n", incl[m], m > (out "/incl.txt")
            for (t in thread) printf "%d\t%s\n", thread[t], t > (out "/threads.txt")
            for (p in pkg) printf "%d\t%s\n", pkg[p], p > (out "/packages.txt")
        }' "$WORK/samples.txt"
    TOTAL=$(<"$WORK/total.txt")
    top() { # file count (awk reads all of sort's output: no early close, no SIGPIPE under pipefail)
        sort -t$'\t' -k1,1nr "$1" |
            awk -F'\t' -v total="$TOTAL" -v n="$2" 'NR <= n { printf "  %5.1f %%  %6d  %s\n", 100 * $1 / total, $1, $2 }'
    }
    echo
    echo "== JFR: comment-service during an extra ${DURATION}s run of the comment list, not measured ($TOTAL execution samples, 1 ms period) =="
    echo "recording: $JFR_FILE (open in JDK Mission Control, or: jfr print --events jdk.ExecutionSample $JFR_FILE)"
    echo
    echo "samples by thread:"
    top "$WORK/threads.txt" 10
    echo
    echo "top frames by package (self: the first three parts of the running method's name):"
    top "$WORK/packages.txt" 20
    echo
    echo "top frames (self: the method running when sampled):"
    top "$WORK/self.txt" 30
    echo
    echo "on the stack (inclusive: the sample's first 64 frames hold the method; Reactor's operators,"
    echo "Netty and Thread.run left out, as nearly every sample runs through them):"
    top "$WORK/incl.txt" 60
fi
echo
for row in $(seq 1 "$ROUNDS"); do
    for (( i=0; i<${#ENDPOINT_URLS[@]}; i++ )); do
        if [[ "$(errors "$WORK/measure-$row-$i.txt")" != 0 ]]; then
            echo "warning: round $row ${ENDPOINT_NAMES[$i]} had errors; wrk said:" >&2
            cat "$WORK/measure-$row-$i.txt" >&2
        fi
    done
done
SUCCESS=1
