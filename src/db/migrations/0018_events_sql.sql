-- What the database keeps of an event's places besides CHECK (taken <= capacity) (decision 005):
-- 1. taken is always the places of the parties holding them (confirmed or offered): checked at the
--    end of every transaction that changes a registration or an event's count, so no code path can
--    let the count drift from the registrations it stands for;
-- 2. an offer never runs past the event's start.
CREATE OR REPLACE FUNCTION event_check_taken(ev uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  counted integer;
  kept integer;
BEGIN
  SELECT taken INTO kept FROM event_event WHERE id = ev;
  IF kept IS NULL THEN RETURN; END IF;
  SELECT COALESCE(sum(party_size), 0) INTO counted FROM event_registration
    WHERE event_id = ev AND status IN ('confirmed', 'offered');
  IF counted <> kept THEN
    RAISE EXCEPTION 'event % counts % places taken but its parties hold %', ev, kept, counted
      USING ERRCODE = '23514', CONSTRAINT = 'event_event_taken_matches';
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_taken_matches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'event_event' THEN
    PERFORM event_check_taken(NEW.id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM event_check_taken(OLD.event_id);
  ELSE
    PERFORM event_check_taken(NEW.event_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Only a row that holds or held places can change the sum (a party joining the line cannot).
CREATE CONSTRAINT TRIGGER event_registration_taken_matches
  AFTER INSERT ON event_registration
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.status IN ('confirmed', 'offered'))
  EXECUTE FUNCTION event_taken_matches();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER event_registration_taken_matches_change
  AFTER UPDATE OF status, party_size ON event_registration
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IN ('confirmed', 'offered') OR NEW.status IN ('confirmed', 'offered'))
  EXECUTE FUNCTION event_taken_matches();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER event_registration_taken_matches_delete
  AFTER DELETE ON event_registration
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.status IN ('confirmed', 'offered'))
  EXECUTE FUNCTION event_taken_matches();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER event_event_taken_matches
  AFTER UPDATE OF taken ON event_event
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.taken IS DISTINCT FROM NEW.taken)
  EXECUTE FUNCTION event_taken_matches();
--> statement-breakpoint
-- The sum the check takes reads only the parties holding places, from this index.
CREATE INDEX event_registration_holding_idx ON event_registration (event_id) INCLUDE (party_size)
  WHERE status IN ('confirmed', 'offered');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION event_offer_before_start() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'offered' AND NEW.offer_expires_at > (SELECT starts_at FROM event_event WHERE id = NEW.event_id) THEN
    RAISE EXCEPTION 'an offer of registration % runs past the event''s start', NEW.id
      USING ERRCODE = '23514', CONSTRAINT = 'event_registration_offer_before_start';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER event_registration_offer_before_start
  BEFORE INSERT OR UPDATE OF status, offer_expires_at ON event_registration
  FOR EACH ROW EXECUTE FUNCTION event_offer_before_start();
