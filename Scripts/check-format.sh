#!/usr/bin/env bash
# Checks that every Swift file is formatted as .swift-format says (swift-format, part of the Swift toolchain).
# Exit status 0 when it is; otherwise the files and lines to change are printed.
# To format in place: swift format --in-place --parallel --recursive Sources Tests Fuzz Benchmarks Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --parallel --recursive Sources Tests Fuzz Benchmarks Package.swift
echo "format: every Swift file matches .swift-format"
