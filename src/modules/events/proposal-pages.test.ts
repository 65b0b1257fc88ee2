// Proposing an event as an organiser does it, through the pages: the form (three languages, Warsaw
// day and time), the draft on "my proposals", changing it, submitting it; who may not propose; and
// a bad input shown on its field with nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { testClock } from '../../../test/support/clock.ts';
import { queryRows } from '../../db/client.ts';
import { warsawInstant } from '../../platform/time/warsaw.ts';
import { testOrganisation } from './test-helpers.ts';

let t: TestApp;

const flashOf = (html: string) =>
  /<p class="govuk-notification-banner__heading">([^<]+)<\/p>/.exec(html)?.[1];

const eventsTitled = (title: string) =>
  queryRows<{ id: string; status: string; title: string; title_i18n: Record<string, string> }>(
    t.database.db,
    sql`select id, status, title, title_i18n from event_event where title = ${title}`,
  );

/** The form as an organiser fills it in: a workshop on 2026-11-20, 17:00–19:30 in Warsaw. */
export function proposalForm(organisationId: string, overrides: Record<string, string | string[]> = {}) {
  return {
    title_pl: 'Warsztaty zielonych podwórek',
    title_en: 'Green courtyards workshop',
    title_uk: '',
    description_pl: 'Sadzimy **rośliny** razem z sąsiadami.',
    description_en: '',
    description_uk: '',
    kind: 'workshop',
    audiences: ['residents', 'youth'],
    organisationId,
    venue: 'ul. Zabłocie 20–22, Kraków',
    onlineUrl: '',
    startsAtDate: '2026-11-20',
    startsAtTime: '17:00',
    endsAtDate: '2026-11-20',
    endsAtTime: '19.30',
    registration: 'on',
    capacity: '15',
    maxCompanions: '2',
    consent_pl: '',
    consent_en: '',
    consent_uk: '',
    accessibility: ['stepFree'],
    contact: 'warsztaty@example.org',
    ...overrides,
  };
}

before(async () => {
  testClock.set(warsawInstant('2026-11-10', '09:00'));
  t = await createTestApp();
});
after(() => t.close());

describe('proposing an event', () => {
  test('a member of a verified organisation writes a draft, changes it and submits it', async () => {
    const member = await t.signedIn('resident', { name: 'Ola' });
    const orgId = await testOrganisation(
      t.database,
      [{ id: member.userId }],
      'verified',
      'Fundacja Podwórko',
    );

    const form = await member.get('/wydarzenia/nowe');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<form method="post" action="\/wydarzenia\/nowe"/);
    assert.match(form.body, /name="title_uk"/);
    assert.match(form.body, new RegExp(`<option value="${orgId}">Fundacja Podwórko</option>`));

    const saved = await member.post('/wydarzenia/nowe', proposalForm(orgId));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/wydarzenia/propozycje');
    const [row] = await eventsTitled('Warsztaty zielonych podwórek');
    assert.equal(row?.status, 'draft');
    assert.deepEqual(row?.title_i18n, { en: 'Green courtyards workshop' });
    const [times] = await queryRows<{ starts_at: Date; ends_at: Date }>(
      t.database.db,
      sql`select starts_at, ends_at from event_event where id = ${row!.id}`,
    );
    assert.equal(new Date(times!.starts_at).toISOString(), '2026-11-20T16:00:00.000Z');
    assert.equal(new Date(times!.ends_at).toISOString(), '2026-11-20T18:30:00.000Z');

    const mine = await member.get('/wydarzenia/propozycje');
    assert.equal(flashOf(mine.body), 'Zapisano szkic wydarzenia.');
    assert.match(mine.body, /Warsztaty zielonych podwórek/);
    assert.match(mine.body, /Szkic/);

    // The draft opens in the form again, filled in; a change is saved.
    const edit = await member.get(`/wydarzenia/${row!.id}/edycja`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /name="startsAtTime" type="text" value="17:00"/);
    assert.match(edit.body, /name="endsAtTime" type="text" value="19:30"/);
    // No registration window was given: it stays empty (not the start it defaults to).
    assert.match(
      /<input[^>]*name="registrationClosesAtDate"[^>]*>/.exec(edit.body)?.[0] ?? '',
      / value( |\/>)/,
    );
    assert.match(edit.body, /name="capacity" type="text" value="15"/);
    const changed = await member.post(
      `/wydarzenia/${row!.id}/edycja`,
      proposalForm(orgId, { capacity: '20', title_uk: 'Майстерня зелених дворів' }),
    );
    assert.equal(changed.statusCode, 303);
    const [after] = await eventsTitled('Warsztaty zielonych podwórek');
    assert.deepEqual(after?.title_i18n, { en: 'Green courtyards workshop', uk: 'Майстерня зелених дворів' });

    const submitted = await member.post(`/wydarzenia/${row!.id}/zglos`, {});
    assert.equal(submitted.statusCode, 303);
    const list = await member.get('/wydarzenia/propozycje');
    assert.equal(flashOf(list.body), 'Zgłoszono wydarzenie do publikacji. Damy znać o decyzji.');
    assert.match(list.body, /Czeka na decyzję/);
    // Not public yet.
    assert.equal((await t.client().get(`/wydarzenia/${row!.id}`)).statusCode, 404);
  });

  test('a resident without an organisation, and a member of an unverified one, are refused', async () => {
    const alone = await t.signedIn('resident');
    const page = await alone.get('/wydarzenia/nowe');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Wydarzenia proponują członkowie organizacji/);
    assert.doesNotMatch(page.body, /action="\/wydarzenia\/nowe"/);
    const otherOrg = await testOrganisation(t.database, [{ id: (await t.signedIn('resident')).userId }]);
    const post = await alone.post(
      '/wydarzenia/nowe',
      proposalForm(otherOrg, { title_pl: 'Cudze wydarzenie' }),
    );
    assert.equal(post.statusCode, 403);
    assert.deepEqual(await eventsTitled('Cudze wydarzenie'), []);

    const pending = await t.signedIn('resident');
    const pendingOrg = await testOrganisation(t.database, [{ id: pending.userId }], 'pending');
    const unverified = await pending.get('/wydarzenia/nowe');
    assert.match(unverified.body, /Wydarzenia proponują członkowie organizacji/);
    assert.doesNotMatch(unverified.body, /action="\/wydarzenia\/nowe"/);
    const early = await pending.post(
      '/wydarzenia/nowe',
      proposalForm(pendingOrg, { title_pl: 'Za wcześnie' }),
    );
    assert.equal(early.statusCode, 403);
    assert.deepEqual(await eventsTitled('Za wcześnie'), []);
  });

  test('a member may not propose for an organisation they do not belong to', async () => {
    const member = await t.signedIn('resident');
    await testOrganisation(t.database, [{ id: member.userId }]);
    const stranger = await testOrganisation(t.database, [{ id: (await t.signedIn('resident')).userId }]);
    const post = await member.post('/wydarzenia/nowe', proposalForm(stranger, { title_pl: 'Podszyte' }));
    assert.equal(post.statusCode, 403);
    assert.deepEqual(await eventsTitled('Podszyte'), []);
  });

  test('a bad input is shown on its field, with what was typed, and nothing is stored', async () => {
    const member = await t.signedIn('resident');
    const orgId = await testOrganisation(t.database, [{ id: member.userId }]);

    const backwards = await member.post(
      '/wydarzenia/nowe',
      proposalForm(orgId, { title_pl: 'Odwrotnie', endsAtTime: '16:00' }),
    );
    assert.equal(backwards.statusCode, 422);
    assert.match(
      backwards.body,
      /<a href="#f-endsAtDate">Koniec wydarzenia musi być po jego początku\.<\/a>/,
    );
    assert.match(backwards.body, /id="f-endsAtDate-error"/);
    assert.match(backwards.body, /name="title_pl" type="text" value="Odwrotnie"/);

    const long = await member.post('/wydarzenia/nowe', proposalForm(orgId, { title_pl: 'D'.repeat(201) }));
    assert.equal(long.statusCode, 422);
    assert.match(long.body, /<a href="#f-title_pl">[^<]*200[^<]*<\/a>/);

    const script = await member.post(
      '/wydarzenia/nowe',
      proposalForm(orgId, { title_pl: 'Ze skryptem', description_en: 'Hi <script>alert(1)</script>' }),
    );
    assert.equal(script.statusCode, 422);
    assert.match(script.body, /<a href="#f-description_en">Opis nie może zawierać skryptów/);
    assert.match(script.body, />Hi &lt;script>alert\(1\)&lt;\/script><\/textarea>/);

    const badTime = await member.post(
      '/wydarzenia/nowe',
      proposalForm(orgId, { title_pl: 'Zła godzina', startsAtTime: '25:99' }),
    );
    assert.equal(badTime.statusCode, 422);
    assert.match(badTime.body, /<a href="#f-startsAtTime">Podaj godzinę, na przykład 17:30\.<\/a>/);

    for (const title of ['Odwrotnie', 'D'.repeat(201), 'Ze skryptem', 'Zła godzina'])
      assert.deepEqual(await eventsTitled(title), []);
  });
});

describe('the staff review the proposals in the back office', () => {
  const idOf = async (title: string) => (await eventsTitled(title))[0]!;

  test('changes asked for, made and sent again; then published, and the event is on the list', async () => {
    const member = await t.signedIn('resident');
    const orgId = await testOrganisation(t.database, [{ id: member.userId }], 'verified', 'Koło Sąsiedzkie');
    const title = 'Spacer po Zabłociu';
    await member.post('/wydarzenia/nowe', proposalForm(orgId, { title_pl: title }));
    const { id } = await idOf(title);
    await member.post(`/wydarzenia/${id}/zglos`, {});

    const officer = await t.signedIn('staff');
    const dashboard = await officer.get('/panel');
    assert.match(
      dashboard.body,
      /href="\/panel\/wydarzenia">Wydarzenia do sprawdzenia<\/a><span class="klaster-todo__count">Czeka: [1-9]/,
    );
    const list = await officer.get('/panel/wydarzenia');
    assert.equal(list.statusCode, 200);
    assert.match(
      list.body,
      /<a class="govuk-service-navigation__link" href="\/panel\/wydarzenia" aria-current="page">/,
    );
    assert.match(list.body, new RegExp(`href="/panel/wydarzenia/${id}">${title}</a>`));
    const review = await officer.get(`/panel/wydarzenia/${id}`);
    assert.match(review.body, /Czeka na decyzję/);
    assert.match(review.body, /Koło Sąsiedzkie/);

    // The note is required; then the event goes back to its organiser as a draft, with the note.
    const empty = await officer.post(`/panel/wydarzenia/${id}/zmiany`, { note: '  ' });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /<a href="#f-note">Podaj powód\.<\/a>/);
    assert.equal((await idOf(title)).status, 'submitted');
    const asked = await officer.post(`/panel/wydarzenia/${id}/zmiany`, { note: 'Dodajcie godzinę zbiórki.' });
    assert.equal(asked.statusCode, 303);
    assert.equal(
      flashOf((await officer.get(`/panel/wydarzenia/${id}`)).body),
      'Odesłano wydarzenie do poprawy.',
    );
    const mine = await member.get('/wydarzenia/propozycje');
    assert.match(mine.body, /Szkic/);
    assert.match(mine.body, /Dodajcie godzinę zbiórki\./);

    const edited = await member.post(
      `/wydarzenia/${id}/edycja`,
      proposalForm(orgId, { title_pl: title, description_pl: 'Zbiórka o 16:45 przy bramie.' }),
    );
    assert.equal(edited.statusCode, 303);
    await member.post(`/wydarzenia/${id}/zglos`, {});
    assert.equal((await idOf(title)).status, 'submitted');

    const published = await officer.post(`/panel/wydarzenia/${id}/publikuj`, {});
    assert.equal(published.statusCode, 303);
    assert.equal(flashOf((await officer.get(`/panel/wydarzenia/${id}`)).body), 'Opublikowano wydarzenie.');
    const site = await t.client().get('/wydarzenia');
    assert.match(site.body, new RegExp(`href="/wydarzenia/${id}">${title}</a>`));
    const page = await t.client().get(`/wydarzenia/${id}`);
    assert.match(page.body, /Zbiórka o 16:45 przy bramie\./);
  });

  test('rejected with a reason the organiser reads; a publication at a time waits for it', async () => {
    const member = await t.signedIn('resident');
    const orgId = await testOrganisation(t.database, [{ id: member.userId }]);
    const officer = await t.signedIn('staff');
    for (const title of ['Odrzucane', 'Na później']) {
      await member.post('/wydarzenia/nowe', proposalForm(orgId, { title_pl: title }));
      await member.post(`/wydarzenia/${(await idOf(title)).id}/zglos`, {});
    }
    const rejected = await idOf('Odrzucane');
    const noReason = await officer.post(`/panel/wydarzenia/${rejected.id}/odrzuc`, { rejectReason: '' });
    assert.equal(noReason.statusCode, 422);
    assert.match(noReason.body, /<a href="#f-rejectReason">Podaj powód\.<\/a>/);
    await officer.post(`/panel/wydarzenia/${rejected.id}/odrzuc`, { rejectReason: 'To reklama sklepu.' });
    const mine = await member.get('/wydarzenia/propozycje');
    assert.match(mine.body, /Odrzucone/);
    assert.match(mine.body, /To reklama sklepu\./);

    const later = await idOf('Na później');
    const past = await officer.post(`/panel/wydarzenia/${later.id}/publikuj`, {
      when: 'at',
      publishAtDate: '2026-11-01',
      publishAtTime: '12:00',
    });
    assert.equal(past.statusCode, 422);
    assert.match(past.body, /<a href="#f-publishAtDate">Czas publikacji nie może być w przeszłości\.<\/a>/);
    const scheduled = await officer.post(`/panel/wydarzenia/${later.id}/publikuj`, {
      when: 'at',
      publishAtDate: '2026-11-12',
      publishAtTime: '8:00',
    });
    assert.equal(scheduled.statusCode, 303);
    assert.match(
      flashOf((await officer.get(`/panel/wydarzenia/${later.id}`)).body) ?? '',
      /Wydarzenie zostanie opublikowane 12 listopada 2026/,
    );
    assert.equal((await t.client().get(`/wydarzenia/${later.id}`)).statusCode, 404);
    t.clock.set(warsawInstant('2026-11-12', '08:01'));
    try {
      assert.equal((await t.client().get(`/wydarzenia/${later.id}`)).statusCode, 200);
    } finally {
      t.clock.set(warsawInstant('2026-11-10', '09:00'));
    }
  });

  test('staff write and publish an event directly, then postpone and cancel it, and the registrants are told', async () => {
    const officer = await t.signedIn('staff');
    const form = await officer.get('/panel/wydarzenia/nowe');
    assert.match(form.body, /name="organiserUnit"/);
    const title = 'Konsultacje budżetu';
    const created = await officer.post(
      '/panel/wydarzenia/nowe',
      proposalForm('', { title_pl: title, organiserUnit: 'Wydział Rozwoju Miasta' }),
    );
    assert.equal(created.statusCode, 303);
    const { id } = await idOf(title);
    assert.equal(created.headers.location, `/panel/wydarzenia/${id}`);
    await officer.post(`/panel/wydarzenia/${id}/publikuj`, {});

    const resident = await t.signedIn('resident');
    assert.equal((await resident.post(`/wydarzenia/${id}/zapis`, { companions: '0' })).statusCode, 303);
    const mails = (template: string) =>
      queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from mail_outbox where to_address = ${resident.email} and template = ${template}`,
      );

    // A new venue, changed in the form: the registrant is told where it is now.
    const edit = await officer.get(`/panel/wydarzenia/${id}/edycja`);
    assert.match(edit.body, /name="venue" type="text" value="ul. Zabłocie 20–22, Kraków"/);
    const movedVenue = await officer.post(
      `/panel/wydarzenia/${id}/edycja`,
      proposalForm('', {
        title_pl: title,
        organiserUnit: 'Wydział Rozwoju Miasta',
        venue: 'ul. Lipowa 4, Kraków',
      }),
    );
    assert.equal(movedVenue.statusCode, 303);
    assert.deepEqual(await mails('eventsEventVenueChanged'), [{ n: 1 }]);
    // Saving again without changing where it is tells no one again.
    await officer.post(
      `/panel/wydarzenia/${id}/edycja`,
      proposalForm('', {
        title_pl: title,
        organiserUnit: 'Wydział Rozwoju Miasta',
        venue: 'ul. Lipowa 4, Kraków',
        capacity: '16',
      }),
    );
    assert.deepEqual(await mails('eventsEventVenueChanged'), [{ n: 1 }]);

    const backwards = await officer.post(`/panel/wydarzenia/${id}/przeloz`, {
      startsAtDate: '2026-11-27',
      startsAtTime: '17:00',
      endsAtDate: '2026-11-27',
      endsAtTime: '16:00',
    });
    assert.equal(backwards.statusCode, 422);
    assert.match(
      backwards.body,
      /<a href="#f-endsAtDate">Koniec wydarzenia musi być po jego początku\.<\/a>/,
    );
    const moved = await officer.post(`/panel/wydarzenia/${id}/przeloz`, {
      startsAtDate: '2026-11-27',
      startsAtTime: '17:00',
      endsAtDate: '2026-11-27',
      endsAtTime: '19:00',
    });
    assert.equal(moved.statusCode, 303);
    assert.deepEqual(await mails('eventsEventPostponed'), [{ n: 1 }]);
    assert.match((await t.client().get(`/wydarzenia/${id}`)).body, /To wydarzenie zostało przełożone\./);

    const cancelled = await officer.post(`/panel/wydarzenia/${id}/odwolaj`, {
      cancelReason: 'Choroba prowadzącej.',
    });
    assert.equal(cancelled.statusCode, 303);
    assert.deepEqual(await mails('eventsEventCancelled'), [{ n: 1 }]);
    assert.match((await t.client().get(`/wydarzenia/${id}`)).body, /Powód: Choroba prowadzącej\./);
  });

  test('a staff session without the second factor, and a resident, cannot open the events back office', async () => {
    const noTotp = await t.signedIn('staff', { twoFactor: false });
    const res = await noTotp.get('/panel/wydarzenia');
    // Sent to set up the second factor first, as for every page of the back office.
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/konto/dwuetapowe?wymagane=1&next=%2Fpanel%2Fwydarzenia');
    const resident = await t.signedIn('resident');
    assert.equal((await resident.get('/panel/wydarzenia')).statusCode, 403);
    const post = await resident.post(
      '/panel/wydarzenia/nowe',
      proposalForm('', { title_pl: 'Bez uprawnień' }),
    );
    assert.equal(post.statusCode, 403);
    assert.deepEqual(await eventsTitled('Bez uprawnień'), []);
  });
});
