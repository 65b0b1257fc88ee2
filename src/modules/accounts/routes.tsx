// Sign-up, sign-in (with the TOTP step), sign-out, e-mail verification and password reset, and the
// signed-in self-service under /konto: profile, consents, password and devices, two-step sign-in,
// "download my data" and "delete my account".

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cloneElement, type VNode } from 'preact';
import { z } from 'zod';
import { locales } from '../../platform/auth/schema.ts';
import { RuleError, TooManyRequestsError } from '../../platform/http/errors.ts';
import { errorState, f, parseForm } from '../../platform/http/forms.ts';
import { LANG_COOKIE, safeNext } from '../../platform/http/web.ts';
import { type Messages, messages } from '../../platform/i18n/index.ts';
import { refusalOf } from '../../platform/refusals.ts';
import { todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import { qrSvg } from '../../platform/views/qr.tsx';
import { describeAgent } from './agent.ts';
import { accountsApi } from './api.ts';
import type { AccountsServices } from './index.ts';
import { consentKinds } from './schema.ts';
import { type accountsService, profileInput, type SelfInSession } from './service.ts';
import { termsRoutes } from './terms-routes.tsx';
import {
  AccountPage,
  BackupCodesPage,
  CheckEmailPage,
  ConsentsPage,
  DataPage,
  DeleteAccountPage,
  ForgotPasswordPage,
  ProfilePage,
  ResetInvalidPage,
  ResetPasswordPage,
  SecurityPage,
  SignInPage,
  SignUpPage,
  TwoFactorChallengePage,
  TwoFactorPage,
  TwoFactorSetupPage,
  UnlockInvalidPage,
  UnlockPage,
  VerifyResultPage,
} from './views.tsx';

export const signUpSchema = z.object({
  name: f.personName(),
  email: f.email(),
  password: f.password(),
  locale: f.choice(locales),
  consents: f.many(consentKinds),
});
export const signInSchema = z.object({
  email: f.email(),
  password: f.password(),
  next: f.optionalText(2000),
});
const codeSchema = z.object({ code: f.text(40), next: f.optionalText(2000) });
const unlockSchema = z.object({ token: f.text(200), password: f.password() });
const forgotSchema = z.object({ email: f.email() });
const resetSchema = z.object({ token: f.text(500), password: f.password(), confirm: f.password() });

/** Copies the cookies better-auth set (session, two-factor step) onto our reply. */
export function applyAuthCookies(reply: FastifyReply, headers: Headers): void {
  for (const c of headers.getSetCookie()) reply.header('set-cookie', c);
}

export async function accountsRoutes(app: FastifyInstance, { services }: { services: AccountsServices }) {
  const { accounts } = services;
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get('/rejestracja', { config: { access: 'public' } }, async (request, reply) =>
    reply.render(<SignUpPage state={{ values: { locale: request.locale }, errors: {} }} />),
  );
  app.post('/rejestracja', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(signUpSchema, request.body, t);
    if (!parsed.ok) return reply.render(<SignUpPage state={parsed.state} />, 422);
    try {
      await accounts.signUp(parsed.data, request.authHeaders());
    } catch (err) {
      if (err instanceof RuleError) {
        const message =
          err.code === 'mustAccept'
            ? t.common.errors.mustAccept
            : t.common.errors[err.code as 'passwordCommon'];
        return reply.render(
          <SignUpPage state={errorState(parsed.data as never, { [err.field ?? '_form']: message })} />,
          422,
        );
      }
      throw err;
    }
    return reply.seeOther('/rejestracja/sprawdz-poczte');
  });
  app.get('/rejestracja/sprawdz-poczte', { config: { access: 'public' } }, async (_request, reply) =>
    reply.render(<CheckEmailPage />),
  );

  app.get(
    '/potwierdz-email',
    {
      config: { access: 'public' },
      schema: { querystring: z.object({ token: z.string().max(1000).optional() }) },
    },
    async (request, reply) => {
      const { token } = request.query as { token?: string };
      const ok = token ? await accounts.verifyEmail(token) : false;
      return reply.render(<VerifyResultPage ok={ok} />, ok ? 200 : 400);
    },
  );

  app.get(
    '/logowanie',
    {
      config: { access: 'public' },
      schema: { querystring: z.object({ next: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      const { next } = request.query as { next?: string };
      if (request.actor) return reply.seeOther(safeNext(next, '/konto'));
      return reply.render(<SignInPage state={{ values: { next: safeNext(next, '') }, errors: {} }} />);
    },
  );
  app.post('/logowanie', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(signInSchema, request.body, t);
    if (!parsed.ok) return reply.render(<SignInPage state={parsed.state} />, 422);
    const next = safeNext(parsed.data.next, '/konto');
    const values = { email: parsed.data.email, next: parsed.data.next };
    let result: Awaited<ReturnType<typeof accounts.signIn>>;
    try {
      result = await accounts.signIn(parsed.data, request.authHeaders(), request.ip);
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        reply.header('retry-after', String(err.retryAfterSeconds));
        return reply.render(
          <SignInPage
            state={errorState(values, {
              _form: t.accounts.tooManyAttempts(Math.ceil(err.retryAfterSeconds / 60)),
            })}
          />,
          429,
        );
      }
      throw err;
    }
    switch (result.kind) {
      case 'signed-in':
        applyAuthCookies(reply, result.headers);
        reply.flash(t.accounts.signedIn);
        return reply.seeOther(next);
      case 'two-factor':
        applyAuthCookies(reply, result.headers);
        return reply.seeOther(`/logowanie/kod?next=${encodeURIComponent(next)}`);
      case 'unverified':
        return reply.render(
          <SignInPage state={errorState(values, { _form: t.accounts.notVerified })} />,
          403,
        );
      case 'blocked':
        return reply.render(<SignInPage state={errorState(values, { _form: t.accounts.blocked })} />, 403);
      case 'locked':
        return reply.render(
          <SignInPage state={errorState(values, { _form: t.accounts.signInLocked })} />,
          429,
        );
      default:
        return reply.render(
          <SignInPage state={errorState(values, { email: t.accounts.invalidCredentials })} />,
          401,
        );
    }
  });

  // The e-mailed link to a locked account: the page (a GET changes nothing, so mail scanners that
  // open links do no harm), then the password.
  app.get(
    '/logowanie/odblokuj',
    {
      config: { access: 'public' },
      schema: { querystring: z.object({ token: z.string().max(200).optional() }) },
    },
    async (request, reply) => {
      const token = (request.query as { token?: string }).token ?? '';
      const target = await accounts.unlockTarget(token);
      if (!target) return reply.render(<UnlockInvalidPage />, 400);
      return reply.render(
        <UnlockPage state={{ values: {}, errors: {} }} email={target.email} token={token} />,
      );
    },
  );
  app.post('/logowanie/odblokuj', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(unlockSchema, request.body, t);
    const invalid = () => reply.render(<UnlockInvalidPage />, 400);
    if (!parsed.ok) {
      const body = request.body as { token?: unknown } | undefined;
      const token = typeof body?.token === 'string' ? body.token.slice(0, 200) : '';
      const target = await accounts.unlockTarget(token);
      if (!target) return invalid();
      return reply.render(<UnlockPage state={parsed.state} email={target.email} token={token} />, 422);
    }
    const { token } = parsed.data;
    const result = await accounts.unlockSignIn(
      token,
      parsed.data.password,
      request.authHeaders(),
      request.ip,
    );
    if (result.kind === 'invalid-link') return invalid();
    const page = (error: Record<string, string>, status: number) =>
      reply.render(<UnlockPage state={errorState({}, error)} email={result.email} token={token} />, status);
    switch (result.kind) {
      case 'signed-in':
        applyAuthCookies(reply, result.headers);
        reply.flash(t.accounts.signedIn);
        return reply.seeOther('/konto');
      case 'two-factor':
        applyAuthCookies(reply, result.headers);
        return reply.seeOther(`/logowanie/kod?next=${encodeURIComponent('/konto')}`);
      case 'unverified':
        return page({ _form: t.accounts.notVerified }, 403);
      case 'blocked':
        return page({ _form: t.accounts.blocked }, 403);
      default:
        return page({ password: t.accounts.wrongPassword }, 401);
    }
  });

  app.get(
    '/logowanie/kod',
    {
      config: { access: 'public' },
      schema: { querystring: z.object({ next: z.string().max(2000).optional() }) },
    },
    async (request, reply) => {
      const { next } = request.query as { next?: string };
      return reply.render(
        <TwoFactorChallengePage state={{ values: { next: safeNext(next, '/konto') }, errors: {} }} />,
      );
    },
  );
  app.post('/logowanie/kod', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(codeSchema, request.body, t);
    if (!parsed.ok) return reply.render(<TwoFactorChallengePage state={parsed.state} />, 422);
    const values = { next: parsed.data.next };
    let headers: Headers | null;
    try {
      headers = await accounts.verifySecondFactor(parsed.data.code, request.authHeaders(), request.ip);
    } catch (err) {
      if (err instanceof TooManyRequestsError) {
        return reply.render(
          <TwoFactorChallengePage
            state={errorState(values, {
              _form: t.accounts.tooManyAttempts(Math.ceil(err.retryAfterSeconds / 60)),
            })}
          />,
          429,
        );
      }
      throw err;
    }
    if (!headers)
      return reply.render(
        <TwoFactorChallengePage state={errorState(values, { code: t.accounts.invalidCode })} />,
        401,
      );
    applyAuthCookies(reply, headers);
    reply.flash(t.accounts.signedIn);
    return reply.seeOther(safeNext(parsed.data.next, '/konto'));
  });

  app.post('/wyloguj', { config: { access: 'public' } }, async (request, reply) => {
    if (request.actor) applyAuthCookies(reply, await accounts.signOut(request.authHeaders()));
    reply.flash(request.t.accounts.signedOut);
    // "Sign in again" (a session that has to pass the second factor) carries where to go next.
    const next = safeNext((request.body as { next?: unknown } | undefined)?.next, '');
    return reply.seeOther(next ? `/logowanie?next=${encodeURIComponent(next)}` : '/');
  });

  app.get('/nie-pamietam-hasla', { config: { access: 'public' } }, async (_request, reply) =>
    reply.render(<ForgotPasswordPage state={{ values: {}, errors: {} }} />),
  );
  app.post('/nie-pamietam-hasla', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const parsed = parseForm(forgotSchema, request.body, request.t);
    if (!parsed.ok) return reply.render(<ForgotPasswordPage state={parsed.state} />, 422);
    await accounts.requestPasswordReset(parsed.data.email);
    reply.flash(request.t.accounts.forgotSent, 'notice');
    return reply.seeOther('/logowanie');
  });

  app.get(
    '/nowe-haslo',
    {
      config: { access: 'public' },
      schema: { querystring: z.object({ token: z.string().max(500).optional() }) },
    },
    async (request, reply) => {
      const { token } = request.query as { token?: string };
      // A used or expired link says so before anyone types a new password (a GET changes nothing).
      if (!token || !(await accounts.resetLinkWorks(token))) return reply.render(<ResetInvalidPage />, 400);
      return reply.render(<ResetPasswordPage state={{ values: { token }, errors: {} }} token={token} />);
    },
  );
  app.post('/nowe-haslo', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const token =
      typeof (request.body as { token?: unknown })?.token === 'string'
        ? String((request.body as { token: string }).token).slice(0, 500)
        : '';
    const parsed = parseForm(resetSchema, request.body, t);
    if (!parsed.ok) return reply.render(<ResetPasswordPage state={parsed.state} token={token} />, 422);
    if (parsed.data.password !== parsed.data.confirm) {
      return reply.render(
        <ResetPasswordPage
          state={errorState({}, { confirm: t.common.errors.passwordsDiffer })}
          token={token}
        />,
        422,
      );
    }
    try {
      const result = await accounts.resetPassword(parsed.data.token, parsed.data.password);
      if (result === 'invalid-token') return reply.render(<ResetInvalidPage />, 400);
    } catch (err) {
      if (err instanceof RuleError) {
        return reply.render(
          <ResetPasswordPage
            state={errorState({}, { password: t.common.errors[err.code as 'passwordCommon'] })}
            token={token}
          />,
          422,
        );
      }
      throw err;
    }
    reply.flash(t.accounts.resetDone);
    return reply.seeOther('/logowanie');
  });

  await selfServiceRoutes(app, accounts);
  await termsRoutes(app, services.terms);
}

// ——— Signed-in self-service ———

const consentSchema = z.object({ kind: f.choice(consentKinds), decision: f.choice(['grant', 'withdraw']) });
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
const deleteSchema = z.object({ password: f.password(), understand: f.checkbox() });

const selfOf = (request: FastifyRequest): SelfInSession => {
  const a = request.actor!;
  // The role on the account: the rules of one's own account (staff keep two-step sign-in) follow it.
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.accountRole,
    locale: a.locale,
    sessionId: a.sessionId,
  };
};

/**
 * Re-renders a form after the service refused: too many wrong passwords (429) or a rule (4xx),
 * with the message on the field it belongs to. Anything else is rethrown.
 */
function refused(
  reply: FastifyReply,
  t: Messages,
  err: unknown,
  values: FormValues,
  page: (state: FormState) => VNode,
  opts: { fallback?: string; rename?: Record<string, string> } = {},
) {
  if (err instanceof TooManyRequestsError) {
    reply.header('retry-after', String(err.retryAfterSeconds));
    const minutes = Math.ceil(err.retryAfterSeconds / 60);
    return reply.render(
      page(errorState(values, { _form: t.accounts.tooManyPasswordAttempts(minutes) })),
      429,
    );
  }
  if (err instanceof RuleError) {
    const r = refusalOf(reply.request, err, opts.fallback);
    const field = err.field ? (opts.rename?.[err.field] ?? err.field) : '_form';
    return reply.render(page(errorState(values, { [field]: r.message })), err.status);
  }
  throw err;
}

async function selfServiceRoutes(app: FastifyInstance, accounts: ReturnType<typeof accountsService>) {
  const { auth, config, clock } = app.klaster;
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  /** Forms that confirm with the password: on top of the per-account failure counter. */
  const passwordLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const user = { access: 'user' as const };

  app.get('/konto', { config: user }, async (request, reply) => {
    const account = await accounts.overview(request.actor!.id);
    return reply.render(<AccountPage account={account} />);
  });

  // Profile: name, preferred language (applied at once), phone.
  const profilePage = (state: FormState) => <ProfilePage state={state} />;
  app.get('/konto/profil', { config: user }, async (request, reply) => {
    const a = await accounts.overview(request.actor!.id);
    return reply.render(
      profilePage({ values: { name: a.name, locale: a.locale, phone: a.phone ?? '' }, errors: {} }),
    );
  });
  app.post('/konto/profil', { config: { ...user, ...formLimit } }, async (request, reply) => {
    const parsed = parseForm(profileInput, request.body, request.t);
    if (!parsed.ok) return reply.render(profilePage(parsed.state), 422);
    await accounts.updateProfile(request.actor!.id, parsed.data);
    // The language switch cookie outranks the profile, so it follows the new choice.
    reply.setCookie(LANG_COOKIE, parsed.data.locale, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.production,
      maxAge: 60 * 60 * 24 * 365,
    });
    reply.flash(messages[parsed.data.locale].accounts.profile.saved);
    return reply.seeOther('/konto');
  });

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
    let changed: boolean;
    try {
      changed = await accounts.decideConsent(userId, kind, decision === 'grant');
    } catch (err) {
      if (err instanceof RuleError)
        return reply.render(await consentsPage(userId, refusalOf(request, err).message), err.status);
      throw err;
    }
    const name = t.accounts.consentNames[kind];
    const c = t.accounts.consents;
    reply.flash(
      !changed ? c.unchangedFlash : decision === 'grant' ? c.grantedFlash(name) : c.withdrawnFlash(name),
      changed ? 'success' : 'notice',
    );
    return reply.seeOther('/konto/zgody');
  });

  // Security: password and devices.
  async function securityPage(request: FastifyRequest, state: FormState) {
    const t = request.t;
    const sessions = await accounts.sessionsOf(request.actor!.id);
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
      let headers: Headers;
      try {
        headers = await accounts.changePassword(
          selfOf(request),
          parsed.data,
          request.authHeaders(),
          request.id,
        );
      } catch (err) {
        const page = await securityPage(request, { values: {}, errors: {} });
        return refused(reply, t, err, {}, (state) => cloneElement(page, { state }));
      }
      applyAuthCookies(reply, headers);
      reply.flash(t.accounts.security.passwordChanged);
      return reply.seeOther('/konto/bezpieczenstwo');
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
        request.actor!.id,
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
      await accounts.revokeOtherSessions(request.authHeaders());
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
    const { enabled, pending } = await accounts.twoFactorState(actor.id, actor.sessionId);
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
    const setup = await accounts.pendingTwoFactor(selfOf(request));
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
      const { wymagane, next } = request.query as { wymagane?: string; next?: string };
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
    let started: Awaited<ReturnType<typeof accounts.startTwoFactor>>;
    try {
      started = await accounts.startTwoFactor(selfOf(request), parsed.data.password, request.authHeaders());
    } catch (err) {
      return refused(reply, t, err, {}, withState);
    }
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
      let headers: Headers;
      try {
        headers = await accounts.confirmTwoFactor(selfOf(request), code, request.authHeaders(), request.id);
      } catch (err) {
        if (err instanceof RuleError && err.code === 'twoFactorNotStarted')
          return reshow(errorState({}, {}), 422);
        if (err instanceof RuleError && err.code === 'twoFactorAlreadyOn') {
          reply.flash(s.alreadyOn, 'notice');
          return reply.seeOther(safeNext(parsed.data.next, '/konto/dwuetapowe'));
        }
        if (err instanceof RuleError || err instanceof TooManyRequestsError) {
          const page = await setupPage(request, { values: {}, errors: {} }, rawNext);
          if (page) return refused(reply, t, err, {}, (state) => cloneElement(page, { state }));
        }
        throw err;
      }
      applyAuthCookies(reply, headers);
      reply.flash(s.enabledFlash);
      return reply.seeOther(safeNext(parsed.data.next, '/konto/dwuetapowe'));
    },
  );
  app.post('/konto/dwuetapowe/wylacz', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const page = await twoFactorPage(request, { values: {}, errors: {} }, {});
    const withState = (state: FormState) => cloneElement(page, { state });
    const parsed = parseForm(disableSchema, request.body, t);
    if (!parsed.ok) return reply.render(withState(parsed.state), 422);
    let headers: Headers;
    try {
      headers = await accounts.disableTwoFactor(
        selfOf(request),
        parsed.data.disablePassword,
        request.authHeaders(),
        request.id,
      );
    } catch (err) {
      return refused(reply, t, err, {}, withState, { rename: { password: 'disablePassword' } });
    }
    applyAuthCookies(reply, headers);
    reply.flash(t.accounts.twoStep.disabledFlash);
    return reply.seeOther('/konto/dwuetapowe');
  });
  app.post('/konto/dwuetapowe/kody', { config: { ...user, ...passwordLimit } }, async (request, reply) => {
    const t = request.t;
    const page = await twoFactorPage(request, { values: {}, errors: {} }, {});
    const withState = (state: FormState) => cloneElement(page, { state });
    const parsed = parseForm(codesSchema, request.body, t);
    if (!parsed.ok) return reply.render(withState(parsed.state), 422);
    let codes: string[];
    try {
      codes = await accounts.regenerateBackupCodes(
        selfOf(request),
        parsed.data.codesPassword,
        request.authHeaders(),
      );
    } catch (err) {
      return refused(reply, t, err, {}, withState, { rename: { password: 'codesPassword' } });
    }
    return reply.render(<BackupCodesPage codes={codes} />);
  });

  // Download my data.
  app.get('/konto/dane', { config: user }, async (_request, reply) => reply.render(<DataPage />));
  app.get('/konto/dane.json', { config: user }, async (request, reply) => {
    const data = await accounts.exportData(request.actor!.id);
    const day = todayInWarsaw(clock.now());
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
    try {
      await accounts.deleteAccount(selfOf(request), parsed.data.password, request.id);
    } catch (err) {
      return refused(reply, t, err, { understand: 'yes' }, deletePage, {
        fallback: t.accounts.deletion.refused,
      });
    }
    // The sessions are gone; the browser forgets its cookies too.
    const ctx = await auth.$context;
    for (const c of [
      ctx.authCookies.sessionToken,
      ctx.authCookies.sessionData,
      ctx.authCookies.dontRememberToken,
    ])
      reply.clearCookie(c.name, { path: '/' });
    reply.flash(t.accounts.deletion.deleted);
    return reply.seeOther('/');
  });

  await app.register(accountsApi);
}
