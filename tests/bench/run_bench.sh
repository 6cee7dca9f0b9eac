#!/usr/bin/env bash
# `make bench`: indexing and search benchmarks on generated corpora.
#
# For each size (default 10,000 and 100,000 entries of
# tests/support/synthetic_catalog.py --seed 1):
#   import and index throughput, peak memory and index size (lc-indexer);
#   the Python-bindings peer indexing the same texts (tests/bench/peer_index.py);
#   in-process search latency with exact facets beside SQLite FTS5, and how
#   much of the full ranking's first page the shortlist keeps (search_bench);
#   HTTP throughput of /api/search (with and without the answer cache), of
#   the server-rendered search page /vi/search (no answer cache, beside the
#   API's figure without it) and of /healthz with wrk, 32 connections; and search with an editor changing an
#   entry every second beside the same run without (search_under_edits.sh).
# Results: BUILD/bench/results.md (a Markdown table) and the raw logs beside it.
#
# usage: run_bench.sh BUILD_DIR [SIZES...]
set -euo pipefail
BUILD=$(cd "${1:?usage: run_bench.sh BUILD_DIR [SIZES...]}" && pwd)
shift
SIZES=("${@:-10000 100000}")
read -r -a SIZES <<< "${SIZES[*]}"
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
GEN="$ROOT/tests/support/synthetic_catalog.py"
OUT="$BUILD/bench"
WRK_SECONDS=${WRK_SECONDS:-20}
mkdir -p "$OUT"
INDEXER="$BUILD/indexer/lc-indexer"
API="$BUILD/api/lc-api"
RESULTS="$OUT/results.md"

# Seconds and peak RSS (MB) of a command, from GNU time.
timed() {  # timed LOG CMD...
    local log=$1; shift
    /usr/bin/time -f "elapsed=%e maxrss_kb=%M" -o "$log.time" "$@" > "$log" 2>&1
    cat "$log.time" >> "$log"
}
field() { grep -o "$2=[0-9.]*" "$1" | tail -1 | cut -d= -f2; }
# wrk's latency (812.00us, 13.80ms, 1.20s) in ms.
ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v += 0; else if (t ~ /s$/) v *= 1000; printf "%.3f", v }'; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }
dir_mb() { du -sm "$1" | cut -f1; }

python3 "$GEN" --queries 1000 --seed 42 > "$OUT/queries.txt"
python3 "$HERE/make_paths.py" "$OUT/queries.txt" > "$OUT/search_paths.txt"
python3 "$HERE/make_paths.py" "$OUT/queries.txt" --page > "$OUT/page_paths.txt"

{
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d)"
    echo
    echo "| entries | import (entries/s, peak MB) | index (entries/s, peak MB, size MB) | Python peer (entries/s, peak MB, size MB) | index ÷ peer | search p50 / p99 ms (exact facets) | first page as full ranking (recall@10) | FTS5 p50 / p99 ms | /api/search req/s (p99 ms) | same, no answer cache | /healthz req/s | search ÷ healthz (no cache) | /vi/search page req/s (p99 ms), no answer cache | page p99 ÷ API p99 (no cache) | server peak MB | with an edit a second: req/s (p99 ms) | p99 ÷ calm p99, req/s ÷ calm |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"

for N in "${SIZES[@]}"; do
    CORPUS="$OUT/corpus-$N.jsonl"
    DATA="$OUT/data-$N"
    [ -s "$CORPUS" ] || python3 "$GEN" --count "$N" --seed 1 > "$CORPUS"
    rm -rf "$DATA" "$OUT/peer-$N"
    echo "== $N entries: import"
    timed "$OUT/import-$N.log" "$INDEXER" import "$CORPUS" --data "$DATA"
    echo "== $N entries: index"
    timed "$OUT/index-$N.log" "$INDEXER" index --data "$DATA"
    echo "== $N entries: Python peer"
    timed "$OUT/peer-$N.log" /usr/bin/python3 "$HERE/peer_index.py" "$CORPUS" "$OUT/peer-$N"
    echo "== $N entries: in-process search and FTS5"
    "$BUILD/tests/bench/search_bench" --data "$DATA" --corpus "$CORPUS" --queries "$OUT/queries.txt" \
        --fts "$OUT/fts5-$N.sqlite" > "$OUT/search-$N.log" 2>&1
    echo "== $N entries: HTTP (wrk, 32 connections, ${WRK_SECONDS}s each)"
    # Twice: as served (answers kept in the cache, which the query set
    # repeats after its first pass) and with no answer cache, where every
    # request is a search.
    for cache in on off; do
        cache_mb=32; [ "$cache" = on ] || cache_mb=0
        "$API" --data "$DATA" --port 0 --web "$ROOT/web" --cache-mb "$cache_mb" > "$OUT/api-$N.out" 2> "$OUT/api-$N.err" &
        API_PID=$!
        # Opening checks the whole catalog file (PRAGMA quick_check): seconds at 100,000 entries.
        for _ in $(seq 1200); do grep -q listening "$OUT/api-$N.out" && break; sleep 0.1; done
        PORT=$(grep -o '127.0.0.1:[0-9]*' "$OUT/api-$N.out" | cut -d: -f2)
        wrk -t2 -c32 -d5s --latency -s "$HERE/wrk_requests.lua" "http://127.0.0.1:$PORT" -- "$OUT/search_paths.txt" > /dev/null
        wrk -t2 -c32 -d"${WRK_SECONDS}s" --latency -s "$HERE/wrk_requests.lua" "http://127.0.0.1:$PORT" -- "$OUT/search_paths.txt" > "$OUT/wrk-search-cache-$cache-$N.log"
        if [ "$cache" = off ]; then
            # The same searches as pages: the engine's work plus rendering the HTML.
            wrk -t2 -c32 -d"${WRK_SECONDS}s" --latency -s "$HERE/wrk_requests.lua" "http://127.0.0.1:$PORT" -- "$OUT/page_paths.txt" > "$OUT/wrk-page-$N.log"
        fi
        if [ "$cache" = on ]; then
            wrk -t2 -c32 -d"${WRK_SECONDS}s" --latency "http://127.0.0.1:$PORT/healthz" > "$OUT/wrk-healthz-$N.log"
            SERVER_PEAK_KB=$(awk '/VmHWM/ {print $2}' /proc/$API_PID/status)
        fi
        kill "$API_PID"; wait "$API_PID" || true
    done

    echo "== $N entries: search with and without edits"
    "$HERE/search_under_edits.sh" "$BUILD" "$DATA" "$OUT/search_paths.txt" "$WRK_SECONDS" > "$OUT/edits-$N.log"

    # Collect.
    imp_s=$(field "$OUT/import-$N.log" elapsed); imp_kb=$(field "$OUT/import-$N.log" maxrss_kb)
    idx_s=$(field "$OUT/index-$N.log" elapsed); idx_kb=$(field "$OUT/index-$N.log" maxrss_kb)
    peer_s=$(field "$OUT/peer-$N.log" elapsed); peer_kb=$(field "$OUT/peer-$N.log" maxrss_kb)
    idx_mb=$(dir_mb "$DATA/index"); peer_mb=$(dir_mb "$OUT/peer-$N")
    lc_p50=$(grep '^lc (exact' "$OUT/search-$N.log" | grep -o 'p50_ms=[0-9.]*' | cut -d= -f2)
    lc_p99=$(grep '^lc (exact' "$OUT/search-$N.log" | grep -o 'p99_ms=[0-9.]*' | cut -d= -f2)
    same_page=$(field "$OUT/search-$N.log" same_first_page); compared=$(grep '^lc shortlist' "$OUT/search-$N.log" | grep -o 'queries=[0-9]*' | cut -d= -f2)
    recall=$(field "$OUT/search-$N.log" recall_at_10)
    fts_p50=$(grep '^sqlite fts5' "$OUT/search-$N.log" | grep -o 'p50_ms=[0-9.]*' | cut -d= -f2)
    fts_p99=$(grep '^sqlite fts5' "$OUT/search-$N.log" | grep -o 'p99_ms=[0-9.]*' | cut -d= -f2)
    s_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-search-cache-on-$N.log")
    s_p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-search-cache-on-$N.log")
    u_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-search-cache-off-$N.log")
    u_p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-search-cache-off-$N.log")
    h_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-healthz-$N.log")
    p_rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk-page-$N.log")
    p_p99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk-page-$N.log")
    p_ratio=$(awk -v a="$(ms "$p_p99")" -v b="$(ms "$u_p99")" 'BEGIN { printf "%.2f×", a / b }')
    ratio=$(awk -v a="$s_rps" -v b="$h_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    u_ratio=$(awk -v a="$u_rps" -v b="$h_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')
    speedup=$(awk -v a="$peer_s" -v b="$idx_s" 'BEGIN { printf "%.2f×", a / b }')
    e_rps=$(field "$OUT/edits-$N.log" edits_rps); e_p99=$(field "$OUT/edits-$N.log" edits_p99)
    e_ratio=$(field "$OUT/edits-$N.log" p99_ratio); e_share=$(grep -o 'rps_share=[0-9]*%' "$OUT/edits-$N.log" | cut -d= -f2)
    rate() { awk -v n="$N" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
    echo "| $N | $(rate "$imp_s") ($(mb "$imp_kb") MB) | $(rate "$idx_s") ($(mb "$idx_kb") MB, $idx_mb MB) | $(rate "$peer_s") ($(mb "$peer_kb") MB, $peer_mb MB) | $speedup | $lc_p50 / $lc_p99 | $same_page of $compared ($recall) | $fts_p50 / $fts_p99 | $s_rps ($s_p99) | $u_rps ($u_p99) | $h_rps | $ratio ($u_ratio) | $p_rps ($p_p99) | $p_ratio | $(mb "$SERVER_PEAK_KB") | $e_rps ($e_p99) | ${e_ratio}×, $e_share |" >> "$RESULTS"
    grep -E "non-2xx|Non-2xx|Socket errors" "$OUT"/wrk-*-"$N".log || true
done
echo
cat "$RESULTS"
