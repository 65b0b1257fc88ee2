CREATE TABLE "event_attachment" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"title" text NOT NULL,
	"title_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"file_name" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	CONSTRAINT "event_attachment_file_name_unique" UNIQUE("file_name"),
	CONSTRAINT "event_attachment_bytes_check" CHECK ("event_attachment"."bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "event_message" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"audience" text NOT NULL,
	"recipients" integer NOT NULL,
	"sent_by" text,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_message_audience_check" CHECK ("event_message"."audience" in ('confirmed','waiting','all')),
	CONSTRAINT "event_message_recipients_check" CHECK ("event_message"."recipients" > 0)
);
--> statement-breakpoint
ALTER TABLE "event_attachment" ADD CONSTRAINT "event_attachment_event_id_event_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_attachment" ADD CONSTRAINT "event_attachment_created_by_auth_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_message" ADD CONSTRAINT "event_message_event_id_event_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_message" ADD CONSTRAINT "event_message_sent_by_auth_user_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_attachment_event_idx" ON "event_attachment" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "event_message_event_idx" ON "event_message" USING btree ("event_id","sent_at");