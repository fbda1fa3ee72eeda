#!/usr/bin/env bash
# Runs everything CI runs: the system packages check, the build, the whole test suite, then the two
# checks that need tools outside Swift: the OpenAPI contract (openapi-spec-validator) and the site in
# headless Chromium (Selenium). Both install what they need (Scripts/install-python-deps.sh, apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-system-deps.sh
swift build --build-tests
swift test --skip-build
bash Scripts/check-openapi.sh .build/debug/cse
bash Scripts/check-site.sh .build/debug/cse
