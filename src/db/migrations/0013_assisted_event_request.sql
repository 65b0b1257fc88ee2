ALTER TABLE "space_agreement" ADD COLUMN "acted_by" text;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "blocked_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "setup_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "teardown_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "technical_needs" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "catering_needs" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "house_rules_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "space_booking" ADD COLUMN "acted_by" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "on_behalf_of" text;--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_acted_by_auth_user_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_acted_by_auth_user_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_on_behalf_idx" ON "audit_log" USING btree ("on_behalf_of","created_at") WHERE "audit_log"."on_behalf_of" is not null;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_setup_check" CHECK ("space_booking"."setup_minutes" between 0 and 240 and "space_booking"."teardown_minutes" between 0 and 240);