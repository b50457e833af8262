# The report of bench/read-path.sh (sourced by it once every measured round is done, not run on its
# own): it reads the variables and the wrk outputs that read-path.sh left in $WORK.
# shellcheck shell=bash

TOP_FRAMES=15
JFR25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr

verdict() { # ratio target errors: PASS or MISS against a target ("-": none)
    local word
    if [[ "$2" == - ]]; then
        word="(no target)"
    else
        word=$(awk -v r="$1" -v t="$2" 'BEGIN { print (r != "n/a" && r + 0 >= t + 0) ? "PASS" : "MISS" }')
    fi
    if [[ "$3" != 0 ]]; then word+=" (errors: not valid)"; fi
    echo "$word"
}

mib() { awk -v k="$1" 'BEGIN { if (k == "") print "-"; else printf "%.0f", k / 1024 }'; }

jfr_top() { # recording: the methods most often on top of the stack in the recording's samples
    if [[ -x "$JFR25" ]]; then
        "$JFR25" view --width 160 hot-methods "$1" 2>&1 | head -n $(( TOP_FRAMES + 6 ))
    else
        "${JAVA_HOME:+$JAVA_HOME/bin/}jfr" print --events jdk.ExecutionSample --stack-depth 1 "$1" | awk '
            /stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*$/, ""); n[$0]++; total++ }
            END { for (f in n) printf "%7d  %5.1f %%  %s\n", n[f], 100 * n[f] / total, f
                  if (total == 0) print "      0 samples" }' | sort -rn | head -n "$TOP_FRAMES"
    fi
}

print_report() {
    local command="bench/read-path.sh" r i k d g f p name errors ratio_rps
    (( ${#ORIGINAL_ARGS[@]} )) && command+=" ${ORIGINAL_ARGS[*]}"

    echo
    echo "== read-path benchmark =="
    print_machine with-wrk
    echo "processes:  gateway, user-, article-, comment- and trending-service, each ${SERVICE_JAVA_OPTS[*]}, then:"
    for name in gateway user-service article-service comment-service trending-service; do
        jvm_options "$name"
        echo "              $name: ${JVM_OPTIONS[*]:${#SERVICE_JAVA_OPTS[@]}}"
    done
    echo "            embedded Kafka (KRaft) -Xmx512m, mongo-java-server --in-memory -Xmx1g"
    echo "            all of them and wrk share the machine's $(nproc) cores"
    if (( INSTANCES > 1 )); then
        echo "instances:  $INSTANCES of article- and of comment-service, balanced by the gateway; direct reads go to the first; their CPU columns sum every instance"
    fi
    echo "gateway:    rate limit on (budget $RATE_LIMIT a second, never reached); extra args: $(x="${GATEWAY_JVM_ARGS[*]:-} ${GATEWAY_ARGS[*]:-}"; x="${x# }"; echo "${x:-none}")"
    echo "seed:       $STORIES stories (~1.9 KB Markdown, 3 tags of 20) by one author; hot story $HOT with 5 comments (2 commenters); a reader who follows the author"
    echo "answers:    direct story $STORY_BYTES bytes, comment list $COMMENTS_BYTES, list of 20 $LIST_BYTES; page through the gateway $PAGE_BYTES"
    echo "load:       wrk -t$THREADS -c$CONNECTIONS --latency on 127.0.0.1, ${WARMUP}s warm-up per endpoint, then $ROUNDS round(s) of ${DURATION}s per endpoint, direct and gateway back to back"
    echo "reproduce:  $command"
    echo
    printf '| %5s | %-19s | %-21s | %10s | %9s | %9s | %8s | %6s | %9s |\n' \
        round endpoint route "requests/s" p50 p99 requests errors "other CPU"
    printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "-------" "---------------------" "-----------------------" \
        "------------" "-----------" "-----------" "----------" "--------" "-----------"
    for (( r=1; r<=ROUNDS; r++ )); do
        for (( i=0; i<ENDPOINTS; i++ )); do
            f="$WORK/measure-$r-$i.txt"
            printf '| %5s | %-19s | %-21s | %10s | %9s | %9s | %8s | %6s | %9s |\n' \
                "$r" "${E_LABELS[$i]}" "${E_ROUTES[$i]}" "$(rps "$f")" "$(percentile 50 "$f")" \
                "$(percentile 99 "$f")" "$(total_requests "$f")" "$(errors "$f")" "${RESULT_FOREIGN[$r-$i]}"
        done
    done

    echo
    echo "gateway / direct (requests/s), per round, against the issue's targets:"
    echo
    printf '| %5s | %-19s | %-24s | %8s | %6s | %-26s | %9s |\n' round pair what ratio target verdict "p99 ratio"
    printf '|%s|%s|%s|%s|%s|%s|%s|\n' "-------" "---------------------" "--------------------------" \
        "----------" "--------" "----------------------------" "-----------"
    for (( r=1; r<=ROUNDS; r++ )); do
        for (( k=0; k<${#PAIR_NAMES[@]}; k++ )); do
            d="$WORK/measure-$r-$(( 2 * k )).txt"
            g="$WORK/measure-$r-$(( 2 * k + 1 )).txt"
            ratio_rps=$(ratio "$(rps "$g")" "$(rps "$d")")
            errors=$(( $(errors "$d") + $(errors "$g") ))
            printf '| %5s | %-19s | %-24s | %8s | %6s | %-26s | %9s |\n' "$r" "${PAIR_NAMES[$k]}" \
                "${PAIR_LABELS[$k]}" "$ratio_rps" "${PAIR_TARGETS[$k]}" \
                "$(verdict "$ratio_rps" "${PAIR_TARGETS[$k]}" "$errors")" \
                "$(ratio "$(to_ms "$(percentile 99 "$g")")" "$(to_ms "$(percentile 99 "$d")")") x"
        done
    done
    if [[ " ${PAIR_NAMES[*]} " == *" comments-hot "* ]]; then
        k=0
        while [[ "${PAIR_NAMES[$k]}" != comments-hot ]]; do k=$(( k + 1 )); done
        echo
        echo "comment-service CPU per list of 5 comments, direct, last round: $(cpu_ms_per_request \
            "$WORK/measure-$ROUNDS-$(( 2 * k )).txt" comment-service) ms (the issue: ~2.2 ms, to be cut by 4x)"
    fi

    echo
    echo "CPU milliseconds per request, by process, in each measured run (from /proc/<pid>/stat):"
    echo
    local order=(gateway user-service article-service comment-service trending-service mongo kafka wrk)
    printf '| %5s | %-19s | %-21s |' round endpoint route
    for name in "${order[@]}"; do printf ' %8s |' "${name%-service}"; done
    echo
    printf '|%s|%s|%s|' "-------" "---------------------" "-----------------------"
    for name in "${order[@]}"; do printf '%s|' "----------"; done
    echo
    for (( r=1; r<=ROUNDS; r++ )); do
        for (( i=0; i<ENDPOINTS; i++ )); do
            printf '| %5s | %-19s | %-21s |' "$r" "${E_LABELS[$i]}" "${E_ROUTES[$i]}"
            for name in "${order[@]}"; do
                printf ' %8s |' "$(cpu_ms_per_request "$WORK/measure-$r-$i.txt" "$name")"
            done
            echo
        done
    done

    echo
    echo "memory (VmRSS, MiB): at the start (seeded, before the warm-up) and after the last round; the issue's bound is 256 MiB per service:"
    echo
    printf '| %-17s | %8s | %8s | %-16s |\n' process start after "<= 256 MiB"
    printf '|%s|%s|%s|%s|\n' "-------------------" "----------" "----------" "------------------"
    for (( p=0; p<${#PIDS[@]}; p++ )); do
        name="${NAMES[$p]}"
        case "$name" in
            kafka|mongo) d="(infrastructure)" ;;
            *) d=$(awk -v k="${RSS_END[$p]:-0}" 'BEGIN { print (k > 0 && k <= 256 * 1024) ? "PASS" : "MISS" }') ;;
        esac
        printf '| %-17s | %8s | %8s | %-16s |\n' "$name" "$(mib "${RSS_START[$p]}")" "$(mib "${RSS_END[$p]}")" "$d"
    done

    echo
    echo "warm-up, requests/s per ${WARMUP_SLICE} s (flat at the end means warm; still rising means give it a longer --warmup):"
    echo
    for (( i=0; i<ENDPOINTS; i++ )); do
        printf '  %-19s %-21s %s\n' "${E_LABELS[$i]}" "${E_ROUTES[$i]}" "${WARM_CURVES[$i]}"
    done

    echo
    echo "other CPU: share of the machine's CPU time used by processes other than this benchmark's"
    echo "JVMs and wrk during that measured run (a concurrent build or test run shows up here; above a"
    echo "few % the figures are disturbed: run again on a quiet machine)."
    echo "load average before the warm-up: $LOADAVG_BEFORE; after the last run: $(cut -d' ' -f1-3 /proc/loadavg)"

    if [[ -n "$JFR_DIR" ]]; then
        echo
        echo "JFR (settings=profile) over the measured rounds, recordings in $JFR_DIR; hottest methods per process:"
        for (( p=0; p<${#PIDS[@]}; p++ )); do
            f="$JFR_DIR/${NAMES[$p]}.jfr"
            echo
            echo "-- ${NAMES[$p]} ($f)"
            if [[ -s "$f" ]]; then jfr_top "$f"; else echo "   no recording"; fi
        done
    fi

    for (( r=1; r<=ROUNDS; r++ )); do
        for (( i=0; i<ENDPOINTS; i++ )); do
            if [[ "$(errors "$WORK/measure-$r-$i.txt")" != 0 ]]; then
                echo "warning: round $r, ${E_LABELS[$i]} via ${E_ROUTES[$i]} had errors; wrk said:" >&2
                cat "$WORK/measure-$r-$i.txt" >&2
            fi
        done
    done
}
