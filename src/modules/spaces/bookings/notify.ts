// Telling the person: mails, the reminder a day before, the iCalendar attachment.
import { sql } from 'drizzle-orm';
import { type Db, queryRows, type Tx } from '../../../db/client.ts';
import type { Locale } from '../../../platform/auth/schema.ts';
import { formatDateTime, messages } from '../../../platform/i18n/index.ts';
import { icalendar } from '../../../platform/ical.ts';
import { enqueueJob } from '../../../platform/jobs/worker.ts';
import { enqueueMail } from '../../../platform/mail/outbox.ts';
import type { MailAttachment } from '../../../platform/mail/schema.ts';
import { type BookingsContext, MINUTE } from './context.ts';

/** Reminders go out this long before a booking starts. */
const REMINDER_BEFORE_MS = 24 * 60 * MINUTE;

export function describeWhen(locale: Locale, b: { kind: 'desk' | 'slot'; startsAt: Date; endsAt: Date }) {
  if (b.kind === 'desk') return formatDateTime(locale, b.startsAt, 'date');
  return `${formatDateTime(locale, b.startsAt)}–${formatDateTime(locale, b.endsAt, 'time')}`;
}

export async function mailTo(
  tx: Tx,
  userId: string,
  build: (who: { email: string; name: string; locale: Locale }) => Parameters<typeof enqueueMail>[1] | null,
) {
  const [u] = await queryRows<{ email: string; name: string; locale: Locale; deleted: boolean }>(
    tx,
    sql`select email, name, locale, deleted_at is not null as deleted from auth_user where id = ${userId}`,
  );
  if (!u || u.deleted) return;
  const req = build(u);
  if (req) await enqueueMail(tx, req);
}

/** Plans the reminder a day before; returns false (no reminder) when that moment has passed. */
export async function scheduleReminder(
  svc: BookingsContext,
  tx: Tx,
  id: string,
  startsAt: Date,
): Promise<boolean> {
  const runAt = new Date(startsAt.getTime() - REMINDER_BEFORE_MS);
  if (runAt.getTime() <= svc.now().getTime()) return false;
  await enqueueJob(
    { db: tx as unknown as Db },
    {
      kind: 'spaces.reminder',
      payload: { bookingId: id, startsAt: startsAt.toISOString() },
      runAt,
      dedupeKey: `space-reminder:${id}:${startsAt.toISOString()}`,
    },
  );
  return true;
}

/** The bookings just made as an iCalendar file to attach to the confirmation. */
export function icsAttachment(
  svc: BookingsContext,
  locale: Locale,
  resourceName: string,
  items: Array<{ id: string; startsAt: Date; endsAt: Date; title: string }>,
): MailAttachment {
  const m = messages[locale].spacesFeeds;
  const t = svc.now();
  return {
    filename: 'rezerwacja.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: icalendar({
      generatedAt: t,
      name: m.myCalendar,
      events: items.map((b) => ({
        uid: `booking-${b.id}@${svc.host}`,
        start: b.startsAt,
        end: b.endsAt,
        summary: b.title ? `${resourceName}: ${b.title}` : resourceName,
        location: `${resourceName}, ul. Zabłocie 20–22, Kraków`,
        status: 'CONFIRMED',
        transparency: 'OPAQUE',
        url: svc.bookingUrl(b.id),
        stamp: t,
      })),
    }),
  };
}
