#!/usr/bin/env bash
# Installs the Debian packages the project needs: the C libraries cse links (libyaml, cmark, mimalloc, and
# SQLite for cse serve's gap-analysis store through GRDB, zlib for its gzip answers) and pkg-config.
# Safe to run repeatedly; installs only what is missing. Runs apt-get through sudo when not root.
set -euo pipefail
packages=(libyaml-dev libcmark-dev libmimalloc-dev libsqlite3-dev zlib1g-dev pkg-config)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages present: ${packages[*]}"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
