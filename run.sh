#!/usr/bin/env bash
# Runs the whole system locally: RabbitMQ, Redis, the services and the gateway (http://127.0.0.1:5080), with state in .yekuo/.
# Extra arguments go to the AppHost: --gateway-port N, --only messaging,cache, --state-dir DIR, --otlp-endpoint URL.
# Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./eng/install-prereqs.sh
# Same as 'dotnet run -c Release --project apphost/YeKuo.AppHost', split in build + exec so that Ctrl+C and SIGTERM
# reach the AppHost itself (no 'dotnet run' process in between that could die first and orphan it).
dotnet build -c Release apphost/YeKuo.AppHost/YeKuo.AppHost.csproj -nologo -v quiet
exec dotnet apphost/YeKuo.AppHost/bin/Release/net10.0/YeKuo.AppHost.dll "$@"
