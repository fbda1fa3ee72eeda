#!/usr/bin/env bash
# Scripts/compare-builds.sh OLD NEW [SYNTHETIC]: builds this repository (every output) and a synthetic registry
# (every output but html; generated at 10,000 signals by Scripts/bench.py when SYNTHETIC does not exist) with
# two cse binaries and compares the trees byte for byte. Used to show that a refactoring changes no output.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(realpath "${1:?usage: compare-builds.sh OLD NEW [SYNTHETIC]}"); NEW=$(realpath "${2:?usage: compare-builds.sh OLD NEW [SYNTHETIC]}")
SYN=${3:-${TMPDIR:-/tmp}/cse-syn10k}
W=$(mktemp -d "${TMPDIR:-/tmp}/cse-compare.XXXX"); trap 'rm -rf "$W"' EXIT
PA="--published-at 2026-11-22T00:00:00Z"
[ -d "$SYN" ] || python3 "$ROOT/Scripts/bench.py" --generate-only "$SYN" > /dev/null
compare() { # compare NAME REGISTRY OUTPUTS
    "$OLD" build "$2" -o "$W/$1-old" $PA --outputs "$3" > /dev/null 2>&1 || echo "$1: old build failed"
    "$NEW" build "$2" -o "$W/$1-new" $PA --outputs "$3" > /dev/null 2>&1 || echo "$1: new build failed"
    if diff -rq "$W/$1-old" "$W/$1-new" > "$W/$1.diff"; then
        echo "$1: identical ($(find "$W/$1-new" -type f | wc -l) files)"
    else
        echo "$1: DIFFERS"; head -5 "$W/$1.diff"
    fi
}
compare repository "$ROOT" bundle,signals,mappings,schemas,compute,api,html
compare synthetic "$SYN" bundle,signals,mappings,schemas,compute,api
