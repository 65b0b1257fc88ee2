-- Rules of the spaces module that drizzle-kit cannot express: exclusion constraints (btree_gist)
-- and references to tables of other modules.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- No two live bookings of one room overlap, the buffer after each included.
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_no_overlap"
  EXCLUDE USING gist ("resource_id" WITH =, tstzrange("starts_at", "blocked_until") WITH &&)
  WHERE ("kind" = 'slot' AND "status" IN ('requested', 'confirmed', 'checked_in'));
--> statement-breakpoint
-- No desk is fixed for two live agreements whose periods overlap.
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_fixed_desk_no_overlap"
  EXCLUDE USING gist ("desk_id" WITH =, daterange("starts_on", "ends_on", '[]') WITH &&)
  WHERE ("desk_id" IS NOT NULL AND "status" = 'accepted');
--> statement-breakpoint
ALTER TABLE "space_resource" ADD CONSTRAINT "space_resource_zone_id_place_zone_id_fk"
  FOREIGN KEY ("zone_id") REFERENCES "place_zone"("id") ON DELETE RESTRICT;
--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_organisation_id_org_organisation_id_fk"
  FOREIGN KEY ("organisation_id") REFERENCES "org_organisation"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_organisation_id_org_organisation_id_fk"
  FOREIGN KEY ("organisation_id") REFERENCES "org_organisation"("id") ON DELETE SET NULL;
--> statement-breakpoint
CREATE INDEX "space_booking_organisation_idx" ON "space_booking" ("organisation_id", "starts_at")
  WHERE "organisation_id" IS NOT NULL;
