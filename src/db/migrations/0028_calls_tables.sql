CREATE TABLE "call_application_file" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"field_key" text NOT NULL,
	"stored_name" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_application" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"form_version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"applicant_id" text,
	"organisation_id" uuid,
	"title" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"premises_choice" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"amount_requested" bigint,
	"subarea_id" uuid,
	"seq" integer,
	"number" text,
	"submitted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"completion_due_at" timestamp with time zone,
	"completion_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"completion_note" text,
	"formal_checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"formal_reason" text,
	"amount_granted" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_application_seq_unique" UNIQUE("call_id","seq"),
	CONSTRAINT "call_application_submitted_check" CHECK ("call_application"."status" = 'draft' or ("call_application"."seq" is not null and "call_application"."number" is not null and "call_application"."submitted_at" is not null)),
	CONSTRAINT "call_application_amount_check" CHECK (coalesce("call_application"."amount_requested", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "call_form_version" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_form_version_unique" UNIQUE("call_id","version")
);
--> statement-breakpoint
CREATE TABLE "call_premises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"address" text NOT NULL,
	"area_m2" numeric(8, 2) NOT NULL,
	"base_rent" bigint NOT NULL,
	"preferential_rent" bigint NOT NULL,
	"permitted_trades" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "call_premises_position_unique" UNIQUE("call_id","position"),
	CONSTRAINT "call_premises_area_check" CHECK ("call_premises"."area_m2" > 0),
	CONSTRAINT "call_premises_rent_check" CHECK ("call_premises"."preferential_rent" >= 0 and "call_premises"."base_rent" >= "call_premises"."preferential_rent")
);
--> statement-breakpoint
CREATE TABLE "call_call" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number_prefix" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"title_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"persons_may_apply" boolean DEFAULT false NOT NULL,
	"organisation_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"results_at" timestamp with time zone,
	"budget" bigint,
	"places" integer,
	"max_amount" bigint,
	"subarea_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"rules_file" text,
	"rules_file_name" text,
	"form_version" integer DEFAULT 1 NOT NULL,
	"numbers_issued" integer DEFAULT 0 NOT NULL,
	"evaluators_per_application" integer DEFAULT 2 NOT NULL,
	"dispersion_share" numeric(4, 3) DEFAULT '0.300' NOT NULL,
	"consensus_gap" numeric(6, 2) DEFAULT '3' NOT NULL,
	"total_threshold" numeric(8, 2),
	"tie_rule" text DEFAULT 'earlier_submission' NOT NULL,
	"completion_days" integer DEFAULT 7 NOT NULL,
	"appeal_days" integer DEFAULT 14 NOT NULL,
	"cancel_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_call_dates_check" CHECK ("call_call"."opens_at" < "call_call"."deadline_at"),
	CONSTRAINT "call_call_prefix_check" CHECK ("call_call"."number_prefix" ~ '^[A-Z]{1,6}$'),
	CONSTRAINT "call_call_money_check" CHECK (coalesce("call_call"."budget", 0) >= 0 and coalesce("call_call"."max_amount", 0) >= 0),
	CONSTRAINT "call_call_places_check" CHECK ("call_call"."places" is null or "call_call"."places" > 0),
	CONSTRAINT "call_call_evaluators_check" CHECK ("call_call"."evaluators_per_application" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "call_appeal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'lodged' NOT NULL,
	"lodged_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"reason" text,
	"change" jsonb,
	"amount_granted" bigint
);
--> statement-breakpoint
CREATE TABLE "call_assignment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"evaluator_id" text NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"further" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"declared_at" timestamp with time zone,
	"recused_at" timestamp with time zone,
	"recusal_reason" text,
	"submitted_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_assignment_unique" UNIQUE("application_id","evaluator_id"),
	CONSTRAINT "call_assignment_state_check" CHECK (("call_assignment"."status" <> 'declared' or "call_assignment"."declared_at" is not null)
        and ("call_assignment"."status" <> 'recused' or "call_assignment"."recused_at" is not null)
        and ("call_assignment"."status" <> 'submitted' or ("call_assignment"."declared_at" is not null and "call_assignment"."submitted_at" is not null)))
);
--> statement-breakpoint
CREATE TABLE "call_consensus" (
	"application_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"points" numeric(6, 2),
	"comment" text DEFAULT '' NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone,
	CONSTRAINT "call_consensus_unique" UNIQUE("application_id","criterion_id")
);
--> statement-breakpoint
CREATE TABLE "call_criterion" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"name_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_points" integer NOT NULL,
	"weight" numeric(6, 3) DEFAULT '1' NOT NULL,
	"min_points" numeric(6, 2),
	CONSTRAINT "call_criterion_position_unique" UNIQUE("call_id","position"),
	CONSTRAINT "call_criterion_max_check" CHECK ("call_criterion"."max_points" between 1 and 1000),
	CONSTRAINT "call_criterion_weight_check" CHECK ("call_criterion"."weight" > 0),
	CONSTRAINT "call_criterion_min_check" CHECK ("call_criterion"."min_points" is null or "call_criterion"."min_points" between 0 and "call_criterion"."max_points")
);
--> statement-breakpoint
CREATE TABLE "call_jury_member" (
	"call_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"appointed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_jury_member_unique" UNIQUE("call_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "call_ranking" (
	"id" uuid PRIMARY KEY NOT NULL,
	"call_id" uuid NOT NULL,
	"edition" integer NOT NULL,
	"result" jsonb NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "call_ranking_edition_unique" UNIQUE("call_id","edition")
);
--> statement-breakpoint
CREATE TABLE "call_score" (
	"id" uuid PRIMARY KEY NOT NULL,
	"assignment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"points" numeric(6, 2) NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"superseded_by" uuid,
	"supersede_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "call_score_current_unique" UNIQUE NULLS NOT DISTINCT("assignment_id","criterion_id","superseded_by"),
	CONSTRAINT "call_score_points_check" CHECK ("call_score"."points" >= 0)
);
--> statement-breakpoint
ALTER TABLE "call_application_file" ADD CONSTRAINT "call_application_file_application_id_call_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_application" ADD CONSTRAINT "call_application_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_application" ADD CONSTRAINT "call_application_applicant_id_auth_user_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_form_version" ADD CONSTRAINT "call_form_version_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_premises" ADD CONSTRAINT "call_premises_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_call" ADD CONSTRAINT "call_call_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_appeal" ADD CONSTRAINT "call_appeal_application_id_call_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_appeal" ADD CONSTRAINT "call_appeal_decided_by_auth_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_assignment" ADD CONSTRAINT "call_assignment_application_id_call_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_assignment" ADD CONSTRAINT "call_assignment_evaluator_id_auth_user_id_fk" FOREIGN KEY ("evaluator_id") REFERENCES "public"."auth_user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_consensus" ADD CONSTRAINT "call_consensus_application_id_call_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_application"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_consensus" ADD CONSTRAINT "call_consensus_criterion_id_call_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."call_criterion"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_consensus" ADD CONSTRAINT "call_consensus_recorded_by_auth_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_criterion" ADD CONSTRAINT "call_criterion_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_jury_member" ADD CONSTRAINT "call_jury_member_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_jury_member" ADD CONSTRAINT "call_jury_member_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ranking" ADD CONSTRAINT "call_ranking_call_id_call_call_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."call_call"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_ranking" ADD CONSTRAINT "call_ranking_approved_by_auth_user_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_score" ADD CONSTRAINT "call_score_assignment_id_call_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."call_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_score" ADD CONSTRAINT "call_score_criterion_id_call_criterion_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."call_criterion"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_application_file_app_idx" ON "call_application_file" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_application_number_idx" ON "call_application" USING btree ("number");--> statement-breakpoint
CREATE INDEX "call_application_call_status_idx" ON "call_application" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "call_application_applicant_idx" ON "call_application" USING btree ("applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_application_one_live_idx" ON "call_application" USING btree ("call_id",coalesce("organisation_id"::text, "applicant_id")) WHERE "call_application"."status" not in ('withdrawn', 'formally_rejected');--> statement-breakpoint
CREATE INDEX "call_call_status_deadline_idx" ON "call_call" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE INDEX "call_appeal_application_idx" ON "call_appeal" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "call_assignment_evaluator_idx" ON "call_assignment" USING btree ("evaluator_id","status","due_at");--> statement-breakpoint
CREATE INDEX "call_score_assignment_idx" ON "call_score" USING btree ("assignment_id");