#!/usr/bin/env bash
# The front door (deploy/run-local.sh: nginx in front of lc-api) on loopback:
#   - HTTPS with the configured certificate, over HTTP/2; HTTP redirects to it;
#   - the security headers on API answers (lc-api's, through the proxy) and on
#     the files nginx serves, with their cache lifetimes and 304 on If-None-Match;
#   - the client's own address reaches lc-api's sign-in limiter: five bad tokens
#     from 127.0.0.2 get it 429, while 127.0.0.3 still gets 401;
#   - 5,000 stalled connections from 127.0.0.1 while requests from 127.0.0.4
#     answer in under a second.
# Exits 77 (CTest: skipped) only when nginx cannot start here.
#
# usage: front_door_test.sh BUILD_DIR
set -euo pipefail
BUILD=$(cd "${1:?usage: front_door_test.sh BUILD_DIR}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
STALLED=5000
WORK=$(mktemp -d /tmp/lc-deploy-test-XXXXXX)
FRONT_PID="" HOLDER_PID=""
cleanup() {
    [ -n "$HOLDER_PID" ] && kill "$HOLDER_PID" 2> /dev/null || true
    [ -n "$FRONT_PID" ] && kill -TERM "$FRONT_PID" 2> /dev/null || true
    [ -n "$HOLDER_PID" ] && wait "$HOLDER_PID" 2> /dev/null || true
    [ -n "$FRONT_PID" ] && wait "$FRONT_PID" 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*"
    for f in front.out run/lc-api.log run/nginx-error.log; do
        [ -s "$WORK/$f" ] && { echo "--- $f"; tail -20 "$WORK/$f"; }
    done
    exit 1
}

command -v nginx > /dev/null || [ -x /usr/sbin/nginx ] || { echo "SKIP: nginx is not installed"; exit 77; }
# nginx holds the stalled connections plus its own; the holder needs as many.
ulimit -n 20000 2> /dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge $((STALLED + 1000)) ] || fail "needs ulimit -n of at least $((STALLED + 1000)) (hard limit $(ulimit -Hn))"

"$BUILD/indexer/lc-indexer" import "$ROOT/content" --data "$WORK/data" > /dev/null
"$BUILD/indexer/lc-indexer" index --data "$WORK/data" > /dev/null 2>&1

read -r PORT HTTP_PORT < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
"$ROOT/deploy/run-local.sh" --data "$WORK/data" --port "$PORT" --http-port "$HTTP_PORT" \
    --lc-api "$BUILD/api/lc-api" --run-dir "$WORK/run" > "$WORK/front.out" 2>&1 &
FRONT_PID=$!
for _ in $(seq 300); do
    grep -q "front door ready" "$WORK/front.out" && break
    if ! kill -0 "$FRONT_PID" 2> /dev/null; then
        wait "$FRONT_PID" && code=0 || code=$?
        # run-local.sh exits 3 when nginx is missing or refuses to start.
        [ "$code" = 3 ] && { echo "SKIP: nginx cannot start here:"; cat "$WORK/front.out"; exit 77; }
        fail "run-local.sh exited ($code)"
    fi
    sleep 0.1
done
grep -q "front door ready" "$WORK/front.out" || fail "the front door did not start within 30 s"
BASE="https://127.0.0.1:$PORT"
CERT="$WORK/run/cert.pem"

# HTTPS with the certificate run-local.sh made (verified, not -k), over HTTP/2.
got=$(curl -s --cacert "$CERT" --http2 -o "$WORK/body" -w '%{http_version} %{http_code}' "$BASE/api/search?q=ch%C3%A8")
[ "$got" = "2 200" ] || fail "HTTPS search: $got"
grep -q '"total":[1-9]' "$WORK/body" || fail "search through the proxy found nothing: $(head -c 300 "$WORK/body")"
echo "HTTPS: HTTP/2 200 with the configured certificate"

# Plain HTTP only redirects, keeping the path and query.
got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$HTTP_PORT/api/search?q=lai")
[ "$got" = "301 $BASE/api/search?q=lai" ] || fail "HTTP redirect: $got"
echo "HTTP: $got"

require_header() {  # require_header HEADERS_FILE NAME VALUE_REGEX
    grep -qiE "^$2: $3"$'\r'"?$" "$1" || fail "$2 is not '$3' in: $(cat "$1")"
}
security_headers() {  # security_headers HEADERS_FILE
    require_header "$1" content-security-policy "default-src 'self'.*frame-ancestors 'none'.*"
    require_header "$1" x-content-type-options nosniff
    require_header "$1" referrer-policy no-referrer
    require_header "$1" x-frame-options DENY
    require_header "$1" strict-transport-security "max-age=[0-9]+"
}
curl -s --cacert "$CERT" -D "$WORK/h-api" -o /dev/null "$BASE/api/search?q=lai"
security_headers "$WORK/h-api"
# The pages are lc-api's, through the proxy: "/" redirects, an entry page is
# rendered whole and revalidated with its ETag, the sitemap names the HTTPS site.
got=$(curl -s --cacert "$CERT" -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/")
[ "$got" = "302 $BASE/vi/" ] || fail "/ should redirect to /vi/: $got"
curl -s --cacert "$CERT" -D "$WORK/h-page" -o "$WORK/page.html" "$BASE/vi/entries/ban-sin-suoi-ho"
security_headers "$WORK/h-page"
require_header "$WORK/h-page" cache-control "no-cache"
grep -q '<h2 id="detail-title"[^>]*>Bản Sin Suối Hồ</h2>' "$WORK/page.html" || fail "the entry page has no entry"
grep -q "<link rel=\"canonical\" href=\"https://" "$WORK/page.html" || fail "the canonical address is not the HTTPS one"
etag=$(grep -i '^etag:' "$WORK/h-page" | cut -d' ' -f2 | tr -d '\r')
[ -n "$etag" ] || fail "the page has no ETag"
got=$(curl -s --cacert "$CERT" -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$BASE/vi/entries/ban-sin-suoi-ho")
[ "$got" = 304 ] || fail "If-None-Match on the page: $got"
# Into a file first: grep -q stops reading at the first match, and curl's
# broken pipe would then fail the pipeline (pipefail).
curl -s --cacert "$CERT" -o "$WORK/sitemap.xml" "$BASE/sitemap.xml"
grep -q "<loc>https://[^<]*/en/entries/ban-sin-suoi-ho</loc>" "$WORK/sitemap.xml" ||
    fail "the sitemap does not list the entry's English page at the HTTPS address"
# A photo upload may be 15 MB (here 3 MB, refused by lc-api for want of a
# token, so it got through nginx); any other body over 1 MB stops at nginx.
head -c 3000000 /dev/zero > "$WORK/big.bin"
got=$(curl -s --cacert "$CERT" -o /dev/null -w '%{http_code}' -F "file=@$WORK/big.bin" "$BASE/api/entries/ban-sin-suoi-ho/photos")
[ "$got" = 401 ] || fail "a 3 MB upload without a token: $got (want 401 from lc-api)"
got=$(curl -s --cacert "$CERT" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$WORK/big.bin" "$BASE/api/entries")
[ "$got" = 413 ] || fail "a 3 MB entry body: $got (want 413)"
curl -s --cacert "$CERT" -D "$WORK/h-font" -o /dev/null "$BASE/fonts/be-vietnam-pro-vietnamese-400-normal.woff2"
require_header "$WORK/h-font" cache-control "public, max-age=31536000, immutable"
curl -s --cacert "$CERT" -D "$WORK/h-js" -o /dev/null "$BASE/js/main.js"
require_header "$WORK/h-js" cache-control "public, max-age=[0-9]{5,}"
security_headers "$WORK/h-js"
echo "headers: security headers on API answers, pages and files; files cached (fonts a year), pages 304 on If-None-Match; uploads up to 15 MB"

# Stalled connections: half to the HTTPS port sending nothing, half to the HTTP
# port with half a request line. The holder prints once all are open and keeps
# them until it is killed.
python3 - "$PORT" "$HTTP_PORT" "$STALLED" > "$WORK/holder.out" 2>&1 << 'EOF' &
import socket, sys, time
https_port, http_port, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
held = []
for i in range(count):
    s = socket.socket()
    s.connect(("127.0.0.1", https_port if i % 2 == 0 else http_port))
    if i % 2:
        s.send(b"GET /api/search?q=")
    held.append(s)
print(f"holding {len(held)}", flush=True)
time.sleep(60)
EOF
HOLDER_PID=$!
for _ in $(seq 300); do
    grep -q holding "$WORK/holder.out" && break
    kill -0 "$HOLDER_PID" 2> /dev/null || fail "could not open $STALLED connections: $(cat "$WORK/holder.out")"
    sleep 0.1
done
grep -q "holding $STALLED" "$WORK/holder.out" || fail "the holder did not open $STALLED connections"
worst=0
for i in $(seq 20); do
    case $((i % 3)) in
    0) path="/api/search?q=lai%20chau" ;;
    1) path="/api/suggest?q=ta" ;;
    2) path="/css/app.css" ;;
    esac
    read -r code seconds < <(curl -s --cacert "$CERT" --interface 127.0.0.4 -o /dev/null \
        -w '%{http_code} %{time_total}\n' --max-time 5 "$BASE$path")
    [ "$code" = 200 ] || fail "probe $path from 127.0.0.4 during the stall: $code"
    worst=$(awk -v a="$worst" -v b="$seconds" 'BEGIN { print (b > a ? b : a) }')
done
kill -0 "$HOLDER_PID" 2> /dev/null || fail "the holder died during the probes"
awk -v w="$worst" 'BEGIN { exit !(w < 1.0) }' ||
    fail "a probe took ${worst}s with $STALLED stalled connections"
kill "$HOLDER_PID"; wait "$HOLDER_PID" 2> /dev/null || true; HOLDER_PID=""
echo "stall: $STALLED stalled connections from 127.0.0.1; 20 requests from 127.0.0.4 answered, slowest ${worst}s"
# The client's address reaches lc-api's limiter through the proxy.
sign_in() {  # sign_in SOURCE_ADDRESS -> status of /api/me with a bad token
    curl -s --cacert "$CERT" --interface "$1" -o /dev/null -w '%{http_code}' \
        -H 'Authorization: Bearer not-a-real-token' "$BASE/api/me"
}
for i in 1 2 3 4 5; do
    got=$(sign_in 127.0.0.2)
    [ "$got" = 401 ] || fail "bad token $i from 127.0.0.2: $got, expected 401"
done
got=$(sign_in 127.0.0.2)
[ "$got" = 429 ] || fail "a sixth bad token from 127.0.0.2: $got, expected 429"
got=$(sign_in 127.0.0.3)
if [ "$got" != 401 ]; then
    "$BUILD/api/lc-api" --help 2>&1 | grep -q -- --trusted-proxy ||
        echo "(this lc-api has no --trusted-proxy, so every client looks like the proxy to it)"
    fail "a bad token from 127.0.0.3 after 127.0.0.2 was locked out: $got, expected 401"
fi
echo "limiter: 127.0.0.2 locked out (429) after five bad tokens, 127.0.0.3 still gets 401"

echo "PASS"
