#!/usr/bin/env bash
# Lints every GitHub Actions workflow in .github/workflows/ with actionlint (installed into .build-venv/ by
# Scripts/install-python-deps.sh): workflow syntax, expressions, job and step references, action inputs.
# When shellcheck is on the PATH, actionlint also checks each `run:` script with it; without shellcheck that
# part is skipped silently, and everything else is still checked.
# Exit status 0 when there are no findings; otherwise each finding is printed and the status is non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-python-deps.sh >/dev/null
# Run at the repository root, actionlint finds .github/workflows/*.yml and *.yaml by itself.
.build-venv/bin/actionlint
echo "workflows: actionlint found nothing in .github/workflows/"
