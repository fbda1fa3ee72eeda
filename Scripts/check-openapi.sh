#!/usr/bin/env bash
# Builds the registry into a temporary folder and checks v1/openapi.json with openapi-spec-validator
# (OpenAPI 3.1, including every $ref into the published schemas/). Exit status 0 when valid.
# Usage: Scripts/check-openapi.sh [path/to/cse]   (default: builds and uses .build/debug/cse)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="$(bash Scripts/install-python-deps.sh | tail -n 1)"
CSE="${1:-}"
if [ -z "$CSE" ]; then
    swift build --product cse >&2
    CSE=.build/debug/cse
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
"$CSE" build . --output "$OUT/site" --outputs api,schemas >/dev/null
"$PYTHON" -m openapi_spec_validator "$OUT/site/v1/openapi.json"
