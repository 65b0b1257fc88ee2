CREATE TABLE "account_terms_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"body_pl" text NOT NULL,
	"body_en" text NOT NULL,
	"body_uk" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	CONSTRAINT "account_terms_version_positive" CHECK ("account_terms_version"."version" > 0),
	CONSTRAINT "account_terms_version_bodies" CHECK (length("account_terms_version"."body_pl") between 1 and 100000 and length("account_terms_version"."body_en") between 1 and 100000 and length("account_terms_version"."body_uk") between 1 and 100000)
);
--> statement-breakpoint
ALTER TABLE "account_consent" ADD COLUMN "terms_version" integer;--> statement-breakpoint
ALTER TABLE "account_terms_version" ADD CONSTRAINT "account_terms_version_published_by_auth_user_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_terms_version_version_key" ON "account_terms_version" USING btree ("version");--> statement-breakpoint
ALTER TABLE "account_consent" ADD CONSTRAINT "account_consent_terms_version_account_terms_version_version_fk" FOREIGN KEY ("terms_version") REFERENCES "public"."account_terms_version"("version") ON DELETE no action ON UPDATE no action;