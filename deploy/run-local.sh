#!/usr/bin/env bash
# The front door on this machine, for tests and for trying it: lc-api on a
# free loopback port and nginx in front of it with HTTPS on --port (HTTP/2, the
# same site configuration as a server gets from deploy/nginx-site.sh) and a
# plain-HTTP port that only redirects. Everything lives in a private folder
# (configuration, a self-signed certificate unless one is given, logs, nginx's
# temporary files); nothing listens beyond 127.0.0.1. Runs as any user or
# root; stops both servers on Ctrl-C or SIGTERM.
#
# usage: deploy/run-local.sh --data DIR --port N [--http-port N] [--cert FILE --key FILE]
#                            [--lc-api BIN] [--web DIR] [--run-dir DIR]
# Prints "front door ready: https://127.0.0.1:N/" once both answer.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

DATA="" PORT="" HTTP_PORT="" CERT="" KEY="" RUN_DIR=""
LC_API=${LC_API:-$ROOT/build/api/lc-api}
WEB=$ROOT/web
while [ $# -gt 0 ]; do
    case "$1" in
    --data) DATA=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --http-port) HTTP_PORT=$2; shift 2 ;;
    --cert) CERT=$2; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    --lc-api) LC_API=$2; shift 2 ;;
    --web) WEB=$2; shift 2 ;;
    --run-dir) RUN_DIR=$2; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "run-local.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$DATA" ] && [ -n "$PORT" ] || { echo "usage: run-local.sh --data DIR --port N [--http-port N]" >&2; exit 2; }
HTTP_PORT=${HTTP_PORT:-$((PORT + 1))}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "run-local.sh: nginx is not installed (apt-get install nginx)" >&2; exit 3; }
[ -x "$LC_API" ] || { echo "run-local.sh: no lc-api at $LC_API (make build, or --lc-api BIN)" >&2; exit 2; }
DATA=$(cd "$DATA" && pwd)
WEB=$(cd "$WEB" && pwd)

OWN_RUN_DIR=""
if [ -z "$RUN_DIR" ]; then RUN_DIR=$(mktemp -d /tmp/lc-front-door-XXXXXX) OWN_RUN_DIR=1; fi
mkdir -p "$RUN_DIR"
RUN_DIR=$(cd "$RUN_DIR" && pwd)
# Where nginx's workers buffer request bodies. As root they run as nobody,
# who may not be able to reach into RUN_DIR (a test's private folder): then
# a folder of their own beside it.
NGINX_TMP=$RUN_DIR/tmp OWN_NGINX_TMP=""
if [ "$(id -u)" = 0 ]; then NGINX_TMP=$(mktemp -d /tmp/lc-front-door-tmp-XXXXXX) OWN_NGINX_TMP=1; fi
mkdir -p "$NGINX_TMP"

API_PID="" NGINX_PID=""
stop_all() {
    trap - EXIT INT TERM
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2> /dev/null || true
    [ -n "$API_PID" ] && kill -TERM "$API_PID" 2> /dev/null || true
    [ -n "$NGINX_PID" ] && wait "$NGINX_PID" 2> /dev/null || true
    [ -n "$API_PID" ] && wait "$API_PID" 2> /dev/null || true
    [ -z "$OWN_RUN_DIR" ] || rm -rf "$RUN_DIR"
    [ -z "$OWN_NGINX_TMP" ] || rm -rf "$NGINX_TMP"
}
trap stop_all EXIT
trap 'exit 0' INT TERM

if [ -z "$CERT" ]; then
    CERT=$RUN_DIR/cert.pem KEY=$RUN_DIR/key.pem
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$KEY" -out "$CERT" 2> "$RUN_DIR/openssl.log"
fi

# lc-api trusts X-Forwarded-For only from the proxy in front of it.
API_ARGS=(--data "$DATA" --host 127.0.0.1 --port 0 --web "$WEB")
if "$LC_API" --help 2>&1 | grep -q -- --trusted-proxy; then
    API_ARGS+=(--trusted-proxy 127.0.0.1)
else
    echo "run-local.sh: this lc-api has no --trusted-proxy; it sees every client as the proxy" >&2
fi
"$LC_API" "${API_ARGS[@]}" > "$RUN_DIR/lc-api.out" 2> "$RUN_DIR/lc-api.log" &
API_PID=$!
for _ in $(seq 600); do
    grep -q listening "$RUN_DIR/lc-api.out" && break
    kill -0 "$API_PID" 2> /dev/null || { echo "run-local.sh: lc-api exited:" >&2; cat "$RUN_DIR/lc-api.log" >&2; exit 1; }
    sleep 0.05
done
API_ADDR=$(grep -o '127.0.0.1:[0-9]*' "$RUN_DIR/lc-api.out") ||
    { echo "run-local.sh: lc-api did not start" >&2; exit 1; }

"$HERE/nginx-site.sh" --cert "$CERT" --key "$KEY" --web "$WEB" --server-name localhost \
    --listen 127.0.0.1 --https-port "$PORT" --http-port "$HTTP_PORT" --upstream "$API_ADDR" \
    > "$RUN_DIR/site.conf"

# As root, nginx's workers take an unprivileged user; they write request
# bodies under NGINX_TMP (the master reads the key before it gives up root).
USER_LINE=""
if [ "$(id -u)" = 0 ]; then
    USER_LINE="user nobody nogroup;"
    chown nobody:nogroup "$NGINX_TMP"
fi
cat > "$RUN_DIR/nginx.conf" << EOF
$USER_LINE
daemon off;
pid $RUN_DIR/nginx.pid;
error_log $RUN_DIR/nginx-error.log warn;
worker_processes 2;
worker_rlimit_nofile 20000;
events { worker_connections 8192; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $RUN_DIR/nginx-access.log;
    sendfile on;
    client_body_temp_path $NGINX_TMP/body;
    proxy_temp_path $NGINX_TMP/proxy;
    fastcgi_temp_path $NGINX_TMP/fastcgi;
    uwsgi_temp_path $NGINX_TMP/uwsgi;
    scgi_temp_path $NGINX_TMP/scgi;
    include $RUN_DIR/site.conf;
}
EOF
"$NGINX" -t -q -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -c "$RUN_DIR/nginx.conf" 2> "$RUN_DIR/nginx-check.log" ||
    { echo "run-local.sh: nginx refused the configuration:" >&2; cat "$RUN_DIR/nginx-check.log" >&2; exit 3; }
"$NGINX" -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -c "$RUN_DIR/nginx.conf" 2>> "$RUN_DIR/nginx-error.log" &
NGINX_PID=$!
for _ in $(seq 200); do
    curl -sk -o /dev/null "https://127.0.0.1:$PORT/healthz" && break
    kill -0 "$NGINX_PID" 2> /dev/null || { echo "run-local.sh: nginx exited:" >&2; cat "$RUN_DIR/nginx-error.log" >&2; exit 3; }
    sleep 0.05
done
echo "front door ready: https://127.0.0.1:$PORT/ (http://127.0.0.1:$HTTP_PORT/ redirects; lc-api on $API_ADDR; files in $RUN_DIR)"
wait -n "$API_PID" "$NGINX_PID" || true
echo "run-local.sh: a server stopped; stopping the other" >&2
exit 1
