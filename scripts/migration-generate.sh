#!/usr/bin/env bash
# Generates a TypeORM migration from the difference between a service's entities and its
# migrations so far: npm run migration:generate -- <identity|org|import> <Name>
set -euo pipefail
service=${1:?usage: npm run migration:generate -- <service> <Name>}
name=${2:?usage: npm run migration:generate -- <service> <Name>}
base=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432}
scratch="rac_migration_${service}_$$"
var="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DATABASE_URL"

npm run -s build
psql "$base/postgres" -qc "CREATE DATABASE $scratch"
trap 'psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT
export "$var=$base/$scratch"
source=dist/services/$service/src/database/data-source.js
npx typeorm migration:run -d "$source" >/dev/null
npx typeorm migration:generate -d "$source" --pretty "services/$service/src/migrations/$name"
echo "Now add the new class to services/$service/src/database/schema.ts (migrations list)."
