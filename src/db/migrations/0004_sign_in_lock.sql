ALTER TABLE "auth_sign_in_attempt" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "auth_sign_in_attempt" ADD COLUMN "unlock_sent_at" timestamp with time zone;