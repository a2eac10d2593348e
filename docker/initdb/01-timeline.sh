#!/bin/sh
# Runs inside the postgres image at first start: creates Timeline's own role and schema.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$TIMELINE_DB_PASSWORD" -f /docker-entrypoint-initdb.d/timeline.sql
