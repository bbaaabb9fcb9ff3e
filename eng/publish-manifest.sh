#!/usr/bin/env bash
# Writes the AppHost's Aspire publish manifest (apphost/aspire-manifest.json): what a deployment starts from, generated
# from the same graph ./run.sh runs. tests/YeKuo.AppHost.Tests fails when the committed file is not what the graph makes.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release apphost/YeKuo.AppHost/YeKuo.AppHost.csproj -nologo -v quiet
dotnet apphost/YeKuo.AppHost/bin/Release/net10.0/YeKuo.AppHost.dll --publisher manifest --output-path "$PWD/apphost/aspire-manifest.json" >/dev/null
echo "publish-manifest: apphost/aspire-manifest.json"
