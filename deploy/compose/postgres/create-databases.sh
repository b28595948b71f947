#!/bin/sh
# Runs once, when the PostgreSQL volume is new (the image runs /docker-entrypoint-initdb.d/ only
# then): one database and one owner per service, each reachable only by its owner, since a service
# reads another's data through its events or API, never its tables; and Keycloak's, alike.
# Passwords come from the compose environment (<NAME>_DB_PASSWORD).
set -eu

for name in conversation message attachment realtime keycloak; do
  password_variable="$(echo "$name" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="$(printenv "$password_variable" || true)"
  if [ -z "$password" ]; then
    echo "$password_variable is not set" >&2
    exit 1
  fi
  # psql quotes the variables itself (:"name" as an identifier, :'password' as a literal).
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v name="$name" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
