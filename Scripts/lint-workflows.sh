#!/usr/bin/env bash
# Lints every GitHub Actions workflow in .github/workflows/ with actionlint (installed into .build-venv/ by
# Scripts/install-python-deps.sh): workflow syntax, expressions, job and step references, action inputs.
# When shellcheck is on the PATH, actionlint also checks each `run:` script with it; without shellcheck that
# part is skipped silently, and everything else is still checked.
# Also validates the pre-commit hooks manifest (.pre-commit-hooks.yaml) with pre-commit's own
# validate-manifest, and checks that the composite action (action.yml) parses and names only inputs it declares.
# Exit status 0 when there are no findings; otherwise each finding is printed and the status is non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-python-deps.sh >/dev/null
# Run at the repository root, actionlint finds .github/workflows/*.yml and *.yaml by itself.
.build-venv/bin/actionlint
echo "workflows: actionlint found nothing in .github/workflows/"
.build-venv/bin/pre-commit validate-manifest .pre-commit-hooks.yaml
echo "pre-commit: .pre-commit-hooks.yaml is a valid manifest"
.build-venv/bin/python - <<'PY'
import re, sys, yaml
action = yaml.safe_load(open("action.yml"))
declared = set(action.get("inputs", {}))
used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", open("action.yml").read()))
missing = sorted(used - declared)
if action.get("runs", {}).get("using") != "composite" or missing:
    sys.exit(f"action.yml: not a composite action, or uses undeclared inputs {missing}")
print(f"action.yml: composite action, {len(declared)} inputs, all declared")
PY
