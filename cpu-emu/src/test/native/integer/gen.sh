#!/bin/sh
# Regenerates cpu-emu/src/test/resources/integer/golden.txt.gz on an x86-64 host with gcc
# (the CPU must have BMI1, BMI2, ADX, LZCNT, POPCNT, MOVBE and SSE4.2).
# The data is committed so that the replay test (IntegerGoldenOpsTest) also runs without gcc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../resources/integer/golden.txt.gz"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gcc -O1 -Wall -o "$tmp/gen" "$here/gen.c" "$here/harness.S"
{
    echo "# $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    "$tmp/gen"
} | gzip -9n > "$out"
echo "wrote $out ($(gzip -dc "$out" | wc -l) vectors)"
