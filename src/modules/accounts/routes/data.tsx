// Consents, "download my data" and "delete my account".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errorState, f, parseForm } from '../../../platform/http/forms.ts';
import { typed } from '../../../platform/http/params.ts';
import { formAction } from '../../../platform/refusals.ts';
import { todayInWarsaw } from '../../../platform/time/warsaw.ts';
import type { FormState } from '../../../platform/views/components.tsx';
import { consentKinds } from '../schema.ts';
import type { accountsService } from '../service.ts';
import { ConsentsPage, DataPage, DeleteAccountPage } from '../views.tsx';
import { accountContext, accountForm } from './shared.tsx';

const consentSchema = z.object({ kind: f.choice(consentKinds), decision: f.choice(['grant', 'withdraw']) });
const deleteSchema = z.object({ password: f.password(), understand: f.checkbox() });

export async function dataRoutes(fastify: FastifyInstance, accounts: ReturnType<typeof accountsService>) {
  const app = typed(fastify);
  const { auth } = app.klaster;
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  /** Forms that confirm with the password: on top of the per-account failure counter. */
  const passwordLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const user = { access: 'user' as const };

  // Consents: each kind decided separately; every decision is a new row.
  async function consentsPage(userId: string, error?: string) {
    const [latest, history] = await Promise.all([
      accounts.consentsOf(userId),
      accounts.consentHistory(userId),
    ]);
    const current = consentKinds.map((kind) => {
      const c = latest.find((x) => x.kind === kind);
      return {
        kind,
        granted: c ? c.granted : null,
        status: c ? c.status : null,
        decidedAt: c ? c.decidedAt : null,
        termsVersion: c?.termsVersion ?? null,
      };
    });
    return <ConsentsPage current={current} history={history} error={error} />;
  }
  app.get('/konto/zgody', { config: user }, async (request, reply) =>
    reply.render(await consentsPage(request.actor!.id)),
  );
  app.post('/konto/zgody', { config: { ...user, ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const userId = request.actor!.id;
    const parsed = parseForm(consentSchema, request.body, t);
    if (!parsed.ok) {
      const first = Object.values(parsed.state.errors)[0];
      return reply.render(await consentsPage(userId, first), 422);
    }
    const { kind, decision } = parsed.data;
    return formAction(
      request,
      () => accounts.decideConsent(accountContext(request), kind, decision === 'grant'),
      (changed) => {
        const name = t.accounts.consentNames[kind];
        const c = t.accounts.consents;
        reply.flash(
          !changed ? c.unchangedFlash : decision === 'grant' ? c.grantedFlash(name) : c.withdrawnFlash(name),
          changed ? 'success' : 'notice',
        );
        return reply.seeOther('/konto/zgody');
      },
      async (r) => reply.render(await consentsPage(userId, r.message), r.status),
    );
  });

  // Download my data.
  app.get('/konto/dane', { config: user }, async (_request, reply) => reply.render(<DataPage />));
  app.get('/konto/dane.json', { config: user }, async (request, reply) => {
    const ctx = accountContext(request);
    const data = await accounts.exportData(ctx);
    const day = todayInWarsaw(ctx.now);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="klaster-moje-dane-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  // Delete my account.
  const deletePage = (state: FormState) => <DeleteAccountPage state={state} />;
  app.get('/konto/usun', { config: user }, async (_request, reply) =>
    reply.render(deletePage({ values: {}, errors: {} })),
  );
  app.post('/konto/usun', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(deleteSchema, request.body, t);
    if (!parsed.ok) return reply.render(deletePage(parsed.state), 422);
    if (!parsed.data.understand)
      return reply.render(deletePage(errorState({}, { understand: t.accounts.deletion.mustConfirm })), 422);
    return accountForm(
      reply,
      () => accounts.deleteAccount(accountContext(request), parsed.data.password),
      async () => {
        // The sessions are gone; the browser forgets its cookies too.
        const { authCookies } = await auth.$context;
        for (const c of [authCookies.sessionToken, authCookies.sessionData, authCookies.dontRememberToken])
          reply.clearCookie(c.name, { path: '/' });
        reply.flash(t.accounts.deletion.deleted);
        return reply.seeOther('/');
      },
      deletePage,
      { values: { understand: 'yes' }, fallback: t.accounts.deletion.refused },
    );
  });
}
