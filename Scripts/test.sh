#!/usr/bin/env bash
# Runs everything CI runs: the system packages check, the build, the whole test suite (in two runs), then the
# checks that need tools outside Swift: the OpenAPI contract (openapi-spec-validator), the draft-07 editor
# schemas against the 2020-12 originals (python-jsonschema), Scripts/install.sh into a scratch prefix, cse serve against its
# contract (schemathesis), the static tree's URLs through nginx, and the site in headless Chromium (Selenium). Each installs what it needs
# (Scripts/install-python-deps.sh, apt-get).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-system-deps.sh
swift build --build-tests
# The repository's own input files are in canonical form (docs/formatting.md).
.build/debug/cse fmt --check
# The in-process server tests (CSEServerTests) run on their own: the rest of the suite does synchronous work
# on the concurrency pool the server's handlers run on (two threads on a 2-core machine), which would hold
# them past the server's idle timeout. A server in production has its process to itself.
swift test --skip-build --skip CSEServerTests
swift test --skip-build --filter CSEServerTests
bash Scripts/check-openapi.sh .build/debug/cse
"$(bash Scripts/install-python-deps.sh | tail -n 1)" Scripts/check-editor-schemas.py --cse .build/debug/cse
bash Scripts/check-install.sh
bash Scripts/check-serve.sh .build/debug/cse
bash Scripts/check-static-urls.sh .build/debug/cse
bash Scripts/check-site.sh .build/debug/cse
