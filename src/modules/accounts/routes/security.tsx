// Security: password and devices, and two-step sign-in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cloneElement } from 'preact';
import { z } from 'zod';
import { errorState, f, parseForm } from '../../../platform/http/forms.ts';
import { typed } from '../../../platform/http/params.ts';
import { safeNext } from '../../../platform/http/urls.ts';
import type { FormState } from '../../../platform/views/components.tsx';
import { qrSvg } from '../../../platform/views/qr.tsx';
import { describeAgent } from '../agent.ts';
import type { accountsService } from '../service.ts';
import { BackupCodesPage, SecurityPage, TwoFactorPage, TwoFactorSetupPage } from '../views.tsx';
import { accountContext, accountForm, applyAuthCookies } from './shared.tsx';

const changePasswordSchema = z.object({
  currentPassword: f.password(),
  newPassword: f.password(),
  confirmPassword: f.password(),
});
const sessionSchema = z.object({ session: f.text(200) });
const enableSchema = z.object({ password: f.password(), next: f.optionalText(2000) });
const confirmSchema = z.object({ code: f.text(20), next: f.optionalText(2000) });
const disableSchema = z.object({ disablePassword: f.password() });
const codesSchema = z.object({ codesPassword: f.password() });

export async function securityRoutes(fastify: FastifyInstance, accounts: ReturnType<typeof accountsService>) {
  const app = typed(fastify);
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  /** Forms that confirm with the password: on top of the per-account failure counter. */
  const passwordLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const user = { access: 'user' as const };

  // Security: password and devices.
  async function securityPage(request: FastifyRequest, state: FormState) {
    const t = request.t;
    const sessions = await accounts.sessionsOf(accountContext(request));
    const views = sessions.map((s) => {
      const agent = describeAgent(s.userAgent);
      const browser = agent.browser ?? t.accounts.security.unknownBrowser;
      return {
        id: s.id,
        current: s.id === request.actor!.sessionId,
        browser: agent.system ? t.accounts.security.agentOn(browser, agent.system) : browser,
        ip: s.ipAddress ?? t.accounts.security.unknownIp,
        createdAt: s.createdAt,
        lastActiveAt: s.lastActiveAt,
      };
    });
    // This device first.
    views.sort((a, b) => Number(b.current) - Number(a.current));
    return <SecurityPage state={state} sessions={views} />;
  }
  app.get('/konto/bezpieczenstwo', { config: user }, async (request, reply) =>
    reply.render(await securityPage(request, { values: {}, errors: {} })),
  );
  app.post(
    '/konto/bezpieczenstwo/haslo',
    { config: { ...user, ...passwordLimit } },
    async (request, reply) => {
      const t = request.t;
      const parsed = parseForm(changePasswordSchema, request.body, t);
      if (!parsed.ok) return reply.render(await securityPage(request, parsed.state), 422);
      if (parsed.data.newPassword !== parsed.data.confirmPassword)
        return reply.render(
          await securityPage(request, errorState({}, { confirmPassword: t.common.errors.passwordsDiffer })),
          422,
        );
      return accountForm(
        reply,
        () => accounts.changePassword(accountContext(request), parsed.data, request.authHeaders()),
        (headers) => {
          applyAuthCookies(reply, headers);
          reply.flash(t.accounts.security.passwordChanged);
          return reply.seeOther('/konto/bezpieczenstwo');
        },
        (state) => securityPage(request, state),
      );
    },
  );
  app.post(
    '/konto/bezpieczenstwo/sesje/wyloguj',
    { config: { ...user, ...formLimit } },
    async (request, reply) => {
      const t = request.t;
      const parsed = parseForm(sessionSchema, request.body, t);
      if (!parsed.ok) return reply.render(await securityPage(request, parsed.state), 422);
      const done = await accounts.revokeSession(
        accountContext(request),
        parsed.data.session,
        request.authHeaders(),
      );
      reply.flash(
        done ? t.accounts.security.revoked : t.accounts.security.alreadyGone,
        done ? 'success' : 'notice',
      );
      return reply.seeOther('/konto/bezpieczenstwo');
    },
  );
  app.post(
    '/konto/bezpieczenstwo/sesje/wyloguj-inne',
    { config: { ...user, ...formLimit } },
    async (request, reply) => {
      const parsed = parseForm(z.object({}), request.body, request.t);
      if (!parsed.ok) return reply.render(await securityPage(request, parsed.state), 422);
      await accounts.revokeOtherSessions(accountContext(request), request.authHeaders());
      reply.flash(request.t.accounts.security.othersRevoked);
      return reply.seeOther('/konto/bezpieczenstwo');
    },
  );

  // Two-step sign-in. Staff and admins without it are sent here by the platform (?wymagane=1&next=…).
  async function twoFactorPage(
    request: FastifyRequest,
    state: FormState,
    opts: { required?: boolean; next?: string },
  ) {
    const actor = request.actor!;
    const { enabled, pending } = await accounts.twoFactorState(accountContext(request));
    const staffLike = actor.accountRole === 'staff' || actor.accountRole === 'admin';
    return (
      <TwoFactorPage
        enabled={enabled}
        pending={pending}
        required={opts.required === true || (staffLike && !enabled)}
        staffLike={staffLike}
        sessionPassed={actor.secondFactor}
        next={safeNext(opts.next, '')}
        state={state}
      />
    );
  }
  async function setupPage(request: FastifyRequest, state: FormState, next: string | undefined) {
    const setup = await accounts.pendingTwoFactor(accountContext(request));
    if (!setup) return null;
    return (
      <TwoFactorSetupPage
        setup={setup}
        qr={await qrSvg(setup.totpUri, request.t.accounts.twoStep.qrLabel)}
        email={request.actor!.email}
        next={safeNext(next, '')}
        state={state}
      />
    );
  }
  app.get(
    '/konto/dwuetapowe',
    {
      config: user,
      schema: {
        querystring: z.object({
          wymagane: z.string().max(5).optional(),
          next: z.string().max(2000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { wymagane, next } = request.query;
      return reply.render(
        await twoFactorPage(request, { values: {}, errors: {} }, { required: wymagane === '1', next }),
      );
    },
  );
  app.post('/konto/dwuetapowe/wlacz', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(enableSchema, request.body, t);
    const next = parsed.ok ? parsed.data.next : undefined;
    const page = await twoFactorPage(request, { values: {}, errors: {} }, { next });
    const withState = (state: FormState) => cloneElement(page, { state });
    if (!parsed.ok) return reply.render(withState(parsed.state), 422);
    return accountForm(
      reply,
      () => accounts.startTwoFactor(accountContext(request), parsed.data.password, request.authHeaders()),
      async (started) => {
        applyAuthCookies(reply, started.headers);
        // The key is shown in this answer only (never in a URL), and again if the code is mistyped.
        return reply.render(
          <TwoFactorSetupPage
            setup={started.setup}
            qr={await qrSvg(started.setup.totpUri, t.accounts.twoStep.qrLabel)}
            email={request.actor!.email}
            next={safeNext(next, '')}
            state={{ values: {}, errors: {} }}
          />,
        );
      },
      withState,
    );
  });
  app.post(
    '/konto/dwuetapowe/potwierdz',
    { config: { ...user, ...passwordLimit } },
    async (request, reply) => {
      const t = request.t;
      const s = t.accounts.twoStep;
      const body = request.body as { next?: unknown } | undefined;
      const rawNext = typeof body?.next === 'string' ? body.next : undefined;
      const parsed = parseForm(confirmSchema, request.body, t);
      const code = parsed.ok ? parsed.data.code.replace(/\s+/g, '') : '';
      const reshow = async (state: FormState, status: number) => {
        const page = await setupPage(request, state, rawNext);
        if (!page) {
          reply.flash(s.notStarted, 'notice');
          return reply.seeOther('/konto/dwuetapowe');
        }
        return reply.render(page, status);
      };
      if (!parsed.ok) return reshow(parsed.state, 422);
      if (!/^\d{6}$/.test(code)) return reshow(errorState({}, { code: s.codeFormat }), 422);
      const next = parsed.data.next;
      return accountForm(
        reply,
        () => accounts.confirmTwoFactor(accountContext(request), code, request.authHeaders()),
        (headers) => {
          applyAuthCookies(reply, headers);
          reply.flash(s.enabledFlash);
          return reply.seeOther(safeNext(next, '/konto/dwuetapowe'));
        },
        async (state, err) => {
          const page = await setupPage(request, state, rawNext);
          if (!page) throw err;
          return page;
        },
        {
          answer: (r) => {
            if (r.code === 'twoFactorNotStarted') return reshow(errorState({}, {}), 422);
            if (r.code === 'twoFactorAlreadyOn') {
              reply.flash(s.alreadyOn, 'notice');
              return reply.seeOther(safeNext(next, '/konto/dwuetapowe'));
            }
            return undefined;
          },
        },
      );
    },
  );
  app.post('/konto/dwuetapowe/wylacz', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const page = await twoFactorPage(request, { values: {}, errors: {} }, {});
    const withState = (state: FormState) => cloneElement(page, { state });
    const parsed = parseForm(disableSchema, request.body, t);
    if (!parsed.ok) return reply.render(withState(parsed.state), 422);
    return accountForm(
      reply,
      () =>
        accounts.disableTwoFactor(
          accountContext(request),
          parsed.data.disablePassword,
          request.authHeaders(),
        ),
      (headers) => {
        applyAuthCookies(reply, headers);
        reply.flash(t.accounts.twoStep.disabledFlash);
        return reply.seeOther('/konto/dwuetapowe');
      },
      withState,
      { rename: { password: 'disablePassword' } },
    );
  });
  app.post('/konto/dwuetapowe/kody', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const page = await twoFactorPage(request, { values: {}, errors: {} }, {});
    const withState = (state: FormState) => cloneElement(page, { state });
    const parsed = parseForm(codesSchema, request.body, t);
    if (!parsed.ok) return reply.render(withState(parsed.state), 422);
    return accountForm(
      reply,
      () =>
        accounts.regenerateBackupCodes(
          accountContext(request),
          parsed.data.codesPassword,
          request.authHeaders(),
        ),
      (codes) => reply.render(<BackupCodesPage codes={codes} />),
      withState,
      { rename: { password: 'codesPassword' } },
    );
  });
}
