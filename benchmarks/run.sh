#!/usr/bin/env bash
# Builds and runs the benchmarks; writes benchmarks/results/latest.json and latest.md.
#   benchmarks/run.sh            full run (longer warm-up, 2 forks, the whole million deals; about an hour)
#   benchmarks/run.sh --quick    shorter warm-up and measurement, 50,000-deal book (about 20 minutes on 2 cores)
# Needs a JDK 17+, Maven, jq, and /usr/bin/time for the cold-start measurement. See docs/performance.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/benchmarks/results"
mode=full
if [ "${1:-}" = "--quick" ]; then mode=quick; fi

if [ "$mode" = quick ]; then
  jmh_opts=(-wi 4 -w 3s -i 3 -r 2s -f 1)
  warm_opts=(-wi 3 -w 1s -i 3 -r 1s -f 1)
  cold_forks=3
  cold_runs=5
  book_deals=50000
else
  jmh_opts=(-wi 8 -w 3s -i 5 -r 3s -f 2)
  warm_opts=(-wi 5 -w 2s -i 5 -r 2s -f 2)
  cold_forks=10
  cold_runs=11
  book_deals=1000000
fi
# the same heap for every benchmark JVM, so that runs are comparable
jvm=(-jvmArgs "-Xms1g -Xmx1g -XX:+UseParallelGC")

echo "building (core, rules, cli jar, benchmarks.jar)..." >&2
# test sources are not compiled: only what the benchmarks run is built
(cd "$root" && mvn -q -B install -Dmaven.test.skip=true -pl benchmarks,cli -am)
jar="$root/benchmarks/target/benchmarks.jar"

mkdir -p "$out"
rm -f "$out"/jmh-*.json "$out"/heap.json "$out"/coldstart.json "$out"/portfolio.json

run_jmh() { # name, then JMH arguments
  local name="$1"; shift
  echo "== $name" >&2
  java -jar "$jar" "$@" "${jvm[@]}" -rf json -rff "$out/jmh-$name.json" >"$out/jmh-$name.log" 2>&1 \
    || { tail -40 "$out/jmh-$name.log" >&2; exit 1; }
}

for t in 1 2; do
  run_jmh "peers-t$t" 'PeerBenchmark' "${jmh_opts[@]}" -t "$t"
  run_jmh "playbooks-t$t" 'PlaybookBenchmark' "${jmh_opts[@]}" -t "$t"
  run_jmh "open-deals-t$t" 'PlaybookBenchmark.(batch|single)$' -p playbook=standard-b2b -p deals=open \
    "${jmh_opts[@]}" -t "$t"
done
run_jmh compile-cold 'CompileBenchmark.cold' -wi 0 -i 1 -f "$cold_forks"
run_jmh compile-warm 'CompileBenchmark.warm' "${warm_opts[@]}"

echo "== heap retained" >&2
java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$jar" dev.playbook.benchmarks.HeapFootprint >"$out/heap.json"

echo "== whole book: $book_deals generated deals through the portfolio path, 2 threads, 512 MB heap" >&2
java -Xmx512m -XX:+UseParallelGC -cp "$jar" dev.playbook.benchmarks.PortfolioRun "$book_deals" standard-b2b 2 \
  >"$out/portfolio.json"

echo "== cold start of bin/playbook evaluate" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
jq '.[0]' "$root/examples/deals/pipeline.json" >"$tmp/one-deal.json"
# bin/playbook itself: the jar was built above, so it is not rebuilt; the first run (not measured)
# makes the class-data sharing archive and warms the file cache
command=(bin/playbook evaluate "$tmp/one-deal.json" --playbook standard-b2b --as-of 2026-11-20)
(cd "$root" && "${command[@]}" >/dev/null)
runs=()
for _ in $(seq "$cold_runs"); do
  (cd "$root" && /usr/bin/time -f "%e %M" -o "$tmp/time" "${command[@]}" >/dev/null)
  runs+=("$(cat "$tmp/time")")
done
printf '%s\n' "${runs[@]}" | jq -R -s --arg cmd "bin/playbook evaluate one-deal.json --playbook standard-b2b" '
  split("\n") | map(select(length > 0) | split(" ") | {wallSeconds: (.[0]|tonumber), peakRssKiB: (.[1]|tonumber)})
  | {command: $cmd, runs: .,
     medianWallSeconds: (map(.wallSeconds) | sort | .[length/2|floor]),
     medianPeakRssKiB: (map(.peakRssKiB) | sort | .[length/2|floor])}' >"$out/coldstart.json"

java -cp "$jar" dev.playbook.benchmarks.Report "$out" "$mode"
rm -f "$out"/jmh-*.log
echo "wrote $out/latest.json and $out/latest.md" >&2
cat "$out/latest.md"
