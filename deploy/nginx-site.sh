#!/usr/bin/env bash
# Prints the nginx configuration of the front door: the part that goes inside
# nginx's http { } block (on Debian: /etc/nginx/conf.d/lai-chau-explorer.conf).
# Every setting that differs between machines is an option; the rest is policy
# and is explained where it is set. deploy/run-local.sh renders it for tests.
#
# usage: nginx-site.sh --cert FILE --key FILE --web DIR [options] > site.conf
#   --cert FILE          TLS certificate chain (PEM), e.g. Let's Encrypt fullchain.pem
#   --key FILE           its private key (PEM)
#   --web DIR            the web/ folder nginx serves itself
#   --server-name NAME   host name(s) answered (default: _ , any)
#   --listen ADDR        address to listen on (default: all; run-local.sh: 127.0.0.1)
#   --https-port N       default 443
#   --http-port N        default 80; answers only with a redirect to HTTPS
#   --upstream ADDR:PORT an lc-api; repeat it for several (default 127.0.0.1:8080)
#   --acme-root DIR      plain HTTP also serves /.well-known/acme-challenge/ from DIR
#                        (certbot --webroot renewals); without it, HTTP only redirects
set -euo pipefail

CERT="" KEY="" WEB="" SERVER_NAME="_" LISTEN="" HTTPS_PORT=443 HTTP_PORT=80 ACME_ROOT=""
UPSTREAMS=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cert) CERT=$2; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    --web) WEB=$2; shift 2 ;;
    --server-name) SERVER_NAME=$2; shift 2 ;;
    --listen) LISTEN="$2:"; shift 2 ;;
    --https-port) HTTPS_PORT=$2; shift 2 ;;
    --http-port) HTTP_PORT=$2; shift 2 ;;
    --upstream) UPSTREAMS+=("$2"); shift 2 ;;
    --acme-root) ACME_ROOT=$2; shift 2 ;;
    *) echo "nginx-site.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$CERT" ] && [ -n "$KEY" ] && [ -n "$WEB" ] || {
    echo "usage: nginx-site.sh --cert FILE --key FILE --web DIR [--server-name NAME] [--listen ADDR]" \
        "[--https-port N] [--http-port N] [--upstream ADDR:PORT]... [--acme-root DIR]" >&2
    exit 2
}
[ ${#UPSTREAMS[@]} -gt 0 ] || UPSTREAMS=(127.0.0.1:8080)
# Without --listen: every IPv4 and IPv6 address.
LISTEN_HTTP="listen ${LISTEN}${HTTP_PORT};" LISTEN_HTTPS="listen ${LISTEN}${HTTPS_PORT} ssl http2 backlog=4096;"
if [ -z "$LISTEN" ]; then
    LISTEN_HTTP="$LISTEN_HTTP
    listen [::]:${HTTP_PORT};"
    LISTEN_HTTPS="$LISTEN_HTTPS
    listen [::]:${HTTPS_PORT} ssl http2 backlog=4096;"
fi
ACME_LOCATION=""
if [ -n "$ACME_ROOT" ]; then
    ACME_LOCATION="location /.well-known/acme-challenge/ {
        root $ACME_ROOT;
    }"
fi
if [ "$HTTPS_PORT" = 443 ]; then HTTPS_AUTHORITY='$host'; else HTTPS_AUTHORITY="\$host:$HTTPS_PORT"; fi

# lc-api sets these on everything it answers; nginx sets the same on the files
# it serves itself (README "Security"). HSTS only makes sense over TLS, so it is
# the front door's alone.
HSTS='add_header Strict-Transport-Security "max-age=31536000" always;'
PAGE_HEADERS="$HSTS
        add_header Content-Security-Policy \"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'\" always;
        add_header X-Content-Type-Options nosniff always;
        add_header Referrer-Policy no-referrer always;
        add_header X-Frame-Options DENY always;
        add_header Cross-Origin-Opener-Policy same-origin always;"

# Slow and oversized clients are nginx's to absorb: it holds thousands of idle
# connections cheaply and passes lc-api only complete requests. Set in each
# server, so other sites on the machine keep their own.
CLIENT_LIMITS="client_header_timeout 10s;
    client_body_timeout 10s;
    send_timeout 15s;
    keepalive_timeout 30s;
    client_header_buffer_size 1k;
    large_client_header_buffers 4 8k;
    client_max_body_size 1m;
    server_tokens off;
    limit_conn_status 429;
    limit_req_status 429;"

# How every request for lc-api is passed on. It sees the client's address
# in X-Forwarded-For (replaced here, never appended to, so a client cannot
# plant one) and trusts it only from this proxy (lc-api --trusted-proxy).
# Bodies are read whole by nginx first (proxy_request_buffering), so a slow
# upload never holds an lc-api thread. Another lc-api (when there are
# several) answers reads one cannot; writes are never sent twice (nginx
# retries no POST/PUT/PATCH/DELETE).
PROXY='proxy_pass http://lc_api;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $remote_addr;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_request_buffering on;
        proxy_buffering on;
        proxy_connect_timeout 5s;
        proxy_read_timeout 30s;
        proxy_send_timeout 30s;
        proxy_next_upstream error timeout http_502 http_503;
        proxy_next_upstream_tries 2;'

cat <<EOF
# Lai Châu Explorer front door, rendered by deploy/nginx-site.sh.

# Per client address: open connections, and API requests per second. A client
# over either limit gets 429, as lc-api's own limits answer.
limit_conn_zone \$binary_remote_addr zone=lc_conn_per_client:10m;
limit_req_zone \$binary_remote_addr zone=lc_api_per_client:10m rate=20r/s;

upstream lc_api {
$(for u in "${UPSTREAMS[@]}"; do echo "    server $u max_fails=3 fail_timeout=10s;"; done)
    keepalive 16;
}

server {
    $LISTEN_HTTP
    server_name $SERVER_NAME;
    $CLIENT_LIMITS
    $ACME_LOCATION
    location / {
        return 301 https://${HTTPS_AUTHORITY}\$request_uri;
    }
}

server {
    $LISTEN_HTTPS
    server_name $SERVER_NAME;

    ssl_certificate $CERT;
    ssl_certificate_key $KEY;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:lc_tls:10m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;

    $CLIENT_LIMITS
    limit_conn lc_conn_per_client 32;

    # lc-api answers the API, the pages, photos, the health check and the API
    # description; the client's address reaches it in X-Forwarded-For.
    location /api/ {
        limit_req zone=lc_api_per_client burst=40 nodelay;
        $HSTS
        $PROXY
    }
    # Photo uploads (15 MB and their form) are the one larger body; nginx
    # still reads them whole before lc-api sees a byte.
    location ~ ^/api/entries/[a-z0-9-]+/photos\$ {
        limit_req zone=lc_api_per_client burst=40 nodelay;
        client_max_body_size 16m;
        $HSTS
        $PROXY
    }
    # The pages rendered by lc-api (/vi/, /en/search, /vi/entries/…), the
    # sitemap, robots.txt, and "/" and the older addresses (/?q=…, and
    # /index.html with parameters) it redirects; /index.html alone is the
    # shell the page's scripts start from, which lc-api serves too.
    location ~ ^/((vi|en)/.*|sitemap\.xml|robots\.txt|index\.html)?\$ {
        limit_req zone=lc_api_per_client burst=40 nodelay;
        $HSTS
        $PROXY
    }
    # Processed photos: lc-api serves them with a year's immutable lifetime;
    # nginx keeps what it proxies no differently.
    location /media/ {
        $HSTS
        $PROXY
    }
    location = /healthz {
        $HSTS
        proxy_pass http://lc_api;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header X-Forwarded-For \$remote_addr;
    }
    location = /openapi.json {
        $HSTS
        proxy_pass http://lc_api;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header X-Forwarded-For \$remote_addr;
    }
    # Metrics are for the machine's own monitoring, not the internet.
    location = /metrics {
        allow 127.0.0.1;
        deny all;
        proxy_pass http://lc_api;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
    }

    # The page's files, served by nginx. Fonts and the map never change under
    # their names: a year, immutable. Scripts and styles keep their names across
    # releases, so a day, then revalidated (ETag); the page itself always
    # revalidates, so a release reaches every visitor on their next visit.
    root $WEB;
    etag on;
    charset utf-8;
    charset_types text/css text/plain text/javascript application/javascript application/json image/svg+xml;
    gzip on;
    gzip_vary on;
    gzip_types text/css text/javascript application/javascript application/json image/svg+xml;
    location ~ ^/(fonts|map)/ {
        try_files \$uri =404;
        add_header Cache-Control "public, max-age=31536000, immutable" always;
        $PAGE_HEADERS
    }
    location / {
        try_files \$uri =404;
        add_header Cache-Control "public, max-age=86400" always;
        $PAGE_HEADERS
    }
}
EOF
