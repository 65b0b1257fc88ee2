ALTER TABLE "space_booking" ADD COLUMN "check_in_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "check_in_token_hash" text;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "space_booking_check_in_due_idx" ON "space_booking" USING btree ("check_in_until") WHERE "space_booking"."status" = 'confirmed' and "space_booking"."check_in_until" is not null;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_check_in_token_hash_unique" UNIQUE("check_in_token_hash");--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_check_in_until_check" CHECK ("space_booking"."check_in_until" is null or "space_booking"."check_in_until" between "space_booking"."starts_at" and "space_booking"."ends_at");