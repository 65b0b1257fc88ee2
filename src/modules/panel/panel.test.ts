import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, readMailDir, TEST_PASSWORD, type TestApp } from '../../../test/support/app.ts';
import { audit } from '../../platform/audit/audit.ts';
import { auditLog } from '../../platform/audit/schema.ts';
import { type Locale, type Role, session, user } from '../../platform/auth/schema.ts';
import { ensureUser } from '../../platform/auth/users.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { mailOutbox } from '../../platform/mail/schema.ts';

type Signed = Awaited<ReturnType<TestApp['signedIn']>>;

describe('back office /panel', () => {
  let t: TestApp;
  let staff: Signed;
  let admin: Signed;
  let resident: Signed;

  const person = async (name: string, email: string, opts: { role?: Role; locale?: Locale } = {}) =>
    (
      await ensureUser(t.database.db, t.app.klaster.auth, {
        name,
        email,
        password: TEST_PASSWORD,
        role: opts.role ?? 'resident',
        locale: opts.locale ?? 'pl',
      })
    ).id;
  const row = async (id: string) => (await t.database.db.select().from(user).where(eq(user.id, id)))[0]!;
  const auditFor = (id: string) =>
    t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(auditLog.createdAt);
  const mailTo = async (email: string) => {
    await t.app.klaster.worker.tick();
    return readMailDir(t.dataDir).filter((m) => m.to.includes(email));
  };
  const rowsIn = (html: string) => (html.match(/<tr class="govuk-table__row">/g) ?? []).length - 1;
  /** Entries of the audit log page (one block each) and the heading that names an entry's action. */
  const entriesIn = (html: string) => (html.match(/<li class="klaster-audit__entry"/g) ?? []).length;
  const entryHeading = (action: string) =>
    `<h2 class="govuk-heading-s govuk-!-margin-bottom-1">${action}</h2>`;

  before(async () => {
    t = await createTestApp();
    staff = await t.signedIn('staff', { name: 'Jan Urzędnik' });
    admin = await t.signedIn('admin', { name: 'Adam Administrator' });
    resident = await t.signedIn('resident');
  });
  after(async () => t.close());

  describe('access', () => {
    const pages = ['/panel', '/panel/uzytkownicy', '/panel/audyt', '/panel/audyt.csv'];

    it('a resident gets 403 on every panel page and action', async () => {
      for (const p of [...pages, `/panel/uzytkownicy/${resident.userId}`]) {
        const res = await resident.get(p);
        assert.equal(res.statusCode, 403, p);
        assert.match(res.body, /Brak dostępu/);
      }
      const post = await resident.post(`/panel/uzytkownicy/${staff.userId}/blokada`, { reason: 'x' });
      assert.equal(post.statusCode, 403);
      assert.equal((await row(staff.userId)).blockedAt, null);
    });

    it('an anonymous visitor is sent to sign in', async () => {
      const res = await t.client().get('/panel/uzytkownicy');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/logowanie?next=%2Fpanel%2Fuzytkownicy');
    });

    it('staff without two-step sign-in are sent to turn it on first', async () => {
      const noTotp = await t.signedIn('staff', { twoFactor: false });
      const res = await noTotp.get('/panel');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/konto/dwuetapowe?wymagane=1&next=%2Fpanel');
    });
  });

  describe('dashboard', () => {
    it('shows account counts, the outbox and failed jobs with their last error', async () => {
      await t.database.db.insert(mailOutbox).values({
        id: uuidv7(),
        toAddress: 'nieosiagalny@example.org',
        template: 'verifyEmail',
        subject: 'x',
        textBody: 'x',
        htmlBody: 'x',
        status: 'failed',
        attempts: 12,
        lastError: '550 mailbox unavailable',
      });
      await t.database.db.insert(jobs).values({
        id: uuidv7(),
        kind: 'retention.purge',
        status: 'failed',
        attempts: 5,
        lastError: 'relation "gone" does not exist',
        finishedAt: new Date(),
      });
      const res = await staff.get('/panel');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1 class="govuk-heading-l">.*Pulpit<\/h1>/s);
      assert.match(res.body, /<nav aria-label="Sekcje panelu obsługi"/);
      assert.match(res.body, /href="\/panel\/organizacje"/);
      assert.match(res.body, /nieosiagalny@example\.org/);
      assert.match(res.body, /550 mailbox unavailable/);
      assert.match(res.body, /retention\.purge/);
      assert.match(res.body, /relation &quot;gone&quot; does not exist/);
      const [counted] = await t.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(user)
        .where(eq(user.role, 'staff'));
      assert.match(
        res.body,
        new RegExp(
          `href="/panel/uzytkownicy\\?rola=staff">Pracownik urzędu</a></td><td class="govuk-table__cell">${counted!.n}<`,
        ),
      );
    });

    it('speaks English and Ukrainian too', async () => {
      staff.cookies.set('klaster_lang', 'en');
      const english = await staff.get('/panel');
      assert.match(english.body, /Dashboard/);
      assert.match(english.body, /Outgoing mail/);
      staff.cookies.set('klaster_lang', 'uk');
      const ukrainian = await staff.get('/panel/uzytkownicy');
      assert.match(ukrainian.body, /Користувачі/);
      staff.cookies.delete('klaster_lang');
    });
  });

  describe('users', () => {
    let lukasz: string;
    before(async () => {
      lukasz = await person('Łukasz Żółć', 'l.zolc@przyklad.pl');
      await person('Procent 100% Pewny', 'procent@przyklad.pl');
      await person('Pod_kreślnik', 'podkreslnik@przyklad.pl');
      await person('Ktoś Zwyczajny', 'zwyczajny@przyklad.pl');
    });

    it('finds a person by part of the name with Polish letters, in any case', async () => {
      for (const q of ['żółć', 'ŻÓŁĆ', 'łukasz ż']) {
        const res = await staff.get(`/panel/uzytkownicy?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Łukasz Żółć/, q);
        assert.equal(rowsIn(res.body), 1, q);
        assert.match(res.body, /Znaleziono 1 konto/);
      }
    });

    it('finds a person by part of the e-mail address', async () => {
      const res = await staff.get('/panel/uzytkownicy?q=zolc%40przyklad');
      assert.match(res.body, new RegExp(`href="/panel/uzytkownicy/${lukasz}"`));
      assert.equal(rowsIn(res.body), 1);
    });

    it('treats % and _ as the characters they are', async () => {
      const pct = await staff.get('/panel/uzytkownicy?q=%25');
      assert.equal(rowsIn(pct.body), 1);
      assert.match(pct.body, /Procent 100% Pewny/);
      const under = await staff.get('/panel/uzytkownicy?q=_');
      assert.equal(rowsIn(under.body), 1);
      assert.match(under.body, /Pod_kreślnik/);
    });

    it('filters by role and state, and says so when nothing matches', async () => {
      const admins = await staff.get('/panel/uzytkownicy?rola=admin');
      assert.match(admins.body, /Adam Administrator/);
      assert.doesNotMatch(admins.body, /Łukasz Żółć/);
      const none = await staff.get('/panel/uzytkownicy?q=nikt-taki-nie-istnieje&stan=zablokowane');
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /Nie znaleziono kont spełniających kryteria/);
      const bad = await staff.get('/panel/uzytkownicy?rola=superuser');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Wybierz jedną z dostępnych opcji/);
      const badPage = await staff.get('/panel/uzytkownicy?strona=-1');
      assert.equal(badPage.statusCode, 400);
    });

    it('pages through many results', async () => {
      for (let i = 0; i < 30; i++) await person(`Stronicowana Osoba ${i}`, `strona-${i}@przyklad.pl`);
      const first = await staff.get('/panel/uzytkownicy?q=Stronicowana');
      assert.equal(rowsIn(first.body), 25);
      assert.match(first.body, /Znaleziono 30 kont · Strona 1 z 2/);
      const next = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
      assert.equal(next, '/panel/uzytkownicy?q=Stronicowana&strona=2');
      const second = await staff.get(next!);
      assert.equal(rowsIn(second.body), 5);
      assert.match(second.body, /rel="prev"/);
      assert.doesNotMatch(second.body, /rel="next"/);
    });

    it('shows the account: role, two-step sign-in, sessions and consents', async () => {
      const res = await staff.get(`/panel/uzytkownicy/${resident.userId}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Aktywne sesje<\/dt><dd class="govuk-summary-list__value">1</);
      assert.match(res.body, /Logowanie dwuetapowe<\/dt><dd class="govuk-summary-list__value">wyłączone/);
      assert.match(res.body, /Rolę może zmienić tylko administrator/);
      assert.match(res.body, /Zablokuj konto/);
      const missing = await staff.get('/panel/uzytkownicy/nie-ma-takiego');
      assert.equal(missing.statusCode, 404);
    });
  });

  describe('roles', () => {
    it('an admin changes a role: audited, mailed in the person’s language', async () => {
      const id = await person('Olena Koval', 'olena@przyklad.pl', { locale: 'uk' });
      const res = await admin.post(`/panel/uzytkownicy/${id}/rola`, { role: 'staff' });
      assert.equal(res.statusCode, 303);
      const page = await admin.get(res.headers.location as string);
      assert.match(page.body, /Zapisano rolę\./);
      const u = await row(id);
      assert.equal(u.role, 'staff');
      const [entry] = await auditFor(id);
      assert.equal(entry?.action, 'user.role_changed');
      assert.equal(entry?.actorId, admin.userId);
      assert.deepEqual(entry?.before, { role: 'resident', blockedAt: null, blockedReason: null });
      assert.deepEqual(entry?.after, { role: 'staff', blockedAt: null, blockedReason: null });
      const mails = await mailTo('olena@przyklad.pl');
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, /Вашу роль у Кластері/);
      const [queued] = await t.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'olena@przyklad.pl'));
      assert.match(queued!.textBody, /Ваша роль: Працівник міської ради/);
      assert.match(queued!.textBody, /двоетапний вхід/);
    });

    it('the role form has no unit any more: a unit field is refused as unknown and changes nothing', async () => {
      const id = await person('Inna Osoba', 'inna@przyklad.pl');
      const form = await admin.get(`/panel/uzytkownicy/${id}`);
      assert.doesNotMatch(form.body, /name="staffUnit"|Jednostka|jednostk/);
      const res = await admin.post(`/panel/uzytkownicy/${id}/rola`, {
        role: 'staff',
        staffUnit: 'revitalisation',
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /nieznane pola: staffUnit/);
      assert.equal((await row(id)).role, 'resident');
      const ok = await admin.post(`/panel/uzytkownicy/${id}/rola`, { role: 'staff' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await row(id)).role, 'staff');
    });

    it('staff cannot change roles', async () => {
      const id = await person('Nie Awansowany', 'nieawans@przyklad.pl');
      const res = await staff.post(`/panel/uzytkownicy/${id}/rola`, { role: 'admin' });
      assert.equal(res.statusCode, 403);
      assert.equal((await row(id)).role, 'resident');
      assert.equal((await auditFor(id)).length, 0);
    });

    it('an admin cannot demote themselves', async () => {
      const res = await admin.post(`/panel/uzytkownicy/${admin.userId}/rola`, {
        role: 'resident',
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /Nie możesz odebrać sobie roli administratora/);
      assert.equal((await row(admin.userId)).role, 'admin');
    });
  });

  describe('blocking', () => {
    it('blocks: the person is signed out at once, cannot sign in, and is told why', async () => {
      const victim = await t.signedIn('resident', { email: 'blokowana@przyklad.pl' });
      assert.match((await victim.get('/')).body, /Wyloguj się/);
      const res = await staff.post(`/panel/uzytkownicy/${victim.userId}/blokada`, {
        reason: 'Spam w ogłoszeniach <b>pogrubiony</b>',
      });
      assert.equal(res.statusCode, 303);
      const page = await staff.get(res.headers.location as string);
      assert.match(page.body, /Konto zablokowane/);
      assert.match(page.body, /Spam w ogłoszeniach &lt;b>pogrubiony&lt;\/b>/);
      assert.doesNotMatch(page.body, /<b>pogrubiony/);

      // The very next request of the blocked person is anonymous, and no session is left.
      const next = await victim.get('/');
      assert.doesNotMatch(next.body, /Wyloguj się/);
      assert.match(next.body, /Zaloguj się/);
      const left = await t.database.db.select().from(session).where(eq(session.userId, victim.userId));
      assert.equal(left.length, 0);

      const signIn = await t.client().post('/logowanie', { email: victim.email, password: TEST_PASSWORD });
      assert.equal(signIn.statusCode, 403);
      assert.match(signIn.body, /To konto jest zablokowane/);

      const u = await row(victim.userId);
      assert.ok(u.blockedAt);
      assert.equal(u.blockedReason, 'Spam w ogłoszeniach <b>pogrubiony</b>');
      const [entry] = await auditFor(victim.userId);
      assert.equal(entry?.action, 'user.blocked');
      assert.equal((entry!.before as { blockedAt: unknown }).blockedAt, null);
      assert.equal((entry!.after as { blockedReason: string }).blockedReason, u.blockedReason);
      const mails = await mailTo(victim.email);
      assert.equal(mails.length, 1);
      assert.match(mails[0]!.subject, /zablokowane/);
      assert.match(mails[0]!.raw, /Powód: Spam w ogłoszeniach/);

      // Unblocking lets them back in.
      const unblock = await staff.post(`/panel/uzytkownicy/${victim.userId}/odblokowanie`);
      assert.equal(unblock.statusCode, 303);
      assert.equal((await row(victim.userId)).blockedAt, null);
      const again = await t.client().post('/logowanie', { email: victim.email, password: TEST_PASSWORD });
      assert.equal(again.statusCode, 303);
      const after = await mailTo(victim.email);
      assert.equal(after.length, 2);
      assert.match(after[1]!.subject, /odblokowane/);
      assert.deepEqual(
        (await auditFor(victim.userId)).map((a) => a.action),
        ['user.blocked', 'user.unblocked'],
      );
    });

    it('refuses blocking oneself, with a message', async () => {
      const res = await staff.post(`/panel/uzytkownicy/${staff.userId}/blokada`, { reason: 'test' });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /govuk-error-summary/);
      assert.match(res.body, /Nie możesz zablokować własnego konta/);
      assert.equal((await row(staff.userId)).blockedAt, null);
      assert.equal((await staff.get('/panel')).statusCode, 200);
    });

    it('staff cannot block an administrator', async () => {
      const res = await staff.post(`/panel/uzytkownicy/${admin.userId}/blokada`, { reason: 'próba' });
      assert.equal(res.statusCode, 403);
      assert.match(res.body, /tylko inny administrator/);
      assert.equal((await row(admin.userId)).blockedAt, null);
    });

    it('bad input changes nothing: too long, unknown role, unknown field, no CSRF token', async () => {
      const id = await person('Cel Ataku', 'cel@przyklad.pl');
      const long = await staff.post(`/panel/uzytkownicy/${id}/blokada`, { reason: 'x'.repeat(10_000) });
      assert.equal(long.statusCode, 422);
      assert.match(long.body, /Wpisz najwyżej 500 znaków/);
      const empty = await staff.post(`/panel/uzytkownicy/${id}/blokada`, { reason: '   ' });
      assert.equal(empty.statusCode, 422);
      const role = await admin.post(`/panel/uzytkownicy/${id}/rola`, { role: 'superuser' });
      assert.equal(role.statusCode, 422);
      assert.match(role.body, /Wybierz jedną z dostępnych opcji/);
      const extra = await staff.post(`/panel/uzytkownicy/${id}/blokada`, { reason: 'ok', role: 'admin' });
      assert.equal(extra.statusCode, 422);
      assert.match(extra.body, /nieznane pola: role/);
      const unblockExtra = await staff.post(`/panel/uzytkownicy/${id}/odblokowanie`, { x: '1' });
      assert.equal(unblockExtra.statusCode, 422);
      const noCsrf = await staff.post(`/panel/uzytkownicy/${id}/blokada`, { reason: 'ok' }, { csrf: false });
      assert.equal(noCsrf.statusCode, 403);
      const wrongCsrf = await admin.post(
        `/panel/uzytkownicy/${id}/rola`,
        { role: 'admin' },
        { csrf: 'forged' },
      );
      assert.equal(wrongCsrf.statusCode, 403);
      const u = await row(id);
      assert.equal(u.blockedAt, null);
      assert.equal(u.role, 'resident');
      assert.equal((await auditFor(id)).length, 0);
      const notBlocked = await staff.post(`/panel/uzytkownicy/${id}/odblokowanie`);
      assert.equal(notBlocked.statusCode, 409);
      assert.match(notBlocked.body, /To konto nie jest zablokowane/);
    });
  });

  describe('audit log', () => {
    it('lists entries newest first with who, what and a readable diff', async () => {
      const res = await staff.get('/panel/audyt');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Rejestr zdarzeń/);
      assert.match(res.body, /Zmiana roli lub jednostki/);
      assert.match(res.body, /Mieszkaniec <span aria-hidden="true">→<\/span>/);
      assert.match(res.body, /Adam Administrator/);
      const blockedAt = res.body.indexOf(entryHeading('Odblokowanie konta'));
      const roleAt = res.body.indexOf(entryHeading('Zmiana roli lub jednostki'));
      assert.ok(blockedAt > 0 && blockedAt < roleAt, 'newest first');
    });

    it('filters by action, actor, record and date', async () => {
      const blocked = await staff.get('/panel/audyt?akcja=user.blocked');
      assert.match(blocked.body, /Blokada konta/);
      assert.ok(!blocked.body.includes(entryHeading('Zmiana roli lub jednostki')));
      assert.equal(entriesIn(blocked.body), 1);

      const byAdmin = await staff.get(`/panel/audyt?aktor=${encodeURIComponent(admin.email.slice(0, 8))}`);
      assert.equal(entriesIn(byAdmin.body), 2, 'the two role changes the admin made');
      const byId = await staff.get(`/panel/audyt?aktor=${staff.userId}`);
      assert.equal(entriesIn(byId.body), 2, 'the block and unblock the staff member made');

      const todayWarsaw = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date());
      const today = await staff.get(`/panel/audyt?od=${todayWarsaw}&do=${todayWarsaw}`);
      assert.equal(entriesIn(today.body), 4);
      const [y, m, d] = todayWarsaw.split('-');
      const polishDate = await staff.get(`/panel/audyt?od=${d}.${m}.${y}`);
      assert.equal(entriesIn(polishDate.body), 4);
      const tomorrow = new Date(Date.now() + 36 * 3600_000);
      const later = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(tomorrow);
      const none = await staff.get(`/panel/audyt?od=${later}`);
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /Brak wpisów spełniających kryteria/);

      const bad = await staff.get('/panel/audyt?od=2025-02-30');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Wpisz datę w formacie RRRR-MM-DD/);
      const order = await staff.get('/panel/audyt?od=2025-03-02&do=2025-03-01');
      assert.equal(order.statusCode, 400);
      assert.match(order.body, /nie może być późniejsza/);
      const cursor = await staff.get('/panel/audyt?po=garbage');
      assert.equal(cursor.statusCode, 400);
      // A cursor of the right shape but an impossible time is refused the same way, not a 500.
      const impossible = await staff.get(
        '/panel/audyt?po=2025-99-99T99:99:99.000000Z~019a4f3e-7c2b-7d41-9a3e-0123456789ab',
      );
      assert.equal(impossible.statusCode, 400);
    });

    it('pages with a cursor both ways and shows a deleted actor as such', async () => {
      const ghost = await person('Były Pracownik', 'byly@przyklad.pl', { role: 'staff' });
      for (let i = 0; i < 60; i++) {
        await audit(
          t.database.db,
          { id: ghost, role: 'staff' },
          {
            action: 'test.bulk',
            entityType: 'organisation',
            entityId: `org-${i}`,
            before: { n: i },
            after: { n: i + 1 },
          },
        );
      }
      await t.database.db.update(user).set({ deletedAt: new Date() }).where(eq(user.id, ghost));
      const first = await staff.get('/panel/audyt?akcja=test.bulk');
      assert.equal(entriesIn(first.body), 50);
      assert.match(first.body, /konto usunięte/);
      assert.doesNotMatch(first.body, /Były Pracownik/);
      assert.match(first.body, /org-59/);
      const next = /href="([^"]+)" rel="next"/.exec(first.body)![1]!.replace(/&amp;/g, '&');
      const second = await staff.get(next);
      assert.equal(entriesIn(second.body), 10);
      assert.match(second.body, /org-0(?!\d)/);
      assert.doesNotMatch(second.body, /org-59/);
      const prev = /href="([^"]+)" rel="prev"/.exec(second.body)![1]!.replace(/&amp;/g, '&');
      const back = await staff.get(prev);
      assert.equal(entriesIn(back.body), 50);
      assert.match(back.body, /org-59/);
      assert.doesNotMatch(back.body, /rel="prev"/);
    });

    it('narrows to one record from the account page', async () => {
      const [entry] = await t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'user.blocked')));
      const res = await staff.get(`/panel/audyt?typ=user&obiekt=${entry!.entityId}`);
      assert.equal(entriesIn(res.body), 2);
    });

    it('exports the filtered view as CSV with a BOM', async () => {
      const res = await staff.get('/panel/audyt.csv?akcja=test.bulk');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
      assert.match(
        String(res.headers['content-disposition']),
        /attachment; filename="klaster-rejestr-zdarzen-/,
      );
      assert.ok(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
      const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(lines.at(-1), '');
      assert.equal(lines.length, 62, 'header, 60 rows, trailing CRLF');
      assert.match(lines[0]!, /^Czas \(Europa\/Warszawa\),Czas UTC/);
      assert.match(lines[1]!, /test\.bulk,organisation,org-59,"\{""n"":59\}","\{""n"":60\}"/);
      const bad = await staff.get('/panel/audyt.csv?do=jutro');
      assert.equal(bad.statusCode, 400);
    });
  });
});
