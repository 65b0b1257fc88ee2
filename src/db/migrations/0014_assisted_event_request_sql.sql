-- The event space blocks its setup time before a booking as well as its teardown and buffer after:
-- the exclusion constraint now guards tstzrange(blocked_from, blocked_until) (decision 005).
-- blocked_from is kept by the database: a trigger derives it from starts_at and setup_minutes on
-- every insert and on every change of either, so no code path can leave it stale.
CREATE OR REPLACE FUNCTION space_booking_blocked_from() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.blocked_from := NEW.starts_at - make_interval(mins => NEW.setup_minutes);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER space_booking_blocked_from
  BEFORE INSERT OR UPDATE OF starts_at, setup_minutes, blocked_from ON space_booking
  FOR EACH ROW EXECUTE FUNCTION space_booking_blocked_from();
--> statement-breakpoint
UPDATE space_booking SET blocked_from = starts_at - make_interval(mins => setup_minutes) WHERE blocked_from IS NULL;
--> statement-breakpoint
ALTER TABLE space_booking ALTER COLUMN blocked_from SET NOT NULL;
--> statement-breakpoint
ALTER TABLE space_booking ADD CONSTRAINT space_booking_blocked_from_check CHECK (blocked_from <= starts_at);
--> statement-breakpoint
ALTER TABLE space_booking DROP CONSTRAINT space_booking_no_overlap;
--> statement-breakpoint
-- No two live bookings of one room overlap: setup before, teardown and buffer after included.
ALTER TABLE space_booking ADD CONSTRAINT space_booking_no_overlap
  EXCLUDE USING gist ("resource_id" WITH =, tstzrange("blocked_from", "blocked_until") WITH &&)
  WHERE ("kind" = 'slot' AND "status" IN ('requested', 'confirmed', 'checked_in'));
--> statement-breakpoint
-- The queue of requests shows when each tentative hold lapses; the lapse job finds them by it.
CREATE INDEX space_booking_hold_idx ON space_booking (hold_until) WHERE status = 'requested';
