CREATE TABLE "account_consent" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"granted" boolean NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_consent_kind_check" CHECK ("account_consent"."kind" in ('terms','newsletter','events_info','research'))
);
--> statement-breakpoint
CREATE TABLE "org_invitation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"responded_by" text,
	CONSTRAINT "org_invitation_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "org_invitation_role_check" CHECK ("org_invitation"."role" in ('owner','member')),
	CONSTRAINT "org_invitation_status_check" CHECK ("org_invitation"."status" in ('pending','accepted','declined','cancelled','expired')),
	CONSTRAINT "org_invitation_email_check" CHECK (char_length("org_invitation"."email") between 3 and 254)
);
--> statement-breakpoint
CREATE TABLE "org_member" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_member_org_user_uq" UNIQUE("organisation_id","user_id"),
	CONSTRAINT "org_member_role_check" CHECK ("org_member"."role" in ('owner','member'))
);
--> statement-breakpoint
CREATE TABLE "org_organisation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"nip" text,
	"regon" text,
	"krs" text,
	"description" text NOT NULL,
	"website" text,
	"public_email" text,
	"subarea_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"verified_by" text,
	"verified_at" timestamp with time zone,
	"rejected_by" text,
	"rejected_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_organisation_kind_check" CHECK ("org_organisation"."kind" in ('foundation','association','company','sole_trader','public_institution','university_or_student_club','informal_group')),
	CONSTRAINT "org_organisation_status_check" CHECK ("org_organisation"."status" in ('pending','verified','rejected')),
	CONSTRAINT "org_organisation_name_check" CHECK (char_length("org_organisation"."name") between 1 and 200),
	CONSTRAINT "org_organisation_description_check" CHECK (char_length("org_organisation"."description") <= 2000),
	CONSTRAINT "org_organisation_nip_check" CHECK ("org_organisation"."nip" ~ '^[0-9]{10}$'),
	CONSTRAINT "org_organisation_regon_check" CHECK ("org_organisation"."regon" ~ '^([0-9]{9}|[0-9]{14})$'),
	CONSTRAINT "org_organisation_krs_check" CHECK ("org_organisation"."krs" ~ '^[0-9]{10}$'),
	CONSTRAINT "org_organisation_nip_required_check" CHECK ("org_organisation"."kind" not in ('company','sole_trader') or "org_organisation"."nip" is not null),
	CONSTRAINT "org_organisation_informal_check" CHECK ("org_organisation"."kind" <> 'informal_group' or ("org_organisation"."nip" is null and "org_organisation"."regon" is null and "org_organisation"."krs" is null)),
	CONSTRAINT "org_organisation_krs_kind_check" CHECK ("org_organisation"."krs" is null or "org_organisation"."kind" in ('foundation','association','company')),
	CONSTRAINT "org_organisation_rejection_check" CHECK ("org_organisation"."status" <> 'rejected' or ("org_organisation"."rejection_reason" is not null and char_length("org_organisation"."rejection_reason") between 1 and 1000)),
	CONSTRAINT "org_organisation_verified_check" CHECK ("org_organisation"."status" <> 'verified' or "org_organisation"."verified_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "place_building" (
	"id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_site" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "place_site_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "place_subarea" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "place_subarea_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "place_zone" (
	"id" uuid PRIMARY KEY NOT NULL,
	"building_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "place_zone_slug_unique" UNIQUE("slug"),
	CONSTRAINT "place_zone_kind_check" CHECK ("place_zone"."kind" in ('event_space','coworking','social_innovation','office','service_point','civic_centre','investor_centre'))
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_id" text,
	"actor_role" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	CONSTRAINT "auth_session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "auth_sign_in_attempt" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_two_factor" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"backup_codes" text NOT NULL,
	"user_id" text NOT NULL,
	"verified" boolean DEFAULT true,
	"failed_verification_count" integer DEFAULT 0,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"two_factor_enabled" boolean DEFAULT false NOT NULL,
	"role" text DEFAULT 'resident' NOT NULL,
	"staff_unit" text,
	"locale" text DEFAULT 'pl' NOT NULL,
	"phone" text,
	"blocked_at" timestamp with time zone,
	"blocked_reason" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "auth_user_email_unique" UNIQUE("email"),
	CONSTRAINT "auth_user_role_check" CHECK ("auth_user"."role" in ('resident','staff','evaluator','admin')),
	CONSTRAINT "auth_user_locale_check" CHECK ("auth_user"."locale" in ('pl','en','uk'))
);
--> statement-breakpoint
CREATE TABLE "auth_verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_schedule" (
	"name" text PRIMARY KEY NOT NULL,
	"interval_seconds" integer NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "job" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "job_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "job_status_check" CHECK ("job"."status" in ('pending','done','failed'))
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"user_id" text,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "mail_outbox_status_check" CHECK ("mail_outbox"."status" in ('pending','sent','failed'))
);
--> statement-breakpoint
ALTER TABLE "account_consent" ADD CONSTRAINT "account_consent_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_invitation" ADD CONSTRAINT "org_invitation_organisation_id_org_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."org_organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_invitation" ADD CONSTRAINT "org_invitation_invited_by_auth_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_invitation" ADD CONSTRAINT "org_invitation_responded_by_auth_user_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_member" ADD CONSTRAINT "org_member_organisation_id_org_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."org_organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_member" ADD CONSTRAINT "org_member_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_organisation" ADD CONSTRAINT "org_organisation_verified_by_auth_user_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_organisation" ADD CONSTRAINT "org_organisation_rejected_by_auth_user_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_organisation" ADD CONSTRAINT "org_organisation_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_building" ADD CONSTRAINT "place_building_site_id_place_site_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."place_site"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_zone" ADD CONSTRAINT "place_zone_building_id_place_building_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."place_building"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_account" ADD CONSTRAINT "auth_account_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_two_factor" ADD CONSTRAINT "auth_two_factor_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_consent_user_idx" ON "account_consent" USING btree ("user_id","kind","decided_at");--> statement-breakpoint
CREATE UNIQUE INDEX "org_invitation_pending_uq" ON "org_invitation" USING btree ("organisation_id","email") WHERE "org_invitation"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "org_invitation_email_idx" ON "org_invitation" USING btree ("email");--> statement-breakpoint
CREATE INDEX "org_invitation_invited_by_idx" ON "org_invitation" USING btree ("invited_by");--> statement-breakpoint
CREATE INDEX "org_member_user_idx" ON "org_member" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_organisation_nip_live_uq" ON "org_organisation" USING btree ("nip") WHERE "org_organisation"."status" <> 'rejected';--> statement-breakpoint
CREATE UNIQUE INDEX "org_organisation_krs_live_uq" ON "org_organisation" USING btree ("krs") WHERE "org_organisation"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "org_organisation_status_created_idx" ON "org_organisation" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "org_organisation_status_name_idx" ON "org_organisation" USING btree ("status","name","id");--> statement-breakpoint
CREATE INDEX "org_organisation_created_by_idx" ON "org_organisation" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "auth_account_user_idx" ON "auth_account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_session_user_idx" ON "auth_session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_two_factor_user_idx" ON "auth_two_factor" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_two_factor_secret_idx" ON "auth_two_factor" USING btree ("secret");--> statement-breakpoint
CREATE INDEX "auth_user_created_idx" ON "auth_user" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "auth_verification_identifier_idx" ON "auth_verification" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "job_due_idx" ON "job" USING btree ("run_at") WHERE "job"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "mail_outbox_user_idx" ON "mail_outbox" USING btree ("user_id");