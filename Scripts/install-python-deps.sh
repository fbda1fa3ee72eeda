#!/usr/bin/env bash
# Installs the Python tools the checks use (openapi-spec-validator) into a venv at .build-venv/.
# Safe to run repeatedly. Prints the venv's python path last, for scripts to use.
# Falls back to apt-get for python3-venv / python3-pip on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="0.9.0"
VENV=.build-venv
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! "$VENV/bin/python" -c "import openapi_spec_validator" 2>/dev/null; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
        echo "installing python3-venv and python3-pip" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv python3-pip >&2
    fi
    rm -rf "$VENV"
    python3 -m venv "$VENV" >&2
    "$VENV/bin/python" -m pip --version >/dev/null
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "openapi-spec-validator==$VERSION" >&2
fi
echo "$PWD/$VENV/bin/python"
