#!/usr/bin/env bash
# Checks Scripts/install.sh as a user would run it: installs into a scratch prefix (debug configuration, to
# save a release build), then runs the installed cse with the build folder's resource bundles moved away, so
# that it can only use what was installed; checks the completions and that the man page renders.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="$(mktemp -d)"
bin="$(swift build --show-bin-path)"
hidden="$(mktemp -d)"
restore() {
    for b in "$hidden"/*.resources; do [ -e "$b" ] && mv "$b" "$bin/"; done
    rm -rf "$prefix" "$hidden"
}
trap restore EXIT
bash Scripts/install.sh --prefix "$prefix" --configuration debug
for b in "$bin"/*.resources; do mv "$b" "$hidden/"; done
fail=0
check() { if eval "$2" >/dev/null 2>&1; then echo "ok   $1"; else echo "FAIL $1"; fail=$((fail + 1)); fi; }
check "installed cse runs from its own resources" "'$prefix/bin/cse' validate . && '$prefix/bin/cse' schema export --output '$prefix/schemas'"
check "bash completion names the subcommands" "grep -q 'validate' '$prefix/share/bash-completion/completions/cse'"
check "zsh completion is a compdef" "head -1 '$prefix/share/zsh/site-functions/_cse' | grep -q '#compdef cse'"
check "fish completion names cse" "grep -q \"complete -c 'cse'\" '$prefix/share/fish/vendor_completions.d/cse.fish'"
check "man page renders with its commands" "man -l '$prefix/share/man/man1/cse.1' 2>/dev/null | grep -q 'validate' || (command -v mandoc && mandoc '$prefix/share/man/man1/cse.1' | grep -q validate) || grep -q '^.Sh NAME' '$prefix/share/man/man1/cse.1'"
echo "$((5 - fail)) passed, $fail failed"
exit "$fail"
