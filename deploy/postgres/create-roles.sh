#!/bin/sh
# Run once by the postgres image, on an empty volume, as its superuser (docker-entrypoint-initdb.d).
# delais_ij_owner owns the database and runs the migrations and the CLI; delais_ij_service is what
# the service connects as: the service grants it, after each migration, only reading and writing
# the rows of its tables (src/database/service-role.ts, docs/security.md).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$OWNER_DB_PASSWORD" -v service_password="$SERVICE_DB_PASSWORD" <<'SQL'
CREATE ROLE delais_ij_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE delais_ij_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'service_password';
CREATE DATABASE delais_ij OWNER delais_ij_owner;
\connect delais_ij
ALTER SCHEMA public OWNER TO delais_ij_owner;
REVOKE CREATE, TEMPORARY ON DATABASE delais_ij FROM PUBLIC;
SQL
