#!/usr/bin/env bash
# Builds and tests everything in Release (real RabbitMQ/Redis/processes for the integration tests); exit code = dotnet test's.
# Ends with a totals line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")"
./eng/install-prereqs.sh
# Debian's chromium for the web front end's browser tests (tests/YeKuo.Web.Tests, Playwright). Without it those tests
# fail with a message saying so; every other test still runs.
./eng/install-prereqs.sh --with-chromium || echo "test.sh: chromium could not be installed: the web tests (tests/YeKuo.Web.Tests) will fail" >&2
# Debian's container tooling for the image tests (tests/YeKuo.Deploy.Tests builds and starts every host's image).
./eng/install-prereqs.sh --with-containers || echo "test.sh: the container tooling could not be installed: the image tests (tests/YeKuo.Deploy.Tests) will fail" >&2

# The tests kill processes (crash, restart and chaos tests); a killed .NET process leaves its debugger pipes and its
# diagnostics socket in /tmp (clr-debug-pipe-*, dotnet-diagnostic-*), thousands over many runs. Every process the tests
# start inherits these and makes neither; attach a debugger or dotnet-trace by running the tests without test.sh.
export DOTNET_EnableDiagnostics_Debugger=0 DOTNET_EnableDiagnostics_IPC=0

results="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
loggers=(--logger "console;verbosity=normal" --results-directory "$results")

status=0
# Where a project's console output is kept (two lanes run at once; each project's output is printed whole when done).
log_of() { echo "$results/$(basename "$1" .csproj).log"; }
# One project's tests: its console output in its log, its results in its own trx.
run_project() {
  local project=$1 name
  shift
  name=$(basename "$project" .csproj)
  if dotnet test "$project" -c Release "$@" "${loggers[@]}" --logger "trx;LogFileName=$name.trx" > "$(log_of "$project")" 2>&1; then
    echo "test.sh: $name passed ($(date +%T))"
  else
    echo "test.sh: $name FAILED ($(date +%T))"
    return 1
  fi
}
lane() {
  local failed=0 project
  for project in "$@"; do
    run_project "$project" --no-build || failed=1
  done
  return "$failed"
}

if [ -n "${YEKUO_TEST_PROJECTS:-}" ]; then
  # A subset, e.g. YEKUO_TEST_PROJECTS="tests/YeKuo.AppHost.Tests/YeKuo.AppHost.Tests.csproj" ./test.sh
  for project in $YEKUO_TEST_PROJECTS; do
    run_project "$project" || status=$?
    cat "$(log_of "$project")"
  done
else
  dotnet build YeKuo.Aspire.sln -c Release -nologo || exit $?
  shopt -s nullglob
  for project in tests/*/*Tests.csproj; do
    grep -qF "${project//\//\\}" YeKuo.Aspire.sln || dotnet build "$project" -c Release -nologo || exit $?
  done
  # Every test project (tests/*/*Tests.csproj, in the solution or not, so none is silently skipped), in two lanes at once:
  # a system test spends most of its time waiting on processes, timers and browsers (the machine was about 30 % busy
  # running them one after another). The whole-system projects are spread over the lanes; the chaos test, which kills
  # processes and restarts its broker, runs alone afterwards.
  system_a=(tests/YeKuo.IntegrationTests/YeKuo.IntegrationTests.csproj tests/YeKuo.Deploy.Tests/YeKuo.Deploy.Tests.csproj)
  system_b=(tests/YeKuo.AppHost.Tests/YeKuo.AppHost.Tests.csproj tests/YeKuo.Web.Tests/YeKuo.Web.Tests.csproj tests/YeKuo.Security.Tests/YeKuo.Security.Tests.csproj)
  chaos=tests/YeKuo.ChaosTests/YeKuo.ChaosTests.csproj
  others=()
  for project in tests/*/*Tests.csproj; do
    case " ${system_a[*]} ${system_b[*]} $chaos " in *" $project "*) continue ;; esac
    others+=("$project")
  done
  lane "${others[@]}" "${system_a[@]}" & lane_a=$!
  lane "${system_b[@]}" & lane_b=$!
  wait "$lane_a" || status=1
  wait "$lane_b" || status=1
  lane "$chaos" || status=1
  for project in "${others[@]}" "${system_a[@]}" "${system_b[@]}" "$chaos"; do
    echo "===== $(basename "$project" .csproj) ====="
    cat "$(log_of "$project")"
  done
fi

counter() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${v:-0}"; }
passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1 || true)
  passed=$(( passed + $(counter passed) ))
  failed=$(( failed + $(counter failed) ))
  skipped=$(( skipped + $(counter notExecuted) ))
done
echo
# The failed tests last, where a log's tail shows them: each name with the first lines of its error message.
for trx in "$results"/*.trx; do
  awk '
    function text(s) {
      gsub(/&#xD;/, "", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s)
      return s
    }
    /<UnitTestResult / && /outcome="Failed"/ {
      match($0, /testName="[^"]*"/); print "FAILED: " text(substr($0, RSTART + 10, RLENGTH - 11)); failed = 1; lines = 0
    }
    failed && /<Message>/ { message = 1; sub(/.*<Message>/, "") }
    message {
      last = sub(/<\/Message>.*/, "")
      if (lines++ < 15) print "    " text($0); else if (lines == 16) print "    ..."
      if (last) { message = 0; failed = 0 }
    }
    /<\/UnitTestResult>/ { failed = 0; message = 0 }
  ' "$trx"
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
