#!/usr/bin/env bash
# Adds an EF Core migration for both providers of one service: eng/add-migration.sh <Service> <MigrationName>
# (Service: Acceptance, SupplyScheme, Inspection, Metering, Notification). The design-time host is the service's own
# Program, so it gets the settings it insists on; nothing connects anywhere while migrations are generated.
set -euo pipefail
cd "$(dirname "$0")/.."
service=${1:?service, e.g. Acceptance}; name=${2:?migration name}
project=services/YeKuo.$service/YeKuo.$service.csproj
db=$(echo "$service" | tr '[:upper:]' '[:lower:]')db
dotnet tool restore >/dev/null
dotnet build "$project" -nologo -v quiet
export Jwt__SigningKey=design-time-only-key-design-time-only-key-0123456789
export ConnectionStrings__messaging=amqp://guest:guest@127.0.0.1:1/ ConnectionStrings__cache=127.0.0.1:1
dotnet ef migrations add "$name" --project "$project" --context "Sqlite${service}DbContext" -o Infrastructure/Migrations/Sqlite --no-build
env Database__Provider=SqlServer "ConnectionStrings__$db=Server=localhost;Database=$db;TrustServerCertificate=True" \
  dotnet ef migrations add "$name" --project "$project" --context "SqlServer${service}DbContext" -o Infrastructure/Migrations/SqlServer --no-build
