// The demo events, loaded twice through the app's demo loader: the Revitalisation Week 2023 as the
// city's page shows it (two meetings cancelled, the one that took place finished), and the
// ambassadors' planned activities as upcoming, published events of their organisations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { loadDemoData } from '../../seed/demo.ts';

describe('demo events', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await loadDemoData(t.app.klaster);
    // Idempotent: a second start makes nothing new.
    assert.equal((await loadDemoData(t.app.klaster)).created, false);
  });
  after(() => t.close());

  it('the Revitalisation Week 2023: three meetings, the two struck through cancelled with a reason', async () => {
    const rows = await queryRows<{
      title: string;
      status: string;
      cancel_reason: string | null;
      day: string;
      subarea: string | null;
    }>(
      t.database.db,
      sql`select e.title, e.status, e.cancel_reason,
                 to_char(e.starts_at at time zone 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI') as day, s.slug as subarea
          from event_event e left join place_subarea s on s.id = e.subarea_id
          where e.series = 'Tydzień Rewitalizacji 2023' order by e.starts_at`,
    );
    assert.deepEqual(
      rows.map((r) => [r.day, r.status, r.subarea]),
      [
        ['2023-05-15 17:00', 'cancelled', 'stara-nowa-huta'],
        ['2023-05-17 17:00', 'cancelled', 'kazimierz-stradom'],
        ['2023-05-18 13:00', 'finished', 'grzegorzki-wesola'],
      ],
    );
    assert.ok(rows.filter((r) => r.status === 'cancelled').every((r) => r.cancel_reason));
  });

  it("the ambassadors' activities: upcoming, published, each of its subarea's ambassador organisation", async () => {
    const rows = await queryRows<{
      organisation: string;
      subarea: string;
      n: number;
      upcoming: number;
      published: number;
    }>(
      t.database.db,
      sql`select o.name as organisation, s.slug as subarea, count(*)::int as n,
                 count(*) filter (where e.starts_at > ${testClock.now()})::int as upcoming,
                 count(*) filter (where e.status = 'published')::int as published
          from event_event e join org_organisation o on o.id = e.organisation_id
          join place_subarea s on s.id = e.subarea_id
          where e.series = 'Ambasadorzy rewitalizacji' group by o.name, s.slug order by s.slug`,
    );
    assert.deepEqual(
      rows.map((r) => [r.subarea, r.organisation]),
      [
        ['grzegorzki-wesola', 'Fundacja Małopolska Izba Samorządowa'],
        ['kazimierz-stradom', 'Stowarzyszenie Fablab Kraków'],
        ['stara-nowa-huta', 'Fundacja Faktor Kultura'],
      ],
    );
    for (const r of rows) {
      assert.ok(r.n >= 4, `${r.organisation}: ${r.n} activities`);
      assert.equal(r.upcoming, r.n);
      assert.equal(r.published, r.n);
    }
  });

  it('each series has its row: a slug for its page, a title in three languages, the ambassadors a certificate', async () => {
    const rows = await queryRows<{ name: string; slug: string; en: string | null; min: number | null }>(
      t.database.db,
      sql`select name, slug, title_i18n->>'en' as en, certificate_min_sessions as min
          from event_series order by name`,
    );
    assert.deepEqual(rows, [
      {
        name: 'Ambasadorzy rewitalizacji',
        slug: 'ambasadorzy-rewitalizacji',
        en: 'Revitalisation ambassadors',
        min: 2,
      },
      {
        name: 'Klaster Zabłocie 20.22',
        slug: 'klaster-zablocie-20-22',
        en: 'Zabłocie 20.22 Cluster',
        min: null,
      },
      {
        name: 'Tydzień Rewitalizacji 2023',
        slug: 'tydzien-rewitalizacji-2023',
        en: 'Revitalisation Week 2023 — “Let’s act together!”',
        min: null,
      },
    ]);
    const page = await t.client().get('/wydarzenia/cykle/ambasadorzy-rewitalizacji');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Działania ambasadorów rewitalizacji w ich obszarach\./);
  });

  it('the networking breakfast at Zabłocie 20.22: upcoming, published, in a room of the cluster with its booking confirmed', async () => {
    const rows = await queryRows<{
      status: string;
      room: string;
      booking: string;
      capacity: number;
      upcoming: boolean;
    }>(
      t.database.db,
      sql`select e.status, r.slug as room, b.status as booking, e.capacity, e.starts_at > ${testClock.now()} as upcoming
          from event_event e
          join space_resource r on r.id = e.space_resource_id
          join space_booking b on b.id = e.space_booking_id
          where e.kind = 'networking_breakfast' and e.series = 'Klaster Zabłocie 20.22'`,
    );
    assert.deepEqual(rows, [
      {
        status: 'published',
        room: 'sala-warsztatowa-innowacji-spolecznych',
        booking: 'confirmed',
        capacity: 20,
        upcoming: true,
      },
    ]);
  });
});
