// The organisers' page of their published event, as they use it: reached from "my proposals",
// postponing it (a bad date shown on its field, nothing changed), cancelling it with the reason the
// public then sees; someone outside the organisation finds no such page and cannot take the steps.
// And the staff's form, which names any verified organisation as the organiser.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { as } from '../../../test/support/context.ts';
import { queryRows } from '../../db/client.ts';
import { servicesOf } from '../../platform/modules.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import { eventFormValues } from './event-form.ts';
import type { EventRow } from './service/context.ts';
import { eventInput, eventsOf, publishedEvent, testOrganisation, testPeople } from './test-helpers.ts';

let t: TestApp;
const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];
const stateOf = async (id: string) =>
  (
    await queryRows<{ status: string; starts_at: Date; cancel_reason: string | null }>(
      t.database.db,
      sql`select status, starts_at, cancel_reason from event_event where id = ${id}`,
    )
  )[0]!;

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp();
});
after(() => t.close());

describe("an organiser's published event", () => {
  test('its organiser postpones it, then cancels it; the public page says so', async () => {
    const member = await t.signedIn('resident', { name: 'Ola' });
    const orgId = await testOrganisation(
      t.database,
      [{ id: member.userId }],
      'verified',
      'Fundacja Podwórko',
    );
    const [staff] = await testPeople(t.database, 1, 'staff');
    const id = await publishedEvent(
      eventsOf(t.app.klaster.services),
      staff as { id: string; role: 'staff' },
      {
        title: { pl: 'Potańcówka międzypokoleniowa' },
        organisationId: orgId,
        organiserUnit: undefined,
      },
    );

    const mine = await member.get('/wydarzenia/propozycje');
    assert.match(mine.body, new RegExp(`href="/wydarzenia/${id}/zarzadzanie">Odwołaj lub przełóż`));
    const page = await member.get(`/wydarzenia/${id}/zarzadzanie`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/wydarzenia\/[^"]+\/zarzadzanie\/przeloz"/);

    // An end before the start: said on the page, the event unchanged.
    const before = await stateOf(id);
    const bad = await member.post(`/wydarzenia/${id}/zarzadzanie/przeloz`, {
      startsAtDate: '2026-12-05',
      startsAtTime: '18:00',
      endsAtDate: '2026-12-05',
      endsAtTime: '17:00',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /govuk-error-summary/);
    assert.equal(new Date((await stateOf(id)).starts_at).getTime(), new Date(before.starts_at).getTime());

    const moved = await member.post(`/wydarzenia/${id}/zarzadzanie/przeloz`, {
      startsAtDate: '2026-12-05',
      startsAtTime: '17:00',
      endsAtDate: '2026-12-05',
      endsAtTime: '19:00',
    });
    assert.equal(moved.statusCode, 303);
    assert.equal(moved.headers.location, `/wydarzenia/${id}/zarzadzanie`);
    assert.equal(
      flashOf((await member.get(`/wydarzenia/${id}/zarzadzanie`)).body),
      'Przełożono wydarzenie. Zapisani dostaną wiadomość.',
    );
    const postponed = await stateOf(id);
    assert.equal(postponed.status, 'postponed');
    assert.equal(
      new Date(postponed.starts_at).toISOString(),
      warsawInstant('2026-12-05', '17:00').toISOString(),
    );

    const cancelled = await member.post(`/wydarzenia/${id}/zarzadzanie/odwolaj`, {
      cancelReason: 'Choroba prowadzącej',
    });
    assert.equal(cancelled.statusCode, 303);
    assert.equal((await stateOf(id)).cancel_reason, 'Choroba prowadzącej');
    const publicPage = await t.client().get(`/wydarzenia/${id}`);
    assert.match(publicPage.body, /Odwołane/);
    assert.match(publicPage.body, /Choroba prowadzącej/);
    // Nothing more to take: the page says so and offers no forms.
    const after = await member.get(`/wydarzenia/${id}/zarzadzanie`);
    assert.doesNotMatch(after.body, /zarzadzanie\/odwolaj/);
  });

  test('someone outside the organisation finds no page and cannot cancel it', async () => {
    const member = await t.signedIn('resident', { name: 'Ewa' });
    const stranger = await t.signedIn('resident', { name: 'Obcy' });
    const orgId = await testOrganisation(
      t.database,
      [{ id: member.userId }],
      'verified',
      'Stowarzyszenie Wesoła',
    );
    const [staff] = await testPeople(t.database, 1, 'staff');
    const id = await publishedEvent(
      eventsOf(t.app.klaster.services),
      staff as { id: string; role: 'staff' },
      {
        title: { pl: 'Spacer po Wesołej' },
        organisationId: orgId,
        organiserUnit: undefined,
      },
    );
    assert.equal((await stranger.get(`/wydarzenia/${id}/zarzadzanie`)).statusCode, 404);
    // An address that names no event at all (not even a UUID) is a 404 too, not a server error.
    assert.equal((await member.get('/wydarzenia/%3Cscript%3E/zarzadzanie')).statusCode, 404);
    const attack = await stranger.post(`/wydarzenia/${id}/zarzadzanie/odwolaj`, { cancelReason: 'Żart' });
    assert.equal(attack.statusCode, 403);
    assert.equal((await stateOf(id)).status, 'published');
    assert.equal((await t.client().get(`/wydarzenia/${id}/zarzadzanie`)).statusCode, 303);
  });
});

describe("staff writing an event on an organisation's behalf", () => {
  test('the form offers every verified organisation (not only their own), never a pending one', async () => {
    const officer = await t.signedIn('staff');
    const verified = await testOrganisation(t.database, [], 'verified', 'Fundacja Nowohucka');
    const pending = await testOrganisation(t.database, [], 'pending', 'Grupa w trakcie weryfikacji');
    const form = await officer.get('/panel/wydarzenia/nowe');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`<option value="${verified}">Fundacja Nowohucka</option>`));
    assert.doesNotMatch(form.body, new RegExp(pending));
  });
});

describe("the staff's lists of events", () => {
  test('each view pages through its events; a cancelled one is under past; an edited cursor is refused', async () => {
    const officer = await t.signedIn('staff');
    const [staff] = await testPeople(t.database, 1, 'staff');
    const svc = eventsOf(t.app.klaster.services);
    const actor = staff as { id: string; role: 'staff' };
    for (let i = 1; i <= 27; i++)
      await svc.create(as(actor), eventInput({ title: { pl: `Szkic numer ${String(i).padStart(2, '0')}` } }));
    const cancelled = await publishedEvent(svc, actor, { title: { pl: 'Odwołany piknik' } });
    await svc.cancel(as(actor), cancelled, 'Burza');

    const titles = (html: string) => [...html.matchAll(/>(Szkic numer \d+)</g)].map((m) => m[1]);
    const first = await officer.get('/panel/wydarzenia?widok=drafts');
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /aria-current="page"><strong>Szkice<\/strong>/);
    const onFirst = titles(first.body);
    assert.equal(onFirst.length, 25);
    const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(next);
    const second = await officer.get(next);
    const onSecond = titles(second.body);
    assert.ok(onSecond.length >= 2);
    assert.equal(new Set([...onFirst, ...onSecond]).size, onFirst.length + onSecond.length);
    const prev = /href="([^"]+)" rel="prev"/.exec(second.body)?.[1]?.replace(/&amp;/g, '&');
    assert.deepEqual(titles((await officer.get(prev!)).body), onFirst);

    const past = await officer.get('/panel/wydarzenia?widok=past');
    assert.match(past.body, /Odwołany piknik/);
    assert.doesNotMatch((await officer.get('/panel/wydarzenia?widok=live')).body, /Odwołany piknik/);
    assert.equal((await officer.get('/panel/wydarzenia?widok=drafts&cursor=abc')).statusCode, 400);
    assert.equal((await officer.get('/panel/wydarzenia?widok=nothing')).statusCode, 400);
  });
});

describe('changing an event in the form', () => {
  test('keeps what the form does not show: questions, series, offer hold, the coordinates of an unchanged address', async () => {
    const officer = await t.signedIn('staff');
    const [staff] = await testPeople(t.database, 1, 'staff');
    const svc = eventsOf(t.app.klaster.services);
    const questions = [
      { key: 'diet', kind: 'text' as const, label: { pl: 'Dieta' }, required: false },
      { key: 'first', kind: 'yesno' as const, label: { pl: 'Pierwszy raz?' }, required: true },
    ];
    const id = await publishedEvent(svc, staff as { id: string; role: 'staff' }, {
      title: { pl: 'Śniadanie networkingowe' },
      series: 'Śniadania Zabłocia',
      offerHoldHours: 6,
      questions,
    });
    const { listing } = servicesOf(t.app.klaster.services, 'events');
    const row = async (): Promise<EventRow> => (await listing.byIds([id])).get(id)!.row;
    const before = await row();
    assert.equal(before.venueLat, 50.0489);
    const form = { ...eventFormValues(before), title_pl: 'Śniadanie networkingowe w Zabłociu' } as Record<
      string,
      string | string[]
    >;
    for (const k of Object.keys(form)) if (form[k] === undefined) delete form[k];
    const saved = await officer.post(`/panel/wydarzenia/${id}/edycja`, form);
    assert.equal(saved.statusCode, 303, /govuk-error-summary__list">(.*?)<\/ul>/s.exec(saved.body)?.[1]);
    const after = await row();
    assert.equal(after.title, 'Śniadanie networkingowe w Zabłociu');
    assert.deepEqual(after.questions, before.questions);
    assert.equal(after.series, 'Śniadania Zabłocia');
    assert.equal(after.offerHoldHours, 6);
    assert.equal(after.venueLat, 50.0489);
    assert.equal(after.venueLng, 19.9592);
    // A new address has no coordinates of the old one.
    await officer.post(`/panel/wydarzenia/${id}/edycja`, { ...form, venue: 'ul. Wesoła 1, Kraków' });
    const moved = await row();
    assert.equal(moved.venueAddress, 'ul. Wesoła 1, Kraków');
    assert.equal(moved.venueLat, null);
  });

  test('registration questions are written in the form: a choice with translations, kept keys, errors on their fields', async () => {
    const officer = await t.signedIn('staff');
    const [staff] = await testPeople(t.database, 1, 'staff');
    const svc = eventsOf(t.app.klaster.services);
    const id = await publishedEvent(svc, staff as { id: string; role: 'staff' }, {
      title: { pl: 'Gra miejska' },
    });
    const { listing } = servicesOf(t.app.klaster.services, 'events');
    const row = async (): Promise<EventRow> => (await listing.byIds([id])).get(id)!.row;
    const base = Object.fromEntries(
      Object.entries(eventFormValues(await row())).filter(([, v]) => v !== undefined),
    ) as Record<string, string | string[]>;

    const page = await officer.get(`/panel/wydarzenia/${id}/edycja`);
    assert.match(page.body, /<legend[^>]*>Pytania przy zapisie<\/legend>/);
    assert.match(page.body, /name="q1_kind"/);
    assert.doesNotMatch(page.body, /name="q2_kind"/);

    // A question without its kind, and a choice of one answer: each said on its own field.
    const bad = await officer.post(`/panel/wydarzenia/${id}/edycja`, {
      ...base,
      q0_label_pl: 'Ile masz lat?',
      q1_kind: 'choice',
      q1_label_pl: 'Drużyna',
      q1_options: 'Czerwoni',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /href="#f-q0_kind">Wybierz rodzaj odpowiedzi albo usuń treść pytania\./);
    assert.deepEqual((await row()).questions, []);
    const second = await officer.post(`/panel/wydarzenia/${id}/edycja`, {
      ...base,
      q1_kind: 'choice',
      q1_label_pl: 'Drużyna',
      q1_options: 'Czerwoni',
    });
    assert.equal(second.statusCode, 422);
    assert.match(second.body, /href="#f-q1_options"/);

    const saved = await officer.post(`/panel/wydarzenia/${id}/edycja`, {
      ...base,
      q1_kind: 'choice',
      q1_label_pl: 'Drużyna',
      q1_label_en: 'Team',
      q1_required: 'on',
      q1_options: 'Czerwoni | Reds | Червоні\nNiebiescy | Blues',
    });
    assert.equal(saved.statusCode, 303);
    const [team] = (await row()).questions;
    assert.deepEqual(team, {
      key: 'q1',
      kind: 'choice',
      label: { pl: 'Drużyna', en: 'Team' },
      required: true,
      options: [
        { key: 'o1', label: { pl: 'Czerwoni', en: 'Reds', uk: 'Червоні' } },
        { key: 'o2', label: { pl: 'Niebiescy', en: 'Blues' } },
      ],
    });
    // The registration form asks it.
    const resident = await t.signedIn('resident', { name: 'Kasia' });
    const form = (await resident.get(`/wydarzenia/${id}`)).body;
    assert.match(form, /Drużyna/);
    assert.match(form, /Niebiescy/);

    // Edited again from what the form shows: a new answer on top keeps the old ones' keys.
    const again = Object.fromEntries(
      Object.entries(eventFormValues(await row())).filter(([, v]) => v !== undefined),
    ) as Record<string, string | string[]>;
    assert.equal(again.q0_options, 'Czerwoni | Reds | Червоні\nNiebiescy | Blues');
    await officer.post(`/panel/wydarzenia/${id}/edycja`, {
      ...again,
      q0_options: `Zieloni\n${again.q0_options}`,
    });
    const [edited] = (await row()).questions;
    assert.deepEqual(edited?.kind === 'choice' && edited.options.map((o) => [o.key, o.label.pl]), [
      ['o3', 'Zieloni'],
      ['o1', 'Czerwoni'],
      ['o2', 'Niebiescy'],
    ]);
    assert.equal(edited?.key, 'q1');
  });
});
