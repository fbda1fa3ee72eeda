#!/usr/bin/env bash
# Scripts/hardening-repro.sh BIN: runs each defect class of issue 16 against a
# scratch copy of this registry with the cse binary BIN and prints what happened (exit codes, whether inputs
# survived, time and memory). Compare two binaries by running it with each.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${CSE_SHARED:-$ROOT/../shared}
BIN=$(realpath "${1:?usage: hardening-repro.sh BIN}")
W=$(mktemp -d "${TMPDIR:-/tmp}/repro.XXXX")
base() { rm -rf $W/reg; mkdir -p $W/reg; cp -r $ROOT/{cse.yaml,signals,frameworks,crosswalks,templates,artifact-types,tools} $W/reg/; }
S=signals/HIPAA/TECH/CSE-HIPAA-TECH-EPHI-DB-NO-QUERY-AUDIT-001
res() { echo "$1: exit=$2 ${3:-}"; }
PA="--published-at 2026-01-01T00:00:00Z"
# 1 output: . in cse.yaml
base; sed -i 's|^output: _site|output: .|' $W/reg/cse.yaml; timeout 120 $BIN build $W/reg $PA >/dev/null 2>&1; e=$?; res "1 output: . (cse.yaml)" $e "cse.yaml still there: $([ -f $W/reg/cse.yaml ] && echo yes || echo NO); $S/signal.yaml still there: $([ -f $W/reg/$S/signal.yaml ] && echo yes || echo NO)"
base; timeout 120 $BIN build $W/reg -o $W/reg/frameworks $PA >/dev/null 2>&1; e=$?; res "1 -o frameworks/" $e "frameworks/HIPAA present: $([ -d $W/reg/frameworks/HIPAA ] && echo yes || echo NO)"
# 2 templates outside
base; echo SECRET-OUTSIDE > $W/secret.mustache; mkdir -p $W/t2; cp -r $W/reg/templates/* $W/t2/; cp $W/secret.mustache $W/t2/home.mustache; sed -i 's|templates: templates|templates: ../t2|' $W/reg/cse.yaml; timeout 120 $BIN build $W/reg -o $W/out2 $PA >/dev/null 2>&1; e=$?; res "2 site.templates: ../t2" $e "outside template published: $(grep -l SECRET-OUTSIDE $W/out2/index.html 2>/dev/null | wc -l)"
# 3 deep markdown
base; python3 -c "print('> '*200000 + '[x](https://a.b)')" > $W/reg/$S/README.md; timeout 120 $BIN validate $W/reg >/dev/null 2>&1; res "3 200,000-deep README (validate)" $?
base; python3 -c "print('> '*20000 + 'x')" > $W/reg/$S/README.md; timeout 120 $BIN build $W/reg -o $W/out3 $PA >/dev/null 2>&1; res "3 20,000-deep README (build with the site)" $?
# 4 FIFO
base; rm $W/reg/$S/signal.yaml; mkfifo $W/reg/$S/signal.yaml; timeout 20 $BIN validate $W/reg >/dev/null 2>&1; res "4 FIFO signal.yaml (timeout 20 s = 124)" $?
# 4 schema cycle through anyOf
cat > $W/rec.json <<'J'
{"$defs":{"n":{"anyOf":[{"type":"array","items":{"$ref":"#/$defs/n"}},{"type":"array","items":{"$ref":"#/$defs/n"},"minItems":1}]}},"$ref":"#/$defs/n"}
J
python3 -c "print('['*22 + '\"x\"' + ']'*22)" > $W/d22.json; s=$(date +%s.%N); timeout 60 $BIN schema validate --schema $W/rec.json $W/d22.json >/dev/null 2>&1; e=$?; res "4 22-deep doc vs anyOf cycle (timeout 60 s = 124)" $e "$(python3 -c "print(f'{$(date +%s.%N)-$s:.2f} s')")"
# 5 unknown keys
base; python3 -c "
import sys
sys.stdout.write(open('$W/reg/$S/signal.yaml').read() + ''.join(f'k{i}: 1\n' for i in range(300000)))" > $W/big.yaml; cp $W/big.yaml $W/reg/$S/signal.yaml; /usr/bin/time -f "%M KB %e s" -o $W/t5 timeout 120 $BIN validate $W/reg --format json > $W/o5 2>/dev/null; e=$?; res "5 300,000 unknown keys" $e "$(cat $W/t5 | tail -1), output $(wc -c < $W/o5) bytes"
# 5 README 20k unknown IDs
base; python3 -c "print('\n'.join(f'CSE-HIPAA-TECH-UNKNOWN-{i%977}-{i%1000:03d}' for i in range(20000)))" > $W/reg/$S/README.md; s=$(date +%s.%N); timeout 120 $BIN validate $W/reg >/dev/null 2>&1; e=$?; res "5 README naming 20,000 unknown IDs" $e "$(python3 -c "print(f'{$(date +%s.%N)-$s:.2f} s')")"
# 6 empty signal.yaml (for a signal nothing references)
base; U=signals/CCPA/CONTRACTS/CSE-CCPA-CONTRACTS-SERVICE-PROVIDER-TERMS-MISSING-001; echo "# nothing" > $W/reg/$U/signal.yaml; timeout 120 $BIN validate $W/reg >/dev/null 2>&1; e=$?; timeout 120 $BIN build $W/reg -o $W/out6 $PA >/dev/null 2>&1; res "6 comment-only signal.yaml of an unreferenced signal" $e "build exit $?; signal in bundle: $(grep -c CSE-CCPA-CONTRACTS-SERVICE-PROVIDER-TERMS-MISSING-001 $W/out6/cse-registry.json 2>/dev/null || echo 0)"
# 7 invalid UTF-8 folder
base; mkdir -p "$W/reg/signals/HIPAA/$(printf 'T\xffX')/CSE-X"; timeout 120 $BIN validate $W/reg >/dev/null 2>&1; res "7 folder name not UTF-8" $?
# 9 long line
base; python3 -c "
import json; print(json.dumps({'catalog': {'x': 'y'*1200000, 'bad': 1}}))" > $W/long.json; timeout 60 $BIN schema validate --schema $ROOT/schemas/controls.schema.json $W/long.json 2> $W/o9 >/dev/null; res "9 problem in a 1.2 MB one-line file" $? "longest printed line: $(awk '{ if (length($0) > m) m = length($0) } END { print m }' $W/o9) chars"
# 10 usage
timeout 10 $BIN validate --format nope >/dev/null 2>&1; res "10 --format nope" $?
# 11 regex
python3 -c "import json; print(json.dumps({'s': 'aé'*500000}))" > $W/re.json; echo '{"properties":{"s":{"pattern":"^(a|é)*$"}}}' > $W/re.schema.json; timeout 60 $BIN schema validate --schema $W/re.schema.json $W/re.json --format tool 2>&1 | grep -o "\[schema[a-z.-]*\]" | head -1 | sed 's/^/11 undecidable pattern: /'
echo '{"$defs":{"n":{"type":["array","string"],"items":{"$ref":"#/$defs/n"}}},"$ref":"#/$defs/n"}' > $W/deep.schema.json; python3 -c "print('['*500 + '\"x\"' + ']'*500)" > $W/d500.json; timeout 60 $BIN schema validate --schema $W/deep.schema.json $W/d500.json >/dev/null 2>&1; res "11 valid 500-deep document" $?
# 12 import
cat > $W/bad-oscal.json <<'J'
{"catalog":{"metadata":{"title":"Bad catalog","parties":[{"type":"organization","name":"Org"}],"links":[{"href":"https://example.org/x"}]},
"groups":[{"id":"ac","title":"Access","controls":[{"id":"ac-1","title":"One"},{"id":"ac-1","title":"Again"}]}]}}
J
(cd $W && timeout 60 $BIN import oscal bad-oscal.json --framework BAD -o imp >/dev/null 2>&1; res "12 import of a catalog with a duplicate ID" $? "files written: $(ls imp 2>/dev/null | wc -l)")
(cd $W && timeout 60 $BIN import oscal $SHARED/corpus/oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json --framework NISTHIGH -o imp2 >/dev/null 2>&1; res "also: import NIST HIGH baseline without --url" $?)
rm -rf $W
