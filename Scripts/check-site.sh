#!/usr/bin/env bash
# Checks the HTML site in headless Chromium as a person would (Scripts/check-site.py): builds the site,
# serves it on 127.0.0.1, opens key pages, searches, and saves screenshots to .build/site-screenshots/.
# Installs what it needs: Debian's chromium and chromium-driver (via sudo when not root) and Selenium
# from PyPI into .build-venv/.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get install -y chromium chromium-driver || { $SUDO apt-get update && $SUDO apt-get install -y chromium chromium-driver; }
fi

VENV=.build-venv/site-check
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if ! "$VENV/bin/python" -c "import selenium" 2>/dev/null; then "$VENV/bin/pip" install --quiet "selenium>=4.10"; fi

CSE=${CSE:-.build/debug/cse}
if [ ! -x "$CSE" ]; then swift build --product cse; fi
OUT=.build/site-check
"$CSE" build . --output "$OUT" --outputs bundle,signals,mappings,schemas,compute,html
exec "$VENV/bin/python" Scripts/check-site.py --site "$OUT" --screenshots .build/site-screenshots "$@"
