#!/usr/bin/env bash
# Checks the static tree's URL contract (docs/api.md §2 and §4) through a real web server: builds this
# registry, serves it with Debian's nginx-light and the location block docs/api.md gives, and requests
# control resources by their IDs as a client writes them (parentheses plain and percent-encoded once), the
# site page beside each, and the links of a list page. nginx runs as this user on a free port of 127.0.0.1
# and is stopped at the end. Installs nginx-light with apt-get (via sudo when not root) when it is missing.
# Usage: Scripts/check-static-urls.sh [path/to/cse]   (default: builds and uses .build/debug/cse)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! [ -x /usr/sbin/nginx ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends nginx-light || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends nginx-light; }
fi
CSE="${1:-}"
if [ -z "$CSE" ]; then
    swift build --product cse >&2
    CSE=.build/debug/cse
fi
WORK="$(mktemp -d)"
# nginx workers run as an unprivileged user when started by root: they must be able to read the tree.
chmod 755 "$WORK"
cleanup() {
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
"$CSE" build . --output "$WORK/site" >&2
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$WORK/logs"
# The location block is docs/api.md §4's, with the build folder as root; the site is served beside it.
cat > "$WORK/nginx.conf" <<CONF
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log $WORK/logs/access.log;
    client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy; fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/site;
        location /v1/ {
            root $WORK/site;
            index index.json;
            try_files \$uri \$uri/ =404;
            default_type application/json;
            error_page 404 /v1/404.json;
            add_header Access-Control-Allow-Origin *;
        }
    }
}
CONF
/usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK" &
for _ in $(seq 1 50); do
    [ -f "$WORK/nginx.pid" ] && break
    sleep 0.1
done
exec 3>&1
python3 - "http://127.0.0.1:$PORT" <<'PY'
import json, sys, urllib.request, urllib.error
base = sys.argv[1]
failures, checked = [], 0

def get(path):
    try:
        with urllib.request.urlopen(base + path) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def expect(path, status=200, json_id=None):
    global checked
    checked += 1
    code, body = get(path)
    if code != status:
        failures.append(f"{path}: {code}, expected {status}")
        return None
    if json_id is not None:
        data = json.loads(body).get("data", {})
        if data.get("id") != json_id:
            failures.append(f"{path}: data.id is {data.get('id')!r}, expected {json_id!r}")
    return body

for framework, control, encoded in [
    ("NIST80053", "AC-2(1)", "AC-2%281%29"),
    ("FEDRAMP", "SC-28(1)", "SC-28%281%29"),
    ("HIPAA", "164.312(a)(2)(iv)", "164.312%28a%29%282%29%28iv%29"),
]:
    for spelling in (control, encoded):
        expect(f"/v1/controls/{framework}/{spelling}/", json_id=control)
        expect(f"/v1/controls/{framework}/{spelling}/index.json", json_id=control)
        expect(f"/controls/{framework}/{spelling}/")
    # Without the trailing slash nginx redirects to the folder, which urllib follows.
    expect(f"/v1/controls/{framework}/{encoded}", json_id=control)
# A list's links are relative to the list's own URL.
listing = json.loads(expect("/v1/frameworks/NIST80053/controls/") or b"{}")
for name, link in (listing.get("links") or {}).items():
    if link:
        expect("/v1/frameworks/NIST80053/controls/" + link)
expect("/v1/controls/NIST80053/NO-SUCH-CONTROL/", status=404)
print(f"static URLs through nginx: {checked} requests, {len(failures)} failed")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
PY
