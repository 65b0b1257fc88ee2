-- The list's free text (`search_folded like '%grzegorzki%'`, listing.ts) uses a trigram index, on
-- PGlite and PostgreSQL alike (pg_trgm is contrib on a server, bundled in PGlite; 0010 created it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "event_event_search_folded_trgm_idx" ON "event_event" USING gin ("search_folded" gin_trgm_ops);
