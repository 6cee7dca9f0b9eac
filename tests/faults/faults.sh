#!/usr/bin/env bash
# Fault tests for lc-api: what happens when its files are missing, damaged,
# full or read-only. Each scenario prints what it measured and exits non-zero
# on failure.
#
# usage: faults.sh BUILD_DIR SCENARIO
#   missing-catalog   no SQLite file: a clear error at start, not an empty catalog
#   corrupt-catalog   a damaged SQLite file: a clear error at start
#   missing-index     no index: search answers 503 until it is rebuilt from the store
#   corrupt-index     a damaged index at start and while serving: rebuilt, never a crash
#   disk-full         writes fail with 503 and a clear message; reads go on; nothing lost
#   read-only         the same for a data folder that turns read-only
# disk-full and read-only mount a small tmpfs in a private mount namespace
# (unshare -m), which needs root; without it they exit 77 (CTest: skipped).
set -euo pipefail
BUILD=$(cd "${1:?usage: faults.sh BUILD_DIR SCENARIO}" && pwd)
SCENARIO=${2:?scenario}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
INDEXER="$BUILD/indexer/lc-indexer"
API="$BUILD/api/lc-api"
WORK=$(mktemp -d /tmp/lc-faults-XXXXXX)
API_PID=""
cleanup() {
    if [ -n "$API_PID" ]; then kill "$API_PID" 2> /dev/null || true; wait "$API_PID" 2> /dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*"; [ -f "$WORK/api.err" ] && { echo "--- server log"; cat "$WORK/api.err"; }; exit 1; }
status_of() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }

# The real content plus the 1,000 generated entries the index scenarios add.
EXPECTED=$(( $(find "$ROOT/content" -name '*.yaml' ! -name synonyms.yaml | wc -l) + 1000 ))

prepare() {  # prepare DATA [GENERATED]
    local data=$1 generated=${2:-0}
    local extra=()
    if [ "$generated" -gt 0 ]; then
        python3 "$ROOT/tests/support/synthetic_catalog.py" --count "$generated" --seed 3 |
            sed 's/"slug":"\([^"]*\)"/"slug":"gen-\1"/' > "$WORK/generated.jsonl"
        extra=("$WORK/generated.jsonl")
    fi
    "$INDEXER" import "$ROOT/content" "${extra[@]}" --data "$data" > /dev/null
    "$INDEXER" index --data "$data" > /dev/null 2>&1
}

start() {  # start DATA: runs lc-api in the background, sets URL
    : > "$WORK/api.out"
    "$API" --data "$1" --port 0 --web "" > "$WORK/api.out" 2> "$WORK/api.err" &
    API_PID=$!
    for _ in $(seq 300); do
        grep -q listening "$WORK/api.out" && break
        kill -0 "$API_PID" 2> /dev/null || fail "lc-api exited at start"
        sleep 0.05
    done
    URL="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$WORK/api.out" | cut -d: -f2)"
}

wait_ready() {  # seconds until /api/search answers 200
    local started=$SECONDS
    for _ in $(seq 1200); do
        [ "$(status_of "$URL/api/search?q=lai")" = 200 ] && { echo $((SECONDS - started)); return; }
        kill -0 "$API_PID" 2> /dev/null || fail "lc-api died"
        sleep 0.1
    done
    fail "search never became ready"
}

total_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$WORK/body"; }

case "$SCENARIO" in
missing-catalog)
    mkdir -p "$WORK/empty"
    if "$API" --data "$WORK/empty" --port 0 > /dev/null 2> "$WORK/err"; then fail "started without a catalog"; fi
    grep -q "no catalog at $WORK/empty/catalog.sqlite" "$WORK/err" || fail "unclear message: $(cat "$WORK/err")"
    echo "missing catalog: exit 1 with: $(cat "$WORK/err")"
    ;;
corrupt-catalog)
    prepare "$WORK/data"
    head -c 65536 /dev/urandom > "$WORK/data/catalog.sqlite"
    rm -f "$WORK/data/catalog.sqlite-wal" "$WORK/data/catalog.sqlite-shm"
    if "$API" --data "$WORK/data" --port 0 > /dev/null 2> "$WORK/err"; then fail "started on a corrupt catalog"; fi
    grep -q "catalog $WORK/data/catalog.sqlite\|cannot open catalog $WORK/data/catalog.sqlite" "$WORK/err" ||
        fail "unclear message: $(cat "$WORK/err")"
    echo "corrupt catalog: exit 1 with: $(cat "$WORK/err")"
    ;;
missing-index)
    prepare "$WORK/data" 1000
    rm -rf "$WORK/data/index"
    start "$WORK/data"
    first=$(status_of "$URL/api/search?q=lai")
    [ "$first" = 503 ] || [ "$first" = 200 ] || fail "first search answered $first"
    if [ "$first" = 503 ]; then
        grep -q '"code":"index_not_ready"' "$WORK/body" || fail "503 without the index_not_ready code: $(cat "$WORK/body")"
    fi
    seconds=$(wait_ready)
    status_of "$URL/api/search?per_page=1" > /dev/null
    [ "$(total_of)" = $EXPECTED ] || fail "rebuilt index has $(total_of) entries, expected $EXPECTED"
    echo "missing index: first search answered $first; rebuilt from the store, serving all $EXPECTED entries after ${seconds}s"
    ;;
corrupt-index)
    prepare "$WORK/data" 1000
    gen=$(cat "$WORK/data/index/CURRENT")
    # Damaged at start: the posting and term tables are overwritten with noise.
    for f in "$WORK/data/index/$gen"/postlist.glass "$WORK/data/index/$gen"/termlist.glass; do
        size=$(stat -c %s "$f"); head -c "$size" /dev/urandom > "$f"
    done
    start "$WORK/data"
    seconds=$(wait_ready)
    status_of "$URL/api/search?per_page=1" > /dev/null
    [ "$(total_of)" = $EXPECTED ] || fail "after rebuild: $(total_of) entries"
    grep -q "rebuilding the search index" "$WORK/api.err" || fail "no rebuild logged"
    echo "corrupt index at start: rebuilt, serving $EXPECTED entries after ${seconds}s"
    # Damaged while serving: the next failing search triggers a rebuild.
    gen=$(cat "$WORK/data/index/CURRENT")
    f="$WORK/data/index/$gen/postlist.glass"
    dd if=/dev/urandom of="$f" bs=8192 seek=1 count=$(( $(stat -c %s "$f") / 8192 - 1 )) conv=notrunc status=none
    codes=""
    for q in du lich che tra sam ban deo ho lai chau moc ta leng; do codes="$codes $(status_of "$URL/api/search?q=$q")"; done
    echo "searches on the damaged index answered:$codes"
    case "$codes" in *500*) fail "a search answered 500";; esac
    kill -0 "$API_PID" || fail "lc-api died"
    seconds=$(wait_ready)
    status_of "$URL/api/search?q=sin+suoi+ho" > /dev/null
    grep -q '"ban-sin-suoi-ho"' "$WORK/body" || fail "results wrong after the rebuild"
    echo "corrupt index while serving: no 500, no crash; correct results again after ${seconds}s"
    ;;
disk-full | read-only)
    if [ "$(id -u)" != 0 ] || ! unshare -m true 2> /dev/null; then
        echo "SKIP: $SCENARIO needs root to mount a tmpfs in a private namespace"; exit 77
    fi
    prepare "$WORK/seed"
    TOKEN=$("$INDEXER" token create --name fault-editor --role editor --data "$WORK/seed" 2> /dev/null)
    # Run the rest inside a private mount namespace with a small tmpfs data folder.
    exec unshare -m --propagation private env TOKEN="$TOKEN" WORK="$WORK" API="$API" SCENARIO="$SCENARIO" \
        bash "$HERE/faults_tmpfs.sh"
    ;;
*)
    echo "unknown scenario $SCENARIO"; exit 2 ;;
esac
