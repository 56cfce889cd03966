#!/usr/bin/env bash
# Runs the long forms of the hostile-input, injection and hot-reload suites (the short forms run in
# every `mvn test`). Reports go to reliability/target/{hostile,injection,reload}-report.md.
#
#   reliability/long.sh                       all three suites
#   reliability/long.sh reload                one suite: hostile, injection or reload
#   reliability/long.sh reload -Dreload.seconds=600 -Dreload.reloads=50000
#                                             more Maven options are passed on
#
# Long form: hostile adds a 50 MB YAML value, an 8 MB YAML word and 16,000 bad conditions in one
# file; injection adds 200 random payloads built from the fixed ones; reload evaluates for 60 s
# (reload.seconds) and reloads 10,000 times (reload.reloads).
# Needs the other modules installed first:  mvn -q -B install -DskipTests
# Exit code: Maven's (0 when every test passed).
set -u

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
tests=()
opts=()
for arg in "$@"; do
  case "$arg" in
    hostile) tests+=("HostileCorpusTest") ;;
    injection) tests+=("InjectionTest") ;;
    reload) tests+=("ReloadStressTest" "ReloadingPlaybookTest") ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) opts+=("$arg") ;;
    *) echo "unknown suite '$arg'; the suites are: hostile injection reload" >&2; exit 2 ;;
  esac
done
if [ ${#tests[@]} -eq 0 ]; then
  tests=(HostileCorpusTest InjectionTest ReloadStressTest ReloadingPlaybookTest)
fi
list="$(IFS=,; echo "${tests[*]}")"

cd "$root" || exit 2
mvn -B -pl reliability test -Dtest="$list" -Dsurefire.failIfNoSpecifiedTests=false -Dreliability.long=true ${opts[@]+"${opts[@]}"}
status=$?
for report in hostile injection reload; do
  if [ -f "$here/target/$report-report.md" ]; then
    echo "report: $here/target/$report-report.md"
  fi
done
exit $status
