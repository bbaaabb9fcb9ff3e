#!/usr/bin/env bash
# Builds and tests everything in Release (real RabbitMQ/Redis/processes for the integration tests); exit code = dotnet test's.
# Ends with a totals line "N passed, N failed, N skipped" summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")"
./eng/install-prereqs.sh

results="TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
loggers=(--logger "console;verbosity=normal" --logger "trx" --results-directory "$results")

status=0
if [ -f YeKuo.Aspire.sln ]; then
  dotnet test YeKuo.Aspire.sln -c Release "${loggers[@]}" || status=$?
else
  # Until the solution exists: every test project under tests/.
  echo "test.sh: YeKuo.Aspire.sln not found, testing tests/*/*Tests.csproj one by one"
  shopt -s nullglob
  for project in tests/*/*Tests.csproj; do
    dotnet test "$project" -c Release "${loggers[@]}" || status=$?
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
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
