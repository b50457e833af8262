#!/usr/bin/env bash
# Benchmark tier for the local suite's start: starts the launcher (java -jar local-suite.jar, what
# ./local-suite.sh runs once the build is current) N times with empty data (--fresh, which writes the
# demo content) and N times on the data the previous run kept, and prints, for each run, the time
# from the command to NEWSROOM READY, the time from SIGTERM until the launcher and every process it
# started are gone, the CPU the suite used, the CPU other processes took meanwhile and the load
# average; then the median of each. Not part of `./mvnw verify`. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: bench/first-start.sh [--no-build] [--runs N] [--only fresh|kept] [--no-cds] [--cold]
                            [--launcher JAR]

  --no-build      use the jars already in */target (built by ./mvnw -DskipTests package otherwise)
  --runs N        measured starts of each kind (default 3)
  --only KIND     measure only fresh or only kept starts
  --no-cds        pass --no-cds to the launcher: the jars as built, no class-data archives
  --cold          forget the extracted jars and class-data archives first, so that the first start
                  (reported apart, not in the medians) is the first one after a build
  --launcher JAR  measure another launcher jar (an older build of local-suite, to compare); it is
                  run with --home set to this checkout
USAGE
}

BUILD=1
RUNS=3
ONLY=""
CDS_ARGS=()
COLD=0
LAUNCHER=local-suite/target/local-suite.jar
ORIGINAL_ARGS=("$@")

# shellcheck source=bench/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0; shift ;;
        --runs) positive_int "$1" "${2:-}"; RUNS="$2"; shift 2 ;;
        --only) [[ "${2:-}" == fresh || "${2:-}" == kept ]] || { usage >&2; exit 64; }; ONLY="$2"; shift 2 ;;
        --no-cds) CDS_ARGS=(--no-cds); shift ;;
        --cold) COLD=1; shift ;;
        --launcher) [[ -f "${2:-}" ]] || { echo "--launcher needs a jar, got '${2:-}'" >&2; exit 64; }
            LAUNCHER="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option: $1" >&2; usage >&2; exit 64 ;;
    esac
done

bench_begin
cd "$ROOT"
if (( BUILD )); then
    log "building (./mvnw -DskipTests package)"
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
fi
if (( COLD )); then
    log "forgetting the extracted jars and class-data archives (*/target/local-suite-cds)"
    rm -rf ./*/target/local-suite-cds
fi

# The suite on free ports, so that it never collides with a suite someone has running.
SUITE_ENV=()
for variable in GATEWAY_PORT USER_SERVICE_PORT ARTICLE_SERVICE_PORT COMMENT_SERVICE_PORT \
        TRENDING_SERVICE_PORT ASSISTANT_SERVICE_PORT KAFKA_PORT MONGO_PORT; do
    claim_port claimed
    SUITE_ENV+=("$variable=$claimed")
done
DATA="$WORK/data"
HZ=$(getconf CLK_TCK)

descendants() { # pid: every process below it
    local child
    for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        echo "$child"
        descendants "$child"
    done
}
ticks_of() { # pids...: their user + system ticks
    local pid sum=0 fields
    for pid in "$@"; do
        fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        sum=$(( sum + $(awk '{ print $12 + $13 }' <<<"$fields") ))
    done
    echo "$sum"
}

# One start: sets READY_S, STOP_S, SUITE_CPU, OTHER_CPU, LOAD, CPU_LINES; with wait-archives, keeps the
# suite up until the launcher has made the class-data archives it lacked.
one_start() { # kind [wait-archives]
    local kind="$1" out="$WORK/launcher-$1-$RANDOM.out" args=(--data-dir "$DATA" "${CDS_ARGS[@]}")
    [[ "$kind" == fresh ]] && args+=(--fresh)
    local busy0 total0 busy1 total1 t0 t1 t2 launcher children ours
    read -r busy0 total0 < <(cpu_ticks)
    LOAD="$(cut -d' ' -f1 /proc/loadavg)"
    : >"$out"
    t0=$(date +%s%N)
    env "${SUITE_ENV[@]}" "$JAVA" -jar "$LAUNCHER" --home "$ROOT" "${args[@]}" >"$out" 2>&1 &
    launcher=$!
    PIDS+=("$launcher")
    NAMES+=("launcher")
    until grep -q '^NEWSROOM READY' "$out"; do
        if ! kill -0 "$launcher" 2>/dev/null; then
            tail -n 40 "$out" >&2
            echo "the launcher ended before it was ready" >&2
            exit 1
        fi
        sleep 0.1
    done
    t1=$(date +%s%N)
    children=($(descendants "$launcher"))
    ours=$(ticks_of "$launcher" "${children[@]}")
    read -r busy1 total1 < <(cpu_ticks)
    READY_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    SUITE_CPU=$(awk -v t="$ours" -v hz="$HZ" 'BEGIN { printf "%.0f", t / hz }')
    OTHER_CPU=$(awk -v b=$(( busy1 - busy0 )) -v t=$(( total1 - total0 )) -v o="$ours" \
        'BEGIN { f = t > 0 ? 100 * (b - o) / t : 0; if (f < 0) f = 0; printf "%.0f %%", f }')
    # Launchers from before the ready lines print none: then the column stays empty.
    CPU_LINES=$({ grep -E '^  ready  ' "$out" || true; } | awk '{ printf "%s %s, ", $2, $(NF-3) }' | sed 's/, $//')
    if [[ "${2:-}" == wait-archives ]] && grep -q '^Making class-data archives' "$out"; then
        log "waiting for the class-data archives the launcher makes after its first start"
        until grep -qE '^Class-data archives:' "$out"; do sleep 1; done
    fi
    t2=$(date +%s%N)
    kill -TERM "$launcher"
    while kill -0 "$launcher" 2>/dev/null || { (( ${#children[@]} )) && ps -p "$(IFS=,; echo "${children[*]}")" >/dev/null 2>&1; }; do
        sleep 0.05
    done
    wait "$launcher" 2>/dev/null || true
    STOP_S=$(awk -v a="$t2" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
    PIDS=("${PIDS[@]:0:${#PIDS[@]}-1}")
    NAMES=("${NAMES[@]:0:${#NAMES[@]}-1}")
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

ROWS=()
row() { # label
    ROWS+=("$(printf '| %-22s | %7s s | %6s s | %5s s | %7s | %5s | %s |' "$1" "$READY_S" "$STOP_S" "$SUITE_CPU" "$OTHER_CPU" "$LOAD" "$CPU_LINES")")
    log "$1: ready in $READY_S s, stopped in $STOP_S s, suite CPU $SUITE_CPU s, other CPU $OTHER_CPU, load $LOAD"
}

# A first start prepares: the data for the kept runs, and the extracted jars and archives this build
# lacks (made after it is ready). Reported, not counted in the medians.
log "first start (prepares the data and anything this build lacks)"
one_start fresh wait-archives
row "first (not counted)"
FRESH=()
KEPT=()
for (( run = 1; run <= RUNS; run++ )); do
    if [[ "$ONLY" != kept ]]; then
        one_start fresh
        row "fresh $run"
        FRESH+=("$READY_S")
    fi
    if [[ "$ONLY" != fresh ]]; then
        one_start kept
        row "kept $run"
        KEPT+=("$READY_S")
    fi
done
SUCCESS=1

echo
echo "== Local suite: command -> NEWSROOM READY, SIGTERM -> every process gone =="
print_machine
echo "command:    bench/first-start.sh ${ORIGINAL_ARGS[*]}"
echo "launcher:   java -jar $LAUNCHER --home $ROOT --data-dir <temporary> [--fresh] ${CDS_ARGS[*]}"
echo
echo "| run                    |   ready   |  stop    | suite CPU | other CPU | load | CPU at ready (s), per process |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
echo
(( ${#FRESH[@]} )) && echo "median, fresh (--fresh, demo content written): $(printf '%s\n' "${FRESH[@]}" | median) s to NEWSROOM READY"
(( ${#KEPT[@]} )) && echo "median, kept data: $(printf '%s\n' "${KEPT[@]}" | median) s to NEWSROOM READY"
echo "other CPU: the share of the machine's CPU that processes other than the suite took while it started."
