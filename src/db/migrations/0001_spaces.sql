CREATE TABLE "space_agreement" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text,
	"user_id" text NOT NULL,
	"organisation_id" uuid,
	"applicant_kind" text NOT NULL,
	"package_id" uuid NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"days_total" integer,
	"days_used" integer DEFAULT 0 NOT NULL,
	"price_grosze" integer NOT NULL,
	"desk_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"concluded_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"renewed_from" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_agreement_number_unique" UNIQUE("number"),
	CONSTRAINT "space_agreement_status_check" CHECK ("space_agreement"."status" in ('applied','accepted','refused','withdrawn','ended')),
	CONSTRAINT "space_agreement_kind_check" CHECK ("space_agreement"."applicant_kind" in ('standard','incubator_startup','ngo')),
	CONSTRAINT "space_agreement_period_check" CHECK ("space_agreement"."ends_on" >= "space_agreement"."starts_on"),
	CONSTRAINT "space_agreement_days_check" CHECK ("space_agreement"."days_used" >= 0 and ("space_agreement"."days_total" is null or "space_agreement"."days_used" <= "space_agreement"."days_total")),
	CONSTRAINT "space_agreement_price_check" CHECK ("space_agreement"."price_grosze" >= 0),
	CONSTRAINT "space_agreement_number_check" CHECK (("space_agreement"."number" is null) = ("space_agreement"."status" in ('applied','refused','withdrawn')))
);
--> statement-breakpoint
CREATE TABLE "space_booking" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"organisation_id" uuid,
	"agreement_id" uuid,
	"series_id" uuid,
	"day" date,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"attendees" integer,
	"layout" text,
	"notes" text DEFAULT '' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_booking_kind_check" CHECK ("space_booking"."kind" in ('desk','slot') and ("space_booking"."kind" = 'desk') = ("space_booking"."day" is not null)),
	CONSTRAINT "space_booking_status_check" CHECK ("space_booking"."status" in ('requested','confirmed','checked_in','cancelled','declined','released')),
	CONSTRAINT "space_booking_range_check" CHECK ("space_booking"."ends_at" > "space_booking"."starts_at" and "space_booking"."blocked_until" >= "space_booking"."ends_at"),
	CONSTRAINT "space_booking_attendees_check" CHECK ("space_booking"."attendees" is null or "space_booking"."attendees" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "space_closure" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_closure_range_check" CHECK ("space_closure"."ends_on" >= "space_closure"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "space_counter" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_desk_day" (
	"resource_id" uuid NOT NULL,
	"day" date NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "space_desk_day_resource_id_day_pk" PRIMARY KEY("resource_id","day"),
	CONSTRAINT "space_desk_day_capacity_check" CHECK ("space_desk_day"."booked" >= 0 and "space_desk_day"."capacity" >= 0 and "space_desk_day"."booked" <= "space_desk_day"."capacity")
);
--> statement-breakpoint
CREATE TABLE "space_desk" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"label" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "space_feed" (
	"user_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_feed_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "space_package" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"days" integer,
	"months" integer NOT NULL,
	"fixed_desk" boolean DEFAULT false NOT NULL,
	"price_grosze" integer NOT NULL,
	"reduced_prices" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_package_slug_unique" UNIQUE("slug"),
	CONSTRAINT "space_package_kind_check" CHECK ("space_package"."kind" in ('day_pass','multi_day_pass','monthly_hot_desk','monthly_fixed_desk')),
	CONSTRAINT "space_package_days_check" CHECK ("space_package"."days" is null or "space_package"."days" between 1 and 366),
	CONSTRAINT "space_package_months_check" CHECK ("space_package"."months" between 1 and 24),
	CONSTRAINT "space_package_price_check" CHECK ("space_package"."price_grosze" >= 0)
);
--> statement-breakpoint
CREATE TABLE "space_resource" (
	"id" uuid PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"capacity" integer NOT NULL,
	"equipment" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accessibility" text DEFAULT '' NOT NULL,
	"layouts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_resource_slug_unique" UNIQUE("slug"),
	CONSTRAINT "space_resource_kind_check" CHECK ("space_resource"."kind" in ('desk','room','event_space')),
	CONSTRAINT "space_resource_capacity_check" CHECK ("space_resource"."capacity" between 1 and 10000)
);
--> statement-breakpoint
CREATE TABLE "space_rule_override" (
	"id" uuid PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"package_id" uuid,
	"organisation_kind" text,
	"rules" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "space_rule_override_target_check" CHECK (num_nonnulls("space_rule_override"."package_id", "space_rule_override"."organisation_kind") = 1)
);
--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_package_id_space_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."space_package"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_desk_id_space_desk_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."space_desk"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_agreement" ADD CONSTRAINT "space_agreement_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_resource_id_space_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."space_resource"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_agreement_id_space_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."space_agreement"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_booking" ADD CONSTRAINT "space_booking_checked_in_by_auth_user_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_closure" ADD CONSTRAINT "space_closure_resource_id_space_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."space_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_closure" ADD CONSTRAINT "space_closure_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_desk_day" ADD CONSTRAINT "space_desk_day_resource_id_space_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."space_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_desk" ADD CONSTRAINT "space_desk_resource_id_space_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."space_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_feed" ADD CONSTRAINT "space_feed_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_rule_override" ADD CONSTRAINT "space_rule_override_resource_id_space_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."space_resource"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "space_rule_override" ADD CONSTRAINT "space_rule_override_package_id_space_package_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."space_package"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "space_agreement_user_idx" ON "space_agreement" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "space_agreement_status_idx" ON "space_agreement" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "space_agreement_concluded_idx" ON "space_agreement" USING btree ("concluded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "space_booking_one_desk_per_day_idx" ON "space_booking" USING btree ("resource_id","user_id","day") WHERE "space_booking"."kind" = 'desk' and "space_booking"."status" in ('requested','confirmed','checked_in');--> statement-breakpoint
CREATE INDEX "space_booking_user_idx" ON "space_booking" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "space_booking_resource_start_idx" ON "space_booking" USING btree ("resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "space_booking_status_start_idx" ON "space_booking" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "space_booking_series_idx" ON "space_booking" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "space_closure_range_idx" ON "space_closure" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE UNIQUE INDEX "space_desk_number_idx" ON "space_desk" USING btree ("resource_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "space_rule_override_package_idx" ON "space_rule_override" USING btree ("resource_id","package_id");--> statement-breakpoint
CREATE UNIQUE INDEX "space_rule_override_kind_idx" ON "space_rule_override" USING btree ("resource_id","organisation_kind");