#!/bin/sh
# Builds gen.c and regenerates src/test/resources/ssefp/insn.txt.gz from this CPU (x86-64
# Linux with SSE4.1 and gcc). Run from any directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../../resources/ssefp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -mno-red-zone -Wall -o "$tmp/gen" "$here/gen.c"
"$tmp/gen" 24 > "$tmp/insn.txt"
mkdir -p "$res"
gzip -9nc "$tmp/insn.txt" > "$res/insn.txt.gz"
grep -m4 -E '^(vendor_id|cpu family|model|model name)\s*:' /proc/cpuinfo > "$res/CPU"
wc -l "$tmp/insn.txt"
ls -l "$res"
