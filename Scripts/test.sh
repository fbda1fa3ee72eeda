#!/usr/bin/env bash
# Runs everything CI runs: the system packages check, the build, and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-system-deps.sh
swift build --build-tests
swift test --skip-build
