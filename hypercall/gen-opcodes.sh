#!/usr/bin/env bash
# Rewrites the opcode block of include/splitvisor_hypercall.h from Opcode.java, so the C
# header and the Java ABI cannot drift apart. Run after adding an opcode; HeaderMatchesJavaTest
# fails until you do.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="$here/src/main/java/dev/splitvisor/hypercall/Opcode.java"
header="$here/include/splitvisor_hypercall.h"
rule='s/^ *public static final int \([A-Z0-9_]*\) = \([0-9]*\);.*/#define SVHC_OP_\1 \2/p'
defines="$(sed -n "$rule" "$java")"
awk -v defines="$defines" '
  /BEGIN GENERATED OPCODES/ { print; print defines; skip = 1; next }
  /END GENERATED OPCODES/ { skip = 0 }
  !skip { print }
' "$header" > "$header.tmp"
mv "$header.tmp" "$header"
