#!/usr/bin/env bash
# Runs the JMH benchmarks of the testsuite module from the packaged build.
# Usage: mvn -q package -DskipTests && testsuite/bench/jmh.sh [JMH options, e.g. -wi 2 -i 3]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
t="$home/testsuite/target"
if [ ! -f "$t/testsuite-0.1.0-SNAPSHOT.jar" ]; then
  echo "jmh.sh: not built yet: run 'mvn -q package -DskipTests' in $home" >&2
  exit 1
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Dsplitvisor.home="$home" \
  -cp "$t/testsuite-0.1.0-SNAPSHOT.jar:$t/lib/*" org.openjdk.jmh.Main "$@"
