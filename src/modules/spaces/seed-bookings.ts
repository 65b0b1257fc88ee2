// Demo bookings, relative to today: the demo resident's B2B-room booking next week, the
// ambassador's event-space request (a networking breakfast in three weeks, with setup, teardown,
// needs and its tentative hold) waiting in the staff queue, two bookings the officer made at the
// desk for people who phoned (one a senior without e-mail), and eight weeks of past coworking use — desks checked in on open days by the demo tenants
// (seed-agreements.ts) under their agreements, as many as the agreements allow (at most 50–70 % of
// the desks), passes drawing their days — and a few past room meetings. Inserted in bulk; the
// desk-day rows are then made consistent in one statement. Idempotent: nothing is added once demo
// bookings exist.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { audit } from '../../platform/audit/audit.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { NO_ADDRESS_DOMAIN } from '../../platform/mail/outbox.ts';
import { isWorkingDay } from '../../platform/time/holidays.ts';
import {
  addDays,
  eachDay,
  isoWeekday,
  type LocalDate,
  todayInWarsaw,
  warsawInstant,
  weekStart,
} from '../../platform/time/warsaw.ts';
import { holdLapsesAt } from './bookings/index.ts';
import { checkInDeadline } from './rules.ts';
import { type BookingRules, type OpeningHours, spaceBookings } from './schema.ts';

const MINUTE = 60_000;

interface ResourceRow {
  id: string;
  slug: string;
  openingHours: OpeningHours;
  rules: BookingRules;
}

type NewBooking = typeof spaceBookings.$inferInsert;

/** A small deterministic hash of a day, so the demo looks the same on every start of the same day. */
function dayHash(day: LocalDate): number {
  let h = 2166136261;
  for (const ch of day) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** The first working day on or after `from`. */
function firstWorkingDay(from: LocalDate): LocalDate {
  let d = from;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export async function seedBookings(db: Db, users: Map<string, string>, now: Date): Promise<number> {
  const [done] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from space_booking b join auth_user u on u.id = b.user_id
        where u.email like '%@klaster.example'`,
  );
  if (Number(done?.n) > 0) return 0;
  const resident = users.get('mieszkanka@klaster.example');
  const ambassador = users.get('ambasador@klaster.example');
  const resources = new Map(
    (
      await queryRows<ResourceRow>(
        db,
        sql`select id, slug, opening_hours as "openingHours", rules from space_resource where active`,
      )
    ).map((r) => [r.slug, r]),
  );
  const desks = resources.get('coworking-stanowiska');
  const b2b = resources.get('pomieszczenie-b2b');
  const hall = resources.get('zablocie-space-sala-wydarzen');
  const workshop = resources.get('sala-warsztatowa-innowacji-spolecznych');
  if (!desks || !b2b || !hall || !resident || !ambassador) return 0;

  return db.transaction(async (tx) => {
    // The demo tenants' desk-use agreements (seed-agreements.ts); fixed desks need no booking.
    const agreements = await queryRows<{
      id: string;
      userId: string;
      startsOn: string;
      endsOn: string;
      daysTotal: number | null;
      daysUsed: number;
    }>(
      tx,
      sql`select a.id, a.user_id as "userId", a.starts_on::text as "startsOn", a.ends_on::text as "endsOn",
                 a.days_total as "daysTotal", 0 as "daysUsed"
          from space_agreement a join space_package p on p.id = a.package_id
          join auth_user u on u.id = a.user_id
          where a.status = 'accepted' and not p.fixed_desk and u.email like 'najemca.%@klaster.example'
          order by a.starts_on, a.id`,
    );
    const tenants = [...new Set(agreements.map((a) => a.userId))];

    const today = todayInWarsaw(now);
    const rows: NewBooking[] = [];
    const slot = (
      r: ResourceRow,
      userId: string,
      day: LocalDate,
      from: string,
      to: string,
      extra: Partial<NewBooking>,
    ): NewBooking => {
      const startsAt = warsawInstant(day, from);
      const endsAt = warsawInstant(day, to);
      const createdAt = new Date(Math.min(now.getTime(), startsAt.getTime() - 3 * 24 * 60 * MINUTE));
      return {
        id: uuidv7(),
        resourceId: r.id,
        kind: 'slot',
        userId,
        startsAt,
        endsAt,
        blockedUntil: new Date(endsAt.getTime() + r.rules.bufferMinutes * MINUTE),
        status: 'confirmed',
        createdAt,
        checkInUntil: checkInDeadline(r.rules.checkInGraceMinutes, startsAt, endsAt, createdAt),
        ...extra,
      };
    };

    // The demo resident's meeting next week, and the ambassador's request in three weeks.
    const thisMonday = weekStart(today);
    rows.push(
      slot(b2b, resident, firstWorkingDay(addDays(thisMonday, 7)), '10:00', '11:00', {
        title: 'Spotkanie z klientem',
        notes: 'Poproszę o kabel HDMI.',
      }),
    );
    const breakfast = slot(hall, ambassador, firstWorkingDay(addDays(thisMonday, 21)), '09:00', '11:00', {
      status: 'requested',
      title: 'Śniadanie networkingowe przedsiębiorców Zabłocia',
      attendees: 40,
      layout: 'banquet',
      notes: 'Prosimy o wejście od strony parkingu dla dostawcy cateringu.',
      setupMinutes: 30,
      teardownMinutes: 30,
      technicalNeeds: 'Mikrofon bezprzewodowy, rzutnik i ekran na prezentację partnerów.',
      cateringNeeds:
        'Kawa, herbata i przekąski we własnym zakresie; potrzebujemy dwóch stołów i dostępu do kuchni.',
      houseRulesAcceptedAt: now,
    });
    breakfast.blockedUntil = new Date(breakfast.endsAt.getTime() + (30 + hall.rules.bufferMinutes) * MINUTE);
    breakfast.holdUntil = holdLapsesAt(now, breakfast.startsAt);
    rows.push(breakfast);

    // Assisted service: the officer booked for two people who phoned or came to the desk — the
    // demo resident, and a senior without an e-mail address (no sign-in, no mail).
    const officer = users.get('urzednik@klaster.example');
    if (officer) {
      await tx.execute(sql`
        insert into auth_user (id, name, email, email_verified, role, locale, phone)
        values (${uuidv7()}, 'Stanisława Nowak', ${`stanislawa.nowak@${NO_ADDRESS_DOMAIN}`}, false, 'resident', 'pl',
                '12 421 00 00')
        on conflict (email) do nothing`);
      const [senior] = await queryRows<{ id: string }>(
        tx,
        sql`select id from auth_user where email = ${`stanislawa.nowak@${NO_ADDRESS_DOMAIN}`}`,
      );
      const assisted = [
        slot(b2b, resident, firstWorkingDay(addDays(thisMonday, 9)), '12:00', '13:00', {
          title: 'Konsultacja w sprawie dotacji',
          actedBy: officer,
        }),
        ...(senior
          ? [
              slot(b2b, senior.id, firstWorkingDay(addDays(thisMonday, 10)), '10:00', '11:30', {
                title: 'Spotkanie Klubu Seniora z Zabłocia',
                notes: 'Zarezerwowane telefonicznie; pani Stanisława odbierze klucz w recepcji.',
                actedBy: officer,
              }),
            ]
          : []),
      ];
      rows.push(...assisted);
      for (const b of assisted)
        await audit(
          tx,
          { id: officer, role: 'staff' },
          {
            action: 'space_booking.created_for',
            entityType: 'space_booking',
            entityId: b.id,
            onBehalfOf: b.userId,
            after: { userId: b.userId, actedBy: officer },
          },
        );
    }

    // Eight weeks of past coworking use.
    if (tenants.length > 0) {
      const pastDays = eachDay(addDays(today, -56), addDays(today, -1)).filter(isWorkingDay);
      for (const [index, day] of pastDays.entries()) {
        const hours = desks.openingHours[isoWeekday(day) - 1];
        if (!hours) continue;
        const share = 0.5 + (dayHash(day) % 21) / 100; // 50–70 %
        const n = Math.min(tenants.length, Math.round(40 * share));
        const startsAt = warsawInstant(day, hours.open);
        const endsAt = warsawInstant(day, hours.close);
        // Tenants whose agreement covers the day and, for a pass, still has days left.
        const usable = agreements.filter(
          (a) => a.startsOn <= day && day <= a.endsOn && (a.daysTotal === null || a.daysUsed < a.daysTotal),
        );
        const taken = new Set<string>();
        for (const a of usable) {
          if (taken.size >= n) break;
          if (taken.has(a.userId)) continue;
          taken.add(a.userId);
          a.daysUsed++;
          const k = taken.size;
          rows.push({
            id: uuidv7(),
            resourceId: desks.id,
            kind: 'desk',
            userId: a.userId,
            agreementId: a.id,
            day,
            startsAt,
            endsAt,
            blockedUntil: endsAt,
            status: 'checked_in',
            checkedInAt: new Date(startsAt.getTime() + ((k * 13) % 120) * MINUTE),
            createdAt: new Date(startsAt.getTime() - 2 * 24 * 60 * MINUTE),
          });
        }
        // A few past meetings in the rooms: one or two a week.
        if (index % 3 === 0)
          rows.push(
            slot(b2b, tenants[index % tenants.length]!, day, '13:00', '14:00', {
              status: 'checked_in',
              title: 'Rozmowa z inwestorem',
              checkedInAt: warsawInstant(day, '13:05'),
            }),
          );
        if (workshop && index % 5 === 0)
          rows.push(
            slot(workshop, tenants[(index + 3) % tenants.length]!, day, '16:00', '18:00', {
              status: 'checked_in',
              title: 'Warsztaty dla organizacji pozarządowych',
              attendees: 18,
              checkedInAt: warsawInstant(day, '16:10'),
            }),
          );
      }
    }

    for (let i = 0; i < rows.length; i += 500) await tx.insert(spaceBookings).values(rows.slice(i, i + 500));
    // A pass has used at least the days booked on it.
    await tx.execute(sql`
      update space_agreement a set days_used = least(a.days_total, greatest(a.days_used, d.n))
      from (select agreement_id, count(*)::int as n from space_booking
            where agreement_id is not null and status in ('requested', 'confirmed', 'checked_in')
            group by agreement_id) d
      where d.agreement_id = a.id and a.days_total is not null`);

    // Desk days: booked is the number of live desk bookings of the day.
    await tx.execute(sql`
      insert into space_desk_day (resource_id, day, capacity, booked)
      select b.resource_id, b.day,
             greatest(r.capacity - (
               select count(*) from space_agreement a join space_desk k on k.id = a.desk_id
               where k.resource_id = r.id and a.status = 'accepted' and b.day between a.starts_on and a.ends_on
             ), count(*)),
             count(*)
      from space_booking b join space_resource r on r.id = b.resource_id
      where b.kind = 'desk' and b.status in ('requested', 'confirmed', 'checked_in') and b.resource_id = ${desks.id}
      group by b.resource_id, b.day, r.id, r.capacity
      on conflict (resource_id, day) do update set booked = excluded.booked`);
    return rows.length;
  });
}
