-- Every series name the events already carry becomes a series (its title the name itself, no
-- certificate), so that event_event.series can reference event_series.name (the next migration).
-- The slug is the name folded as search folds it (platform/fold.ts), runs of anything but a-z and
-- 0-9 as one hyphen, at most 60 characters ("cykl" when nothing is left, e.g. a Cyrillic name);
-- names folding to one slug get -2, -3, … in the order of the names (byte order, the same on every server).
UPDATE "event_event" SET "series" = NULL WHERE btrim("series") = '';
--> statement-breakpoint
INSERT INTO "event_series" ("name", "slug", "title", "created_at", "updated_at")
SELECT "name",
       CASE WHEN "n" = 1 THEN "base" ELSE "base" || '-' || "n" END,
       "name", now(), now()
FROM (
  SELECT "name", "base", row_number() OVER (PARTITION BY "base" ORDER BY "name" COLLATE "C") AS "n"
  FROM (
    SELECT DISTINCT series AS "name", coalesce(nullif(btrim(left(btrim(regexp_replace(translate(lower(series), 'ąĄćĆęĘłŁńŃóÓśŚźŹżŻáàâäãåāÁÀÂÄÃÅĀçčÇČďđĎĐéèêëěēÉÈÊËĚĒğĞíìîïīÍÌÎÏĪľĺĽĹňñŇÑòôöõőøōÒÔÖÕŐØŌřŘšşșŠŞȘťţțŤŢȚúùûüůűūÚÙÛÜŮŰŪýÿÝŸžŽЄІЇҐЁАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'aacceellnnoosszzzzaaaaaaaaaaaaaaccccddddeeeeeeeeeeeeggiiiiiiiiiillllnnnnoooooooooooooorrssssssttttttuuuuuuuuuuuuuuyyyyzzєіїґёабвгдежзийклмнопрстуфхцчшщъыьэюя'), '[^a-z0-9]+', '-', 'g'), '-'), 60), '-'), ''), 'cykl') AS "base"
    FROM "event_event" WHERE series IS NOT NULL
  ) AS "names"
) AS "slugs"
ON CONFLICT ("name") DO NOTHING;
