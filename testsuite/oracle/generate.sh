#!/bin/bash
# Regenerates the committed oracle data on an x86-64 Linux host: templates.txt (needs python3
# and GNU binutils) and vectors.bin.gz (needs gcc). The seed is fixed so the output only
# changes when the templates, the harness or the CPU change.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../src/test/resources/oracle"
seed="${ORACLE_SEED:-0x5eed0f5c1a7e}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
[ "$(uname -m)" = x86_64 ] || { echo "generate.sh: needs an x86-64 host" >&2; exit 1; }
mkdir -p "$res"
python3 "$here/templates.py" "$res/templates.txt"
gcc -O2 -Wall -o "$tmp/harness" "$here/harness.c" "$here/trampoline.S"
"$tmp/harness" "$res/templates.txt" "$tmp/vectors.bin" "$seed"
gzip -9 -n -c "$tmp/vectors.bin" > "$res/vectors.bin.gz"
awk -F': ' '/^(vendor_id|cpu family|model|model name)\t/ && !seen[$1]++ {print $1 ": " $2}' \
    /proc/cpuinfo > "$res/CPU"
ls -l "$res"
