CREATE TABLE "event_series" (
	"name" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"title_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"certificate_min_sessions" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_series_slug_check" CHECK ("event_series"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "event_series_certificate_check" CHECK ("event_series"."certificate_min_sessions" is null or "event_series"."certificate_min_sessions" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "event_series_certificate" (
	"code" text PRIMARY KEY NOT NULL,
	"series_name" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_series_certificate" ADD CONSTRAINT "event_series_certificate_series_name_event_series_name_fk" FOREIGN KEY ("series_name") REFERENCES "public"."event_series"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "event_series_certificate" ADD CONSTRAINT "event_series_certificate_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_series_slug_idx" ON "event_series" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "event_series_certificate_person_idx" ON "event_series_certificate" USING btree ("series_name","user_id");