import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createTestApp, readMailDir, type TestApp } from '../../../test/support/app.ts';
import { as } from '../../../test/support/context.ts';
import { user } from '../../platform/auth/schema.ts';
import { AppError, RuleError } from '../../platform/http/errors.ts';
import { placesService } from '../places/service.ts';
import { organisationInvitations, organisationMembers, organisations } from './schema.ts';
import { organisationsPrivacy, organisationsService } from './service.ts';
import { orgForm } from './test-helpers.ts';

describe('organisations: members, invitations, owners and personal data', () => {
  let t: TestApp;
  let svc: ReturnType<typeof organisationsService>;
  before(async () => {
    t = await createTestApp();
    svc = organisationsService({
      places: placesService(t.database.db),
      db: t.database.db,
      baseUrl: 'http://localhost:3000',
    });
  });
  after(async () => t.close());

  const actor = (id: string) => as({ id, role: 'resident' as const, name: 'Test', locale: 'pl' as const });
  const members = async (orgId: string) =>
    t.database.db
      .select({ userId: organisationMembers.userId, role: organisationMembers.role })
      .from(organisationMembers)
      .where(eq(organisationMembers.organisationId, orgId));
  const newOrg = async (client: Awaited<ReturnType<TestApp['signedIn']>>, name: string) => {
    const res = await client.post('/organizacje/nowa', orgForm({ name }));
    assert.equal(res.statusCode, 303, res.body);
    return res.headers.location!.split('/').pop()!;
  };
  const invitationLink = async (to: string) => {
    await t.app.klaster.worker.tick();
    const mails = readMailDir(t.dataDir).filter((m) => m.to.includes(to));
    const link = mails.at(-1)?.links.find((l) => l.includes('/zaproszenia/'));
    assert.ok(link, `an invitation e-mail with a link went to ${to}`);
    return { path: new URL(link).pathname, mail: mails.at(-1)! };
  };

  it('invites by e-mail; the invitee accepts through the link in the message, once', async () => {
    const owner = await t.signedIn('resident', { name: 'Irena Właścicielka' });
    const orgId = await newOrg(owner, 'Fundacja Zaproszeń');
    // The invitee has an account in English: the message is in English.
    const invitee = await t.signedIn('resident', { email: 'gosia@test.example', name: 'Gosia' });
    await t.database.db.update(user).set({ locale: 'en' }).where(eq(user.id, invitee.userId));

    const sent = await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
      email: 'Gosia@Test.example',
      role: 'member',
    });
    assert.equal(sent.statusCode, 303, sent.body);
    const { path, mail } = await invitationLink('gosia@test.example');
    assert.match(mail.subject, /Invitation to join Fundacja Zaproszeń/);
    assert.match(mail.raw, /Irena Właścicielka invites you/);

    // The token is stored only as a hash.
    const token = path.split('/').pop()!;
    const rows = await t.database.db
      .select()
      .from(organisationInvitations)
      .where(eq(organisationInvitations.organisationId, orgId));
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.tokenHash, token);
    assert.equal(rows[0]!.email, 'gosia@test.example');

    // Owners see the pending invitation; a second one to the same address is refused.
    const page = await owner.get(`/organizacje/${orgId}/czlonkowie`);
    assert.match(page.body, /gosia@test\.example/);
    const twice = await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
      email: 'gosia@test.example',
      role: 'owner',
    });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /czeka na odpowiedź/);

    // Anyone signed in may open it (here: the invitee, who signs in with another address is shown whose it was).
    const anonymous = await t.client().get(path);
    assert.equal(anonymous.statusCode, 303);
    assert.match(anonymous.headers.location ?? '', /^\/logowanie\?next=%2Fzaproszenia%2F/);
    const other = await t.signedIn('resident', { email: 'ktos-inny@test.example' });
    const shown = await other.get(path);
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Zaproszenie wysłano na adres gosia@test\.example/);
    assert.match(shown.body, /Jesteś zalogowany\(-a\) jako ktos-inny@test\.example/);

    const accepted = await invitee.post(`${path}/przyjmij`);
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/organizacje/${orgId}`);
    const m = await members(orgId);
    assert.deepEqual(m.find((x) => x.userId === invitee.userId)?.role, 'member');

    const again = await invitee.post(`${path}/przyjmij`);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /This invitation has already been accepted|zostało już przyjęte/);
    const reopen = await other.get(path);
    assert.equal(reopen.statusCode, 410);
    assert.match(reopen.body, /To zaproszenie zostało już przyjęte/);

    // A member sees the members but cannot manage them or invite.
    const asMember = await invitee.get(`/organizacje/${orgId}/czlonkowie`);
    assert.equal(asMember.statusCode, 200);
    assert.doesNotMatch(asMember.body, /czlonkowie\/zapros/);
    const notOwner = await invitee.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
      email: 'x@test.example',
      role: 'member',
    });
    assert.equal(notOwner.statusCode, 403);
    // A stranger does not even learn the members page exists for a pending organisation.
    assert.equal((await other.get(`/organizacje/${orgId}/czlonkowie`)).statusCode, 404);
  });

  it('cancelled, declined, expired and unknown invitations each say so', async () => {
    const owner = await t.signedIn('resident');
    const orgId = await newOrg(owner, 'Stowarzyszenie Odwołanych');
    const someone = await t.signedIn('resident');

    // Cancelled by an owner: the invitee has no account, so the message is in the inviter's language.
    await owner.get('/jezyk/uk?next=/');
    assert.equal(
      (
        await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
          email: 'nowy@test.example',
          role: 'member',
        })
      ).statusCode,
      303,
    );
    const cancelled = await invitationLink('nowy@test.example');
    assert.match(cancelled.mail.subject, /Запрошення до організації/);
    const [inv] = await t.database.db
      .select({ id: organisationInvitations.id })
      .from(organisationInvitations)
      .where(
        and(
          eq(organisationInvitations.organisationId, orgId),
          eq(organisationInvitations.email, 'nowy@test.example'),
        ),
      );
    const cancel = await owner.post(`/organizacje/${orgId}/zaproszenia/${inv!.id}/anuluj`);
    assert.equal(cancel.statusCode, 303);
    const afterCancel = await someone.post(`${cancelled.path}/przyjmij`);
    assert.equal(afterCancel.statusCode, 410);
    assert.match(afterCancel.body, /zostało anulowane/);
    assert.equal((await members(orgId)).length, 1);
    // Cancelling again is refused politely.
    const cancelAgain = await owner.post(`/organizacje/${orgId}/zaproszenia/${inv!.id}/anuluj`);
    assert.equal(cancelAgain.statusCode, 422);

    // A new invitation to the same address is possible once the old one is gone.
    assert.equal(
      (
        await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
          email: 'nowy@test.example',
          role: 'member',
        })
      ).statusCode,
      303,
    );
    const declined = await invitationLink('nowy@test.example');
    const decline = await someone.post(`${declined.path}/odrzuc`);
    assert.equal(decline.statusCode, 303);
    const afterDecline = await someone.get(declined.path);
    assert.equal(afterDecline.statusCode, 410);
    assert.match(afterDecline.body, /zostało odrzucone/);

    // Expired.
    assert.equal(
      (
        await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
          email: 'nowy@test.example',
          role: 'owner',
        })
      ).statusCode,
      303,
    );
    const expired = await invitationLink('nowy@test.example');
    await t.database.db
      .update(organisationInvitations)
      .set({ expiresAt: new Date(t.clock.now().getTime() - 1000) })
      .where(
        and(eq(organisationInvitations.organisationId, orgId), eq(organisationInvitations.status, 'pending')),
      );
    const late = await someone.post(`${expired.path}/przyjmij`);
    assert.equal(late.statusCode, 410);
    assert.match(late.body, /wygasło/);
    // An expired invitation does not block a new one.
    assert.equal(
      (
        await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
          email: 'nowy@test.example',
          role: 'member',
        })
      ).statusCode,
      303,
    );

    const unknown = await someone.get(`/zaproszenia/${'x'.repeat(43)}`);
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Nie znaleźliśmy tego zaproszenia/);

    // Bad invitation input.
    const bad = await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
      email: 'not-an-address',
      role: 'member',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Wpisz adres e-mail w poprawnym formacie|Введіть адресу/);
    const member = await owner.post(`/organizacje/${orgId}/czlonkowie/zapros`, {
      email: (await t.database.db.select({ e: user.email }).from(user).where(eq(user.id, owner.userId)))[0]!
        .e,
      role: 'member',
    });
    assert.equal(member.statusCode, 422);
  });

  it('the last owner cannot leave, be removed or be demoted; owners manage roles', async () => {
    const owner = await t.signedIn('resident');
    const orgId = await newOrg(owner, 'Fundacja Jednego Właściciela');

    const leave = await owner.post(`/organizacje/${orgId}/opusc`);
    assert.equal(leave.statusCode, 422);
    assert.match(leave.body, /musi mieć co najmniej jednego właściciela/);
    const demote = await owner.post(`/organizacje/${orgId}/czlonkowie/${owner.userId}/rola`, {
      role: 'member',
    });
    assert.equal(demote.statusCode, 422);
    assert.deepEqual(await members(orgId), [{ userId: owner.userId, role: 'owner' }]);

    // Add a member through the service, promote them, then the first owner may leave.
    const second = await t.signedIn('resident');
    await svc.invite(actor(owner.userId), orgId, { email: second.email, role: 'member' });
    const { path } = await invitationLink(second.email);
    assert.equal((await second.post(`${path}/przyjmij`)).statusCode, 303);
    const notAllowed = await second.post(`/organizacje/${orgId}/czlonkowie/${owner.userId}/usun`);
    assert.equal(notAllowed.statusCode, 403);
    const promote = await owner.post(`/organizacje/${orgId}/czlonkowie/${second.userId}/rola`, {
      role: 'owner',
    });
    assert.equal(promote.statusCode, 303);
    const badRole = await owner.post(`/organizacje/${orgId}/czlonkowie/${second.userId}/rola`, {
      role: 'admin',
    });
    assert.equal(badRole.statusCode, 422);
    // Owners remove members.
    const third = await t.signedIn('resident');
    await t.database.db
      .insert(organisationMembers)
      .values({ id: crypto.randomUUID(), organisationId: orgId, userId: third.userId, role: 'member' });
    const removed = await owner.post(`/organizacje/${orgId}/czlonkowie/${third.userId}/usun`);
    assert.equal(removed.statusCode, 303);
    assert.equal(
      (await members(orgId)).some((m) => m.userId === third.userId),
      false,
    );
    const left = await owner.post(`/organizacje/${orgId}/opusc`);
    assert.equal(left.statusCode, 303);
    assert.equal(left.headers.location, '/organizacje/moje');
    assert.deepEqual(await members(orgId), [{ userId: second.userId, role: 'owner' }]);
  });

  it('two owners demoting or removing each other at once never leave the organisation without an owner', async () => {
    const a = await t.signedIn('resident');
    const b = await t.signedIn('resident');
    for (let round = 0; round < 20; round++) {
      const { id } = await svc.create(actor(a.userId), {
        name: `Równoległa ${round}`,
        kind: 'informal_group',
        description: 'Test współbieżności.',
      });
      await t.database.db.insert(organisationMembers).values({
        id: crypto.randomUUID(),
        organisationId: id,
        userId: b.userId,
        role: 'owner',
      });
      const ops =
        round % 3 === 0
          ? [
              svc.changeRole(actor(a.userId), id, b.userId, 'member'),
              svc.changeRole(actor(b.userId), id, a.userId, 'member'),
            ]
          : round % 3 === 1
            ? [svc.leave(actor(a.userId), id), svc.leave(actor(b.userId), id)]
            : [
                svc.removeMember(actor(a.userId), id, b.userId),
                svc.changeRole(actor(b.userId), id, a.userId, 'member'),
              ];
      const results = await Promise.allSettled(ops);
      const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
      assert.equal(fulfilled, 1, `round ${round}: exactly one change goes through`);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      // The loser is refused: either it is now the last owner, or it is no longer an owner (403) or
      // member (404 for an organisation awaiting verification).
      assert.ok(
        (rejected.reason instanceof RuleError && rejected.reason.code === 'lastOwner') ||
          (rejected.reason instanceof AppError && [403, 404].includes(rejected.reason.status)),
        `round ${round}: ${rejected.reason}`,
      );
      const owners = (await members(id)).filter((m) => m.role === 'owner');
      assert.equal(owners.length, 1, `round ${round}: one owner left`);
    }
  });

  it('exports and erases a person’s organisation data; refuses when they are the sole owner of others', async () => {
    const privacy = organisationsPrivacy(t.database.db);
    const alice = await t.signedIn('resident', { email: 'alicja@test.example' });
    const bob = await t.signedIn('resident', { email: 'bob@test.example' });
    const shared = await newOrg(alice, 'Fundacja Wspólna');
    const alone = await newOrg(alice, 'Fundacja Samotna');
    await svc.invite(actor(alice.userId), shared, { email: bob.email, role: 'member' });
    const { path } = await invitationLink(bob.email);
    await bob.post(`${path}/przyjmij`);
    await svc.invite(actor(alice.userId), shared, { email: 'ktos@test.example', role: 'member' });

    const exported = (await privacy.exportFor(alice.userId)) as Record<string, unknown[]>;
    assert.equal(exported.memberships!.length, 2);
    assert.equal(exported.organisationsCreated!.length, 2);
    assert.equal(exported.invitationsSent!.length, 2);
    const bobExport = (await privacy.exportFor(bob.userId)) as Record<string, unknown[]>;
    assert.equal(bobExport.invitationsReceived!.length, 1);

    await assert.rejects(
      t.database.db.transaction((tx) => privacy.eraseFor(alice.userId, tx)),
      (err: unknown) => err instanceof RuleError && err.code === 'organisations.errors.soleOwner',
    );
    assert.equal((await members(shared)).length, 2, 'nothing changed');

    await svc.changeRole(actor(alice.userId), shared, bob.userId, 'owner');
    await t.database.db.transaction((tx) => privacy.eraseFor(alice.userId, tx));
    assert.deepEqual(await members(shared), [{ userId: bob.userId, role: 'owner' }]);
    const [gone] = await t.database.db.select().from(organisations).where(eq(organisations.id, alone));
    assert.equal(gone, undefined, 'a pending organisation she alone belonged to is gone');
    const pending = await t.database.db
      .select()
      .from(organisationInvitations)
      .where(
        and(
          eq(organisationInvitations.organisationId, shared),
          eq(organisationInvitations.status, 'pending'),
        ),
      );
    assert.equal(pending.length, 0, 'her pending invitations are gone');
    const [sharedRow] = await t.database.db.select().from(organisations).where(eq(organisations.id, shared));
    assert.equal(sharedRow!.createdBy, null);
  });
});
