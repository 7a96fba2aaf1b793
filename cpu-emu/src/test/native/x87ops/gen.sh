#!/bin/sh
# Builds gen.c and regenerates src/test/resources/x87ops/insn.txt.gz from this CPU (x86-64
# Linux with gcc; the binary must be position-independent so that the harness addresses
# 0x400000 and 0x600000 are free). Run from any directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../../resources/x87ops"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -fPIE -pie -Wall -o "$tmp/gen" "$here/gen.c"
"$tmp/gen" 6 40 > "$tmp/insn.txt"
mkdir -p "$res"
gzip -9nc "$tmp/insn.txt" > "$res/insn.txt.gz"
grep -m4 -E '^(vendor_id|cpu family|model|model name)\s*:' /proc/cpuinfo > "$res/CPU"
wc -l "$tmp/insn.txt"
ls -l "$res"
