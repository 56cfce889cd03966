#!/usr/bin/env bash
# Measures every performance target of docs/performance.md and prints each with its measured value
# and whether it is met; about 10 minutes on 2 cores. Builds benchmarks/target/benchmarks.jar first
# (core, rules, insights and the benchmarks, tests skipped; nothing is installed).
#   bash benchmarks/targets.sh                 build, then measure everything
#   bash benchmarks/targets.sh --no-build      measure with the jar as it is
#   TARGETS_SCALE=0.5 bash benchmarks/targets.sh   shorter warm-up and measurement (noisier)
#   TARGETS_DEALS=200000 bash benchmarks/targets.sh   a smaller book for the portfolio path
# Writes the whole output to benchmarks/results/targets.txt as well. Needs a JDK 17+ and Maven.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [ "${1:-}" != "--no-build" ]; then
  echo "building benchmarks/target/benchmarks.jar..." >&2
  (cd "$root" && mvn -q -B -ntp package -Dmaven.test.skip=true -pl benchmarks -am)
fi
if [ ! -f "$jar" ]; then
  echo "no $jar: run without --no-build first" >&2
  exit 1
fi
mkdir -p "$root/benchmarks/results"
# the interleaved parts run in this JVM; JIT warm-up, cold compiles and the portfolio path each in
# fresh JVMs that it starts (the portfolio path with -Xmx512m)
java -Xms1g -Xmx1g -XX:+UseParallelGC \
  -Dtargets.scale="${TARGETS_SCALE:-1}" -Dtargets.deals="${TARGETS_DEALS:-1000000}" \
  -cp "$jar" dev.playbook.benchmarks.Targets all 2>&1 \
  | grep -v '^SLF4J' | tee "$root/benchmarks/results/targets.txt"
