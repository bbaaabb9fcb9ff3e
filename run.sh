#!/usr/bin/env bash
# Runs the whole system locally through the .NET Aspire AppHost: RabbitMQ, Redis, the five services, the gateway
# (http://127.0.0.1:5080), the web front end behind it, and the Aspire dashboard (resources, logs, traces, metrics), with
# state in .yekuo/. Prints the gateway, web, dashboard (with its login link) and broker addresses once everything is
# healthy. Ctrl+C (or SIGTERM) stops everything; after a SIGKILL of the AppHost its orchestrator (DCP) stops the rest.
# Options: --gateway-port N (default 5080), --dashboard-port N (default 18888), --state-dir DIR (default .yekuo);
# anything else goes to the AppHost (e.g. --YeKuo:Ephemeral=true).
set -euo pipefail
cd "$(dirname "$0")"

app_args=()
dashboard_port=18888
state_dir="$PWD/.yekuo"
while [ $# -gt 0 ]; do
  case "$1" in
    --gateway-port) app_args+=("--YeKuo:GatewayPort=$2"); shift 2 ;;
    --dashboard-port) dashboard_port=$2; shift 2 ;;
    --state-dir) state_dir=$(realpath -m "$2"); shift 2 ;;
    *) app_args+=("$1"); shift ;;
  esac
done
app_args+=("--YeKuo:StateDirectory=$state_dir")

./eng/install-prereqs.sh

# The dashboard's addresses (the AppHost reads them like a launch profile) and the Development environment.
export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:$dashboard_port}
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:$((dashboard_port + 1))}
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:$((dashboard_port + 2))}
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true

# The AppHost starts each project from its build output: build everything first (building the AppHost builds its projects).
dotnet build -c Release apphost/YeKuo.AppHost/YeKuo.AppHost.csproj -nologo -v quiet

# A previous run on this state directory that was SIGKILLed is being stopped by its DCP (6-8 s): let it finish first,
# so its broker and ports are free; whatever is still there after 30 s is ended.
for attempt in $(seq 1 30); do
  left=$(./eng/leftovers.sh "$state_dir" | tr '\n' ' ')
  [ -z "$left" ] && break
  [ "$attempt" -eq 1 ] && echo "run.sh: waiting for the previous run on $state_dir to stop (pids $left)"
  if [ "$attempt" -eq 30 ]; then echo "run.sh: ending leftover processes $left"; kill -9 $left 2>/dev/null || true; sleep 1; fi
  sleep 1
done

# exec: Ctrl+C and SIGTERM reach the AppHost itself (no 'dotnet run' in between that could die first and orphan it).
exec dotnet apphost/YeKuo.AppHost/bin/Release/net10.0/YeKuo.AppHost.dll "${app_args[@]}"
