-- The role Timeline connects as: it owns its own schema and nothing else (no superuser, no
-- CREATEDB, no CREATE on public). Run once by the postgres image at first start (01-timeline.sh),
-- and by the test suite against a real server, so what containers do is what is tested.
-- psql variables: app_password.
create role timeline_app login password :'app_password' nosuperuser nocreatedb nocreaterole;
revoke create on schema public from public;
create schema timeline authorization timeline_app;
alter role timeline_app set search_path = timeline;
