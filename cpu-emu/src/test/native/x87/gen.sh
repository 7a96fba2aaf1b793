#!/bin/sh
# Regenerates cpu-emu/src/test/resources/x87/golden.txt.gz on an x86-64 host with gcc.
# The data is committed so that the replay test (X87GoldenTest) also runs without gcc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../resources/x87/golden.txt.gz"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/gen" "$here/gen.c"
"$tmp/gen" | gzip -9n > "$out"
echo "wrote $out ($(gzip -dc "$out" | wc -l) vectors)"
