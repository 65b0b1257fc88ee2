-- The year in a call's application numbers, and one call per prefix and year (ZB/2026/0042 names
-- one application). Calls written before this get the year they open in Warsaw.
ALTER TABLE "call_call" ADD COLUMN "number_year" integer;--> statement-breakpoint
UPDATE "call_call" SET "number_year" = extract(year from "opens_at" at time zone 'Europe/Warsaw')::int;--> statement-breakpoint
ALTER TABLE "call_call" ALTER COLUMN "number_year" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "call_call" ADD CONSTRAINT "call_call_number_unique" UNIQUE("number_prefix","number_year");
