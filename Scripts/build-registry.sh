#!/usr/bin/env bash
# The main job: installs what is needed, builds cse, validates this repository's registry and compiles it
# into _site/ (the bundle, per-signal files, mappings, schemas, checksums).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-system-deps.sh
swift build -c release --product cse
.build/release/cse validate .
.build/release/cse build .
