CREATE TABLE "event_event" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"title_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"kind" text NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"subarea_id" uuid,
	"venue_address" text,
	"venue_lat" double precision,
	"venue_lng" double precision,
	"online_url" text,
	"organisation_id" uuid,
	"organiser_unit" text,
	"series" text,
	"step_free" boolean DEFAULT false NOT NULL,
	"induction_loop" boolean DEFAULT false NOT NULL,
	"sign_language" boolean DEFAULT false NOT NULL,
	"quiet_room" boolean DEFAULT false NOT NULL,
	"contact" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"postponed_from" timestamp with time zone,
	"capacity" integer,
	"taken" integer DEFAULT 0 NOT NULL,
	"queue_seq" integer DEFAULT 0 NOT NULL,
	"registration" boolean DEFAULT false NOT NULL,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"max_companions" integer DEFAULT 0 NOT NULL,
	"offer_hold_hours" integer DEFAULT 24 NOT NULL,
	"consent" text,
	"consent_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cancel_reason" text,
	"review_note" text,
	"published_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_event_status_check" CHECK ("event_event"."status" in ('draft','submitted','published','cancelled','postponed','finished','rejected')),
	CONSTRAINT "event_event_time_check" CHECK ("event_event"."ends_at" > "event_event"."starts_at"),
	CONSTRAINT "event_event_capacity_check" CHECK ("event_event"."capacity" is null or "event_event"."capacity" >= 0),
	CONSTRAINT "event_event_taken_check" CHECK ("event_event"."taken" >= 0 and ("event_event"."capacity" is null or "event_event"."taken" <= "event_event"."capacity")),
	CONSTRAINT "event_event_companions_check" CHECK ("event_event"."max_companions" between 0 and 20),
	CONSTRAINT "event_event_hold_check" CHECK ("event_event"."offer_hold_hours" between 1 and 720),
	CONSTRAINT "event_event_window_check" CHECK ("event_event"."registration_opens_at" is null or "event_event"."registration_closes_at" is null or "event_event"."registration_closes_at" > "event_event"."registration_opens_at")
);
--> statement-breakpoint
CREATE TABLE "event_registration_link" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registration" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" text,
	"name" text,
	"email" text,
	"locale" text DEFAULT 'pl' NOT NULL,
	"party_size" integer NOT NULL,
	"status" text NOT NULL,
	"position" integer,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consent_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "event_registration_status_check" CHECK ("event_registration"."status" in ('confirmed','waiting','offered','cancelled','declined','expired')),
	CONSTRAINT "event_registration_party_check" CHECK ("event_registration"."party_size" between 1 and 21),
	CONSTRAINT "event_registration_offer_check" CHECK ("event_registration"."status" <> 'offered' or "event_registration"."offer_expires_at" is not null),
	CONSTRAINT "event_registration_waiting_check" CHECK ("event_registration"."status" <> 'waiting' or "event_registration"."position" is not null)
);
--> statement-breakpoint
ALTER TABLE "event_event" ADD CONSTRAINT "event_event_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration_link" ADD CONSTRAINT "event_registration_link_registration_id_event_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registration"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_event_id_event_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registration" ADD CONSTRAINT "event_registration_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_event_starts_idx" ON "event_event" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "event_event_status_idx" ON "event_event" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "event_event_organisation_idx" ON "event_event" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "event_registration_link_registration_idx" ON "event_registration_link" USING btree ("registration_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registration_live_idx" ON "event_registration" USING btree ("event_id","user_id") WHERE "event_registration"."status" in ('confirmed','waiting','offered');--> statement-breakpoint
CREATE UNIQUE INDEX "event_registration_position_idx" ON "event_registration" USING btree ("event_id","position");--> statement-breakpoint
CREATE INDEX "event_registration_user_idx" ON "event_registration" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "event_registration_offer_idx" ON "event_registration" USING btree ("offer_expires_at") WHERE "event_registration"."status" = 'offered';