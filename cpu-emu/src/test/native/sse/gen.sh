#!/bin/sh
# Builds gen.c and regenerates the golden data in src/test/resources/sse/ from this CPU.
# Needs gcc on an x86-64 host with SSE4.2. Run from any directory.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../../resources/sse"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -msse4.2 -Wall -o "$tmp/gen" "$here/gen.c"
"$tmp/gen" "$tmp/fp.bin" "$tmp/pcmpstr.bin" "$tmp/crc32.bin"
mkdir -p "$res"
for f in fp pcmpstr crc32; do gzip -9nc "$tmp/$f.bin" > "$res/$f.bin.gz"; done
grep -m4 -E '^(vendor_id|cpu family|model|model name)\s*:' /proc/cpuinfo > "$res/CPU"
ls -l "$res"
