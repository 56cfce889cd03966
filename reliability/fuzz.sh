#!/usr/bin/env bash
# Runs the Jazzer fuzz targets of PlaybookFuzzTest one after the other and prints, per target, the
# executions, the executions per second and the findings.
#
#   reliability/fuzz.sh                 30 s per target (the CI setting)
#   reliability/fuzz.sh 600             10 min per target
#   reliability/fuzz.sh --long          1 h per target (a campaign)
#   reliability/fuzz.sh 60 dealFiles    one target only
#
# Needs the other modules installed first:  mvn -q -B install -DskipTests
# Environment: FUZZ_KNOWN_ISSUES=report also evaluates inputs that reach bugs already reported
# (see KnownIssues.java); FUZZ_KEEP_GOING (default 20) is how many distinct findings a target may
# report before it stops.
#
# Corpora grow under reliability/target/fuzz-corpus/<target>/, logs go to
# reliability/target/fuzz-logs/<target>.log, and Jazzer writes each crashing input as crash-<sha1>
# into src/test/resources/dev/playbook/reliability/PlaybookFuzzTestInputs/<target>/, where every
# later `mvn test` replays it. Exit code: 0 without findings, 1 with findings, 2 on a usage or build error.
set -u

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds=30
targets=()
for arg in "$@"; do
  case "$arg" in
    --long) seconds=3600 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    ''|*[!0-9]*) targets+=("$arg") ;;
    *) seconds="$arg" ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  targets=(yamlLoader conditionParser loadAndCompile dealFiles)
fi

inputs="$here/src/test/resources/dev/playbook/reliability/PlaybookFuzzTestInputs"
mkdir -p "$here/target/fuzz-logs"

# Fuzz against a private copy of the engine's jars, so that an `mvn install` run meanwhile (which
# rewrites them in the local repository) cannot pull classes out from under a long campaign.
repo="$(cd "$root" && mvn -q -B -Dstyle.color=never help:evaluate -Dexpression=settings.localRepository \
  -DforceStdout 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g')"
repo="${repo:-$HOME/.m2/repository}"
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | head -1)"
lib="$here/target/fuzz-lib"
mkdir -p "$lib"
snapshot=()
for artifact in playbook-core playbook-rules; do
  jar="$repo/dev/playbook/$artifact/$version/$artifact-$version.jar"
  if [ ! -f "$jar" ]; then
    echo "$jar is missing; run: mvn -q -B install -DskipTests" >&2
    exit 2
  fi
  cp "$jar" "$lib/$artifact.jar"
  snapshot+=("$lib/$artifact.jar")
done
classpath="$(IFS=,; echo "${snapshot[*]}")"
summary=()
status=0
for target in "${targets[@]}"; do
  case "$target" in
    yamlLoader|dealFiles) instrument='dev.playbook.**,org.yaml.snakeyaml.**,com.fasterxml.jackson.**' ;;
    conditionParser|loadAndCompile) instrument='dev.playbook.**' ;;
    *) echo "unknown target '$target'; the targets are: yamlLoader conditionParser loadAndCompile dealFiles" >&2; exit 2 ;;
  esac
  corpus="$here/target/fuzz-corpus/$target"
  log="$here/target/fuzz-logs/$target.log"
  mkdir -p "$corpus"
  before="$(ls "$inputs/$target" 2>/dev/null | grep -c '^\(crash\|timeout\|slow-unit\)-' || true)"
  echo "fuzzing $target for ${seconds}s (log: ${log#$root/})" >&2
  ( cd "$root" && JAZZER_FUZZ=1 mvn -B -pl reliability test \
      -Dtest="PlaybookFuzzTest#$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Dmaven.test.dependency.excludes=dev.playbook:playbook-core,dev.playbook:playbook-rules \
      -Dmaven.test.additionalClasspath="$classpath" \
      -Djazzer.hooks=true "-Djazzer.instrument=$instrument" \
      -Djazzer.keep_going="${FUZZ_KEEP_GOING:-20}" \
      -Dfuzz.knownIssues="${FUZZ_KNOWN_ISSUES:-skip}" \
      -Djazzer.internal.arg.0=fuzz \
      -Djazzer.internal.arg.1="-max_total_time=$seconds" \
      -Djazzer.internal.arg.2=-timeout=10 \
      -Djazzer.internal.arg.3="$corpus" ) > "$log" 2>&1
  rc=$?
  runs="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | grep -Eo '[0-9]+' | head -1)"
  secs="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | grep -Eo '[0-9]+' | tail -1)"
  if [ -z "$runs" ]; then
    runs="$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    secs="$seconds"
  fi
  runs="${runs:-0}"
  rate=0
  if [ -n "$secs" ] && [ "$secs" -gt 0 ]; then rate=$((runs / secs)); fi
  after="$(ls "$inputs/$target" 2>/dev/null | grep -c '^\(crash\|timeout\|slow-unit\)-' || true)"
  findings=$((after - before))
  distinct="$(grep -c '^== Java Exception:\|^==[0-9]*== ERROR: libFuzzer: timeout' "$log" || true)"
  if [ "$distinct" -gt "$findings" ]; then findings="$distinct"; fi
  if [ "$rc" -ne 0 ] && [ "$findings" -eq 0 ]; then
    if grep -q 'BUILD FAILURE' "$log" && ! grep -q 'FuzzTestFinding\|Jazzer exited' "$log"; then
      echo "  the build failed; see $log" >&2
      status=2
    else
      findings=1
    fi
  fi
  if [ "$findings" -gt 0 ] && [ "$status" -eq 0 ]; then status=1; fi
  line="$(printf '%-16s %9s executions  %6s exec/s  %3s findings' "$target" "$runs" "$rate" "$findings")"
  summary+=("$line")
  echo "$line" >&2
  grep '^== Java Exception:' "$log" | sort | uniq -c | sed 's/^/    /' >&2
done
echo
echo "target           executions    exec/s   findings   (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit "$status"
