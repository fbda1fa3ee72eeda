#!/usr/bin/env bash
# Runs one libFuzzer target for a number of seconds: Scripts/fuzz.sh TARGET SECONDS [JOBS]
#   TARGET: yaml, json, schema, markdown, templates (Fuzz/Sources/cse-fuzz/FuzzTargets.swift)
# Builds Fuzz/ with --sanitize=fuzzer,address into .build-fuzz/ (once), seeds a corpus from this
# repository's own files (and ../shared/conformance when present), and stops any input that runs over
# 1 s, uses over 2 GiB or allocates over 100 MB at once. Prints executions and findings; exits 1 when
# anything was found (the inputs are kept under .build-fuzz/findings/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Scripts/fuzz.sh TARGET SECONDS}
seconds=${2:?usage: Scripts/fuzz.sh TARGET SECONDS}
case "$target" in yaml|json|schema|markdown|templates) ;; *) echo "unknown target '$target'" >&2; exit 2 ;; esac
root=$PWD
bin=${CSE_FUZZ_BIN:-.build-fuzz/release/cse-fuzz}  # CSE_FUZZ_BIN: run a binary built earlier, unchanged
if [ -z "${CSE_FUZZ_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "$(find Sources Fuzz/Sources -newer "$bin" -name '*.swift' -print -quit)" ]; }; then
    # SwiftPM links libFuzzer for --sanitize=fuzzer but instruments only for the address sanitizer; the
    # coverage that guides the fuzzer is asked for explicitly.
    (cd Fuzz && swift build -c release --sanitize=fuzzer --sanitize=address \
        -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,indirect-calls,trace-cmp --scratch-path "$root/.build-fuzz")
fi
corpus=.build-fuzz/corpus/$target
findings=.build-fuzz/findings/$target
mkdir -p "$corpus" "$findings"
seed() { # seed NAME < bytes
    local name; name=$(printf '%s' "$1" | sha1sum | cut -c1-16)
    cat > "$corpus/seed-$name"
}
shared=../shared/conformance
if [ -z "$(ls -A "$corpus")" ]; then
    case "$target" in
    yaml)
        find signals frameworks crosswalks tools artifact-types -name '*.yaml' | sort | head -400 | while read -r f; do seed "$f" < "$f"; done
        cp cse.yaml "$corpus/seed-config"
        if [ -d "$shared/yaml-test-suite" ]; then
            for f in "$shared"/yaml-test-suite/*/in.yaml; do seed "$f" < "$f"; done
        fi ;;
    json)
        for f in schemas/*.json; do seed "$f" < "$f"; done
        if [ -d "$shared/json-schema-test-suite" ]; then
            find "$shared/json-schema-test-suite/tests/draft2020-12" -name '*.json' | sort | while read -r f; do seed "$f" < "$f"; done
        fi ;;
    schema)
        # "schema NUL instance" pairs: each test case of the JSON-Schema-Test-Suite, else our schemas with {}.
        if [ -d "$shared/json-schema-test-suite" ]; then
            python3 - "$shared/json-schema-test-suite/tests/draft2020-12" "$corpus" <<'PY'
import hashlib, json, os, sys
src, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    if not name.endswith('.json'): continue
    for group in json.load(open(os.path.join(src, name))):
        for test in group['tests']:
            data = (json.dumps(group['schema']) + '\0' + json.dumps(test['data'])).encode()
            open(os.path.join(out, 'seed-' + hashlib.sha1(data).hexdigest()[:16]), 'wb').write(data)
PY
        fi
        for f in schemas/*.json; do { cat "$f"; printf '\0{}'; } | seed "$f"; done ;;
    markdown)
        find signals -name README.md | sort | head -400 | while read -r f; do seed "$f" < "$f"; done
        for f in README.md docs/*.md; do seed "$f" < "$f"; done ;;
    templates)
        for f in templates/*.mustache; do
            { cat "$f"; printf '\0'; cat templates/partials/head.mustache; } | seed "$f"
        done
        if [ -d "$shared/mustache-spec/specs" ]; then
            python3 - "$shared/mustache-spec/specs" "$corpus" <<'PY'
import hashlib, json, os, sys
src, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    if not name.endswith('.json'): continue
    for test in json.load(open(os.path.join(src, name)))['tests']:
        parts = [test['template']] + list(test.get('partials', {}).values())
        data = '\0'.join(parts).encode()
        open(os.path.join(out, 'seed-' + hashlib.sha1(data).hexdigest()[:16]), 'wb').write(data)
PY
        fi ;;
    esac
fi
echo "fuzzing $target for $seconds s from $(ls "$corpus" | wc -l) corpus inputs"
log=.build-fuzz/$target.log
set +e
CSE_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    LSAN_OPTIONS=suppressions=Fuzz/lsan-suppressions.txt:print_suppressions=0 "$bin" "$corpus" \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=100 -max_len=65536 \
    -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1
status=$?
set -e
runs=$(grep -o 'Done [0-9]* runs' "$log" | grep -o '[0-9]*' || true)
found=$(ls "$findings" | wc -l)
echo "$target: ${runs:-?} executions in $seconds s; libFuzzer exit $status; findings: $found (in $findings)"
grep -E '^stat::|cov:.*ft:' "$log" | tail -3
[ "$status" -eq 0 ] && [ "$found" -eq 0 ]
