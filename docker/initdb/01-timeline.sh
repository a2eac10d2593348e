#!/bin/sh
# Runs inside the postgres image at first start: creates Timeline's own role and schema, and the
# role the streaming replica (compose.yaml's postgres-replica) connects as, allowed to replicate only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$TIMELINE_DB_PASSWORD" -f /etc/timeline/timeline.sql
# From standard input: psql substitutes its variables there, not in -c.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v replication_password="$TIMELINE_REPLICATION_PASSWORD" <<'SQL'
create role replicator login replication password :'replication_password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
