-- Searching organisations by part of their folded name (`name_folded like '%krakow%'`) uses a
-- trigram index, on PGlite and PostgreSQL alike (pg_trgm is contrib on a server, bundled in PGlite).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "org_organisation_name_folded_trgm_idx" ON "org_organisation" USING gin ("name_folded" gin_trgm_ops);
