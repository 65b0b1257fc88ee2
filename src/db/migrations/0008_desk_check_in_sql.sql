-- Bookings made before check-in deadlines were stored keep the rule they were made under: the
-- resource's grace period from their start (never past their end). New bookings count it from the
-- later of their start and the moment they were made (src/modules/spaces/rules.ts checkInDeadline).
UPDATE "space_booking" b
SET "check_in_until" = least(b."ends_at", b."starts_at" + make_interval(mins => (r."rules"->>'checkInGraceMinutes')::int))
FROM "space_resource" r
WHERE r."id" = b."resource_id"
  AND b."status" IN ('requested', 'confirmed')
  AND r."rules"->>'checkInGraceMinutes' IS NOT NULL;
