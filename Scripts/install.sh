#!/usr/bin/env bash
# Builds cse and installs it with its shell completions (bash, zsh, fish, written by the argument parser)
# and its man page (swift-argument-parser's generate-manual plugin):
#   <prefix>/lib/cse/cse and its resource bundles (the schemas; SwiftPM looks for them beside the executable)
#   <prefix>/bin/cse, a symbolic link to it
#   <prefix>/share/bash-completion/completions/cse
#   <prefix>/share/zsh/site-functions/_cse
#   <prefix>/share/fish/vendor_completions.d/cse.fish
#   <prefix>/share/man/man1/cse.1
# Installs the system packages cse links first (Scripts/install-system-deps.sh).
# Usage: bash Scripts/install.sh [--prefix DIR] [--configuration release|debug]
#   --prefix          default /usr/local (needs root there; use --prefix "$HOME/.local" otherwise)
#   --configuration   default release; debug builds faster (the test of this script uses it)
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
configuration=release
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --configuration) configuration="${2:?--configuration needs release or debug}"; shift 2 ;;
        --configuration=*) configuration="${1#--configuration=}"; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$configuration" in release|debug) ;; *) echo "install.sh: --configuration takes release or debug" >&2; exit 2 ;; esac

bash Scripts/install-system-deps.sh
swift build -c "$configuration" --product cse
binary="$(swift build -c "$configuration" --show-bin-path)/cse"

# The man page's date is the last commit's (or SOURCE_DATE_EPOCH's), so the same sources give the same page.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
day="$(date -u -d "@$epoch" +%Y-%m-%d)"
swift package --allow-writing-to-package-directory generate-manual --configuration "$configuration" --date "$day" >/dev/null
manual=.build/plugins/GenerateManual/outputs/cse/cse.1

install -d "$prefix/bin" "$prefix/lib/cse" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
install -m 0755 "$binary" "$prefix/lib/cse/cse"
for bundle in "$(dirname "$binary")"/*.resources; do
    rm -rf "$prefix/lib/cse/$(basename "$bundle")"
    cp -R "$bundle" "$prefix/lib/cse/"
done
ln -sfn ../lib/cse/cse "$prefix/bin/cse"
"$binary" --generate-completion-script bash > "$prefix/share/bash-completion/completions/cse"
"$binary" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_cse"
"$binary" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/cse.fish"
install -m 0644 "$manual" "$prefix/share/man/man1/cse.1"

echo "installed cse $("$prefix/bin/cse" --version) into $prefix"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not on PATH" ;; esac
