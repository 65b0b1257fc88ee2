ALTER TABLE "event_event" ADD COLUMN "space_resource_id" uuid;--> statement-breakpoint
ALTER TABLE "event_event" ADD COLUMN "space_layout" text;--> statement-breakpoint
ALTER TABLE "event_event" ADD COLUMN "space_booking_id" uuid;--> statement-breakpoint
ALTER TABLE "event_event" ADD CONSTRAINT "event_event_layout_check" CHECK ("event_event"."space_layout" is null or "event_event"."space_resource_id" is not null);