#!/usr/bin/env bash
# Round trip of a NOP hypercall: direct transport and rings (RingBench, in testsuite/src/test).
# Usage: testsuite/bench/ring-bench.sh [calls]   (builds what it needs first)
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sub="${BUILD_SUBDIR:-target}"
cd "$home"
mvn -q -Dbuild.subdir="$sub" -pl testsuite -am install -DskipTests
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -Dbuild.subdir="$sub" -pl testsuite dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -cp "testsuite/$sub/test-classes:testsuite/$sub/classes:$(cat "$cp_file")" \
  dev.splitvisor.testsuite.bench.RingBench "$@"
