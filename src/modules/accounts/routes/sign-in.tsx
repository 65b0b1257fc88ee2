// Sign-up, e-mail verification, sign-in (with the unlock link and the TOTP step), sign-out and
// password reset.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { locales } from '../../../platform/auth/schema.ts';
import { TooManyRequestsError } from '../../../platform/http/errors.ts';
import { errorState, f, parseForm } from '../../../platform/http/forms.ts';
import { typed } from '../../../platform/http/params.ts';
import { safeNext } from '../../../platform/http/urls.ts';
import { formAction } from '../../../platform/refusals.ts';
import { consentKinds } from '../schema.ts';
import type { accountsService } from '../service.ts';
import {
  CheckEmailPage,
  ForgotPasswordPage,
  ResetInvalidPage,
  ResetPasswordPage,
  SignInPage,
  SignUpPage,
  TwoFactorChallengePage,
  UnlockInvalidPage,
  UnlockPage,
  VerifyResultPage,
} from '../views.tsx';
import { applyAuthCookies } from './shared.tsx';

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

export async function signInRoutes(fastify: FastifyInstance, accounts: ReturnType<typeof accountsService>) {
  const app = typed(fastify);
  const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get('/rejestracja', { config: { access: 'public' } }, async (request, reply) =>
    reply.render(<SignUpPage state={{ values: { locale: request.locale }, errors: {} }} />),
  );
  app.post('/rejestracja', { config: { access: 'public', ...formLimit } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(signUpSchema, request.body, t);
    if (!parsed.ok) return reply.render(<SignUpPage state={parsed.state} />, 422);
    return formAction(
      request,
      () => accounts.signUp(parsed.data, request.authHeaders()),
      () => reply.seeOther('/rejestracja/sprawdz-poczte'),
      (r) => {
        const message =
          r.code === 'mustAccept' ? t.common.errors.mustAccept : t.common.errors[r.code as 'passwordCommon'];
        return reply.render(
          <SignUpPage state={errorState(parsed.data as never, { [r.field]: message })} />,
          422,
        );
      },
    );
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
      const { token } = request.query;
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
      const { next } = request.query;
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
      const token = request.query.token ?? '';
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
      const { next } = request.query;
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
      const { token } = request.query;
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
    return formAction(
      request,
      () => accounts.resetPassword(parsed.data.token, parsed.data.password),
      (result) => {
        if (result === 'invalid-token') return reply.render(<ResetInvalidPage />, 400);
        reply.flash(t.accounts.resetDone);
        return reply.seeOther('/logowanie');
      },
      (r) =>
        reply.render(
          <ResetPasswordPage
            state={errorState({}, { password: t.common.errors[r.code as 'passwordCommon'] })}
            token={token}
          />,
          422,
        ),
    );
  });
}
