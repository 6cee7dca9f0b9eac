#!/usr/bin/env bash
# The disk-full and read-only scenarios of faults.sh, run by it inside a
# private mount namespace (so the tmpfs is invisible outside and vanishes
# with it). Environment: TOKEN WORK API SCENARIO.
set -euo pipefail
DATA="$WORK/tmpfs"
mkdir -p "$DATA"
used_kb=$(du -sk "$WORK/seed" | cut -f1)
mount -t tmpfs -o size=$((used_kb + 3072))k tmpfs "$DATA"
cp -a "$WORK/seed/." "$DATA/"
# A folder cannot turn read-only under a process writing to it (the kernel
# refuses: "busy"), so the read-only case is a server started on one.
[ "$SCENARIO" = read-only ] && mount -o remount,ro "$DATA"
"$API" --data "$DATA" --port 0 --web "" > "$WORK/api.out" 2> "$WORK/api.err" &
API_PID=$!
stop_all() {
    kill "$API_PID" 2> /dev/null || true
    wait "$API_PID" 2> /dev/null || true
    umount "$DATA" 2> /dev/null || true
}
trap stop_all EXIT
for _ in $(seq 300); do grep -q listening "$WORK/api.out" && break; sleep 0.05; done
URL="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$WORK/api.out" | cut -d: -f2)"
fail() { echo "FAIL: $*"; echo "--- server log"; cat "$WORK/api.err"; exit 1; }
post() {  # post N BODY_KB → status
    local n=$1 kb=$2
    python3 -c 'import json,sys; n,kb=sys.argv[1],int(sys.argv[2]); print(json.dumps({"slug":f"fault-{n}","kind":"event","name":{"vi":f"Mục thử {n}"},"body":{"vi":("Nội dung dài. " * (kb * 60))[: kb * 1000]}}))' "$n" "$kb" > "$WORK/entry.json"
    curl -s -o "$WORK/body" -w '%{http_code}' -X POST "$URL/api/entries" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' --data-binary @"$WORK/entry.json"
}
acked=()
if [ "$SCENARIO" = disk-full ]; then
    code=""
    for n in $(seq 1 400); do
        code=$(post "$n" 90)
        [ "$code" = 201 ] && acked+=("fault-$n") && continue
        break
    done
    [ "$code" = 503 ] || fail "a write on a full disk answered $code: $(cat "$WORK/body")"
    grep -q '"code":"store_unavailable"' "$WORK/body" || fail "no store_unavailable code: $(cat "$WORK/body")"
    grep -q 'disk is full' "$WORK/body" || echo "note: message was $(cat "$WORK/body")"
    echo "disk full after ${#acked[@]} large writes: $(cat "$WORK/body")"
else
    code=$(post 1 1)
    [ "$code" = 503 ] || fail "a write to a read-only folder answered $code: $(cat "$WORK/body")"
    grep -q '"code":"store_unavailable"' "$WORK/body" || fail "no store_unavailable code: $(cat "$WORK/body")"
    grep -q 'read-only' "$WORK/body" || fail "the message does not say read-only: $(cat "$WORK/body")"
    echo "read-only data folder: $(cat "$WORK/body")"
fi
# Reads keep working.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/search?q=sin+suoi+ho")" = 200 ] || fail "search failed"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/entries/ban-sin-suoi-ho")" = 200 ] || fail "entry read failed"
for slug in "${acked[@]}"; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/api/entries/$slug")" = 200 ] || fail "acknowledged $slug is missing"
done
kill "$API_PID"; wait "$API_PID" 2> /dev/null || true
# The store is intact.
uri_flags=mode=ro
[ "$SCENARIO" = read-only ] && uri_flags=immutable=1
check=$(sqlite3 "file:$DATA/catalog.sqlite?$uri_flags" 'PRAGMA integrity_check' 2>&1 || true)
[ "$check" = ok ] || fail "integrity_check: $check"
echo "reads kept working; all ${#acked[@]} acknowledged writes present; integrity_check: $check"
