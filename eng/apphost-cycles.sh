#!/usr/bin/env bash
# Starts and stops the AppHost N times (default 10) on one kept state directory the way ./run.sh runs it, the last stop
# with SIGKILL and the others with SIGTERM, and measures each cycle: seconds until every service is healthy (the
# AppHost's "[yekuo] ready" line), seconds from the signal until no process of the run is left (eng/leftovers.sh), and
# what was left after 60 s. Exit code 1 when a cycle did not come up or left a process. Build first (./run.sh or
# eng/publish-manifest.sh builds Release).
#   eng/apphost-cycles.sh [cycles] [state-dir]
set -uo pipefail
cd "$(dirname "$0")/.."
cycles=${1:-10}
state=$(realpath -m "${2:-/tmp/yekuo-cycles-$$}")
mkdir -p "$state"
port=$((20000 + RANDOM % 20000))
export DOTNET_ENVIRONMENT=Development ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPNETCORE_URLS=http://127.0.0.1:$((port + 1)) ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:$((port + 2))
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:$((port + 3))
failures=0
since() { awk -v now="$(date +%s.%N)" -v then="$1" 'BEGIN { printf "%.1f", now - then }'; }
echo "| cycle | signal | healthy after (s) | exit code | no process left after (s) | left after 60 s |"
echo "|---|---|---|---|---|---|"
for cycle in $(seq 1 "$cycles"); do
  signal=TERM
  [ "$cycle" -eq "$cycles" ] && signal=KILL
  log="$state/apphost-cycle-$cycle.log"
  started=$(date +%s.%N)
  dotnet apphost/YeKuo.AppHost/bin/Release/net10.0/YeKuo.AppHost.dll --YeKuo:StateDirectory="$state" --YeKuo:GatewayPort="$port" >"$log" 2>&1 &
  apphost=$!
  ready=""
  for _ in $(seq 1 480); do
    if grep -q '^\[yekuo\] ready' "$log"; then ready=$(since "$started"); break; fi
    kill -0 "$apphost" 2>/dev/null || break
    sleep 0.5
  done
  signalled=$(date +%s.%N)
  kill -"$signal" "$apphost" 2>/dev/null
  wait "$apphost" 2>/dev/null
  code=$?
  gone=""
  left=""
  for _ in $(seq 1 120); do
    left=$(./eng/leftovers.sh "$state" "$apphost" | tr '\n' ' ')
    if [ -z "$left" ]; then gone=$(since "$signalled"); break; fi
    sleep 0.5
  done
  [ -z "$ready" ] && failures=$((failures + 1))
  [ -n "$left" ] && { failures=$((failures + 1)); ps -o pid,args -p ${left// /,} >&2 || true; kill -9 $left 2>/dev/null; }
  printf '| %d | SIG%s | %s | %s | %s | %s |\n' "$cycle" "$signal" "${ready:-not ready}" "$code" "${gone:-no}" "${left:-none}"
done
[ -z "${2:-}" ] && rm -rf "$state"
exit $(( failures > 0 ))
