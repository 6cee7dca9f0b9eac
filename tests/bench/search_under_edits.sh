#!/usr/bin/env bash
# Search over HTTP with and without an editor at work, side by side: wrk at
# 32 connections over the query paths for SECONDS, once calm and once while
# an editor PATCHes one entry a second (each change a new index revision,
# applied by the server's index follower). Prints one line:
#   calm_rps= calm_p99= edits_rps= edits_p99= edits= p99_ratio= rps_share=
#
# usage: search_under_edits.sh BUILD_DIR DATA_DIR PATHS_FILE [SECONDS=20]
# (DATA_DIR: an imported and indexed catalog; it gains one entry and a token)
set -euo pipefail
BUILD=$(cd "${1:?usage: search_under_edits.sh BUILD_DIR DATA_DIR PATHS_FILE [SECONDS]}" && pwd)
DATA=${2:?data dir}
PATHS=${3:?paths file}
SECONDS_TO_RUN=${4:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp -d)
TOKEN=$("$BUILD/indexer/lc-indexer" token create --name bench-editor --role editor --data "$DATA" 2> /dev/null)

"$BUILD/api/lc-api" --data "$DATA" --port 0 --web "" > "$OUT/api.out" 2> "$OUT/api.err" &
API_PID=$!
cleanup() {
    touch "$OUT/editor.stop"
    if [ -n "${EDITOR_PID:-}" ]; then wait "$EDITOR_PID" 2> /dev/null || true; fi
    kill "$API_PID" 2> /dev/null || true
    wait "$API_PID" 2> /dev/null || true
    rm -rf "$OUT"
}
trap cleanup EXIT
for _ in $(seq 1200); do grep -q listening "$OUT/api.out" && break; sleep 0.1; done
URL="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$OUT/api.out" | cut -d: -f2)"
SLUG="bench-editor-$$"
curl -sf -o /dev/null -X POST "$URL/api/entries" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"slug\":\"$SLUG\",\"kind\":\"event\",\"name\":{\"vi\":\"Bản tin thử\"},\"summary\":{\"vi\":\"Bản 0\"}}"

run_wrk() {  # run_wrk LOG
    wrk -t2 -c32 -d"${SECONDS_TO_RUN}s" --latency -s "$HERE/wrk_requests.lua" "$URL" -- "$PATHS" > "$1"
}
wrk -t2 -c32 -d5s -s "$HERE/wrk_requests.lua" "$URL" -- "$PATHS" > /dev/null  # warm-up
run_wrk "$OUT/calm.log"
(
    n=0
    while [ ! -e "$OUT/editor.stop" ]; do
        n=$((n + 1))
        curl -s -o /dev/null -X PATCH "$URL/api/entries/$SLUG" -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/merge-patch+json' -d "{\"summary\":{\"vi\":\"Bản $n\"}}"
        echo "$n" > "$OUT/edits"
        sleep 1
    done
) &
EDITOR_PID=$!
run_wrk "$OUT/edits.log"
touch "$OUT/editor.stop"

ms() {  # wrk's latency (e.g. 812.00us, 13.80ms, 1.20s) in ms
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.2f", n }'
}
calm_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/calm.log")
calm_p99=$(ms "$(awk '$1 == "99%" {print $2}' "$OUT/calm.log")")
edits_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/edits.log")
edits_p99=$(ms "$(awk '$1 == "99%" {print $2}' "$OUT/edits.log")")
echo "calm_rps=$calm_rps calm_p99=$calm_p99 edits_rps=$edits_rps edits_p99=$edits_p99 edits=$(cat "$OUT/edits" 2> /dev/null || echo 0)" \
    "p99_ratio=$(awk -v a="$edits_p99" -v b="$calm_p99" 'BEGIN { printf "%.2f", a / b }')" \
    "rps_share=$(awk -v a="$edits_rps" -v b="$calm_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
grep -E "Non-2xx|Socket errors" "$OUT"/*.log || true
