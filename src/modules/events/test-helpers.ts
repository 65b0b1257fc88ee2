// Test set-up for the events module: people, an organisation with its members, a valid event's
// input starting some days from the test clock, and a published event with registration.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { servicesOf } from '../../platform/modules.ts';
import { testPeople } from '../spaces/test-helpers.ts';
import type { EventInput, EventsService } from './service.ts';

export { testPeople };

const DAY = 86_400_000;

/** The events service of the test app. */
export const eventsOf = (services: Map<string, unknown>): EventsService =>
  servicesOf(services, 'events').events;

/** An organisation (verified unless said otherwise) with the people given as its members. */
export async function testOrganisation(
  database: Database,
  members: readonly { id: string }[],
  status: 'verified' | 'pending' = 'verified',
  name = `Stowarzyszenie ${uuidv7().slice(-6)}`,
): Promise<string> {
  const id = uuidv7();
  await database.db.execute(sql`
    insert into org_organisation (id, name, kind, description, status, verified_at)
    values (${id}, ${name}, 'association', '', ${status}, ${status === 'verified' ? testClock.now() : null})`);
  for (const [i, m] of members.entries())
    await database.db.execute(sql`insert into org_member (id, organisation_id, user_id, role)
      values (${uuidv7()}, ${id}, ${m.id}, ${i === 0 ? 'owner' : 'member'})`);
  return id;
}

/** A subarea of the places module (made when the test database has none). */
export async function testSubarea(database: Database): Promise<string> {
  const [row] = await queryRows<{ id: string }>(database.db, sql`select id from place_subarea limit 1`);
  if (row) return row.id;
  const id = uuidv7();
  await database.db.execute(sql`insert into place_subarea (id, slug, name, description, position)
    values (${id}, 'nowa-huta', 'Nowa Huta', '', 0)`);
  return id;
}

/** A valid event's input: a city unit's meeting in `days` days, two hours long. */
export function eventInput(overrides: Partial<EventInput> = {}, days = 10): EventInput {
  const startsAt = new Date(testClock.now().getTime() + days * DAY);
  return {
    title: { pl: 'Spotkanie konsultacyjne', en: 'Consultation meeting' },
    description: { pl: 'Rozmawiamy o **rewitalizacji**.' },
    kind: 'consultation',
    audiences: ['residents'],
    venue: { address: 'ul. Zabłocie 20–22, Kraków', lat: 50.0489, lng: 19.9592 },
    organiserUnit: 'Wydział Rozwoju Miasta',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    registration: true,
    capacity: 10,
    ...overrides,
  };
}

/** A published event (staff write and publish it directly). */
export async function publishedEvent(
  svc: EventsService,
  staff: { id: string; role: 'staff' },
  overrides: Partial<EventInput> = {},
  days = 10,
): Promise<string> {
  const draft = await svc.create(as(staff), eventInput(overrides, days));
  await svc.publish(as(staff), draft.id);
  return draft.id;
}

/** Awaits a refusal with that code (and field, if given) and gives it back. */
export async function refused(p: Promise<unknown>, code: string, field?: string): Promise<RuleError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof RuleError, `expected a refusal ${code}, got ${String(err)}`);
  assert.equal(err.code, code);
  if (field) assert.equal(err.field, field);
  return err;
}
