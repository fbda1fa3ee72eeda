#!/usr/bin/env bash
# Checks `cse serve` against its own contract, as a client would: starts the server on this registry (a free
# port, a temporary data folder), checks its /v1/openapi.json with openapi-spec-validator, and runs
# schemathesis (PyPI, pinned in Scripts/install-python-deps.sh) over every operation with a bounded number of
# generated requests and a fixed seed: zero 5xx answers and zero responses that violate their schema. Then
# stops the server with SIGTERM and expects exit status 0.
# Usage: Scripts/check-serve.sh [path/to/cse] [max examples per operation]   (default: .build/debug/cse, 25)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="$(bash Scripts/install-python-deps.sh | tail -n 1)"
VENV_BIN="$(dirname "$PYTHON")"
CSE="${1:-}"
EXAMPLES="${2:-25}"
if [ -z "$CSE" ]; then
    swift build --product cse >&2
    CSE=.build/debug/cse
fi
WORK="$(mktemp -d)"
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$CSE" serve . --port "$PORT" --data "$WORK/data" 2> "$WORK/serve.log" &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 120); do
    grep -q "^serving" "$WORK/serve.log" && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; echo "cse serve did not start" >&2; exit 1; }
    sleep 0.5
done
BASE="http://127.0.0.1:$PORT/v1"
"$PYTHON" -c "import urllib.request, sys; open(sys.argv[2], 'wb').write(urllib.request.urlopen(sys.argv[1]).read())" "$BASE/openapi.json" "$WORK/openapi.json"
# The served contract refers to the published schemas as ../schemas/…: check it where those resolve.
"$PYTHON" -c "
import sys, json, urllib.request
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
spec, _ = read_from_filename(sys.argv[1])
validate(spec, base_uri=sys.argv[2])
print('served OpenAPI document: valid')
" "$WORK/openapi.json" "$BASE/openapi.json"
"$VENV_BIN/schemathesis" run "$BASE/openapi.json" --url "$BASE" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$EXAMPLES" --seed 20261207 --no-color
kill -TERM "$SERVER"
STATUS=0
wait "$SERVER" || STATUS=$?
trap 'rm -rf "$WORK"' EXIT
if [ "$STATUS" -ne 0 ]; then
    cat "$WORK/serve.log" >&2
    echo "cse serve exited $STATUS on SIGTERM" >&2
    exit 1
fi
echo "cse serve: contract checked, stopped cleanly on SIGTERM"
