#!/bin/bash
# CI check on x86-64 hosts with gcc: records a fresh sample of vectors with a new seed on this
# CPU and replays it through the emulator. Exits non-zero on any mismatch.
# Usage: check-sample.sh [PERCENT [SEED]]   (default 5 percent of every template's vectors)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
percent="${1:-5}"
seed="${2:-$(date +%s%N)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ "$(uname -m)" != x86_64 ] || ! command -v gcc >/dev/null; then
    echo "check-sample.sh: needs an x86-64 host with gcc; skipped" >&2
    exit 0
fi
cp "$here/../src/test/resources/oracle/templates.txt" "$tmp/"
gcc -O2 -Wall -o "$tmp/harness" "$here/harness.c" "$here/trampoline.S"
"$tmp/harness" "$tmp/templates.txt" "$tmp/vectors.bin" "$seed" "$percent"
gzip -9 -n "$tmp/vectors.bin"
# Which CPU recorded the sample: templates whose results are left to the implementation
# ('vendor') are compared only on data from an AMD CPU, whose choices the emulator copies.
awk -F': ' '/^(vendor_id|cpu family|model|model name)\t/ && !seen[$1]++ {print $1 ": " $2}' \
    /proc/cpuinfo > "$tmp/CPU"
grep -m1 '^vendor_id' "$tmp/CPU" || true
echo "check-sample.sh: seed $seed"
cd "$root"
mvn -q ${MVN_OPTS:-} -pl testsuite -am test -Dtest=NativeOracleTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Doracle.dir="$tmp"
