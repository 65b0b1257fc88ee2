// Signing up, verifying the address, signing in (with the unlock link and the second step) and
// resetting a forgotten password.
import { locales } from '../../../platform/auth/schema.ts';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { CodeInput, CurrentPasswordInput, NewPasswordFields } from './fields.tsx';

export function SignUpPage({ state }: { state: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={a.signUpTitle}>
      <ErrorSummary state={state} order={['name', 'email', 'password', 'locale', 'consents']} />
      <H1>{a.signUpTitle}</H1>
      <p class="govuk-body">{a.signUpLead}</p>
      <Form action="/rejestracja">
        <TextInput name="name" label={a.name} autocomplete="name" state={state} spellcheck={false} />
        <TextInput
          name="email"
          type="email"
          label={a.email}
          hint={a.emailHint}
          autocomplete="email"
          spellcheck={false}
          state={state}
        />
        <TextInput
          name="password"
          type="password"
          label={a.password}
          hint={a.passwordHint}
          autocomplete="new-password"
          state={state}
        />
        <Select
          name="locale"
          label={a.language}
          state={state}
          options={locales.map((l) => ({ value: l, label: t.common.languageNames[l] }))}
        />
        <div class="govuk-inset-text">
          <h2 class="govuk-heading-s">{a.rodoTitle}</h2>
          <p class="govuk-body-s">{a.rodoSummary}</p>
          <p class="govuk-body-s">
            <a class="govuk-link" href="/prywatnosc">
              {a.rodoMore}
            </a>
          </p>
        </div>
        <p class="govuk-body">
          <a class="govuk-link" href="/regulamin" target="_blank" rel="noopener">
            {t.terms.signUpRead}
          </a>
        </p>
        <Choices
          kind="checkboxes"
          name="consents"
          label={a.consentsLegend}
          state={state}
          small
          options={[
            { value: 'terms', label: a.consentTerms },
            { value: 'newsletter', label: a.consentNewsletter },
            { value: 'events_info', label: a.consentEventsInfo },
            { value: 'research', label: a.consentResearch },
          ]}
        />
        <Button>{a.createAccount}</Button>
      </Form>
      <p class="govuk-body">
        {a.haveAccount}{' '}
        <a class="govuk-link" href="/logowanie">
          {a.signIn}
        </a>
      </p>
    </Layout>
  );
}

export function CheckEmailPage() {
  const { t } = useView();
  return (
    <Layout title={t.accounts.checkEmailTitle}>
      <H1>{t.accounts.checkEmailTitle}</H1>
      <p class="govuk-body">{t.accounts.checkEmailBody('')}</p>
      <p class="govuk-body">{t.accounts.checkEmailSpam}</p>
    </Layout>
  );
}

export function VerifyResultPage({ ok }: { ok: boolean }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={ok ? a.verifiedTitle : a.verifyFailedTitle}>
      <H1>{ok ? a.verifiedTitle : a.verifyFailedTitle}</H1>
      <p class="govuk-body">{ok ? a.verifiedBody : a.verifyFailedBody}</p>
      <p class="govuk-body">
        <a class="govuk-button" href="/logowanie" data-module="govuk-button">
          {a.signIn}
        </a>
      </p>
    </Layout>
  );
}

export function SignInPage({ state }: { state: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  const next = typeof state.values.next === 'string' ? state.values.next : '';
  return (
    <Layout title={a.signInTitle}>
      <ErrorSummary state={state} order={['email', 'password']} />
      <H1>{a.signInTitle}</H1>
      <Form action="/logowanie">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextInput
          name="email"
          type="email"
          label={a.email}
          autocomplete="username"
          spellcheck={false}
          state={state}
        />
        <CurrentPasswordInput state={state} />
        <Button>{a.signIn}</Button>
      </Form>
      <ForgotPasswordLink />
      <p class="govuk-body">
        {a.noAccount}{' '}
        <a class="govuk-link" href="/rejestracja">
          {a.signUpTitle}
        </a>
      </p>
    </Layout>
  );
}

/** Signing in with the e-mailed unlock link: the account is named, the password asked for. */
export function UnlockPage({ state, email, token }: { state: FormState; email: string; token: string }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={a.unlock.title}>
      <ErrorSummary state={state} order={['password']} />
      <H1>{a.unlock.title}</H1>
      <p class="govuk-body">{a.unlock.lead(email)}</p>
      <Form action="/logowanie/odblokuj">
        <input type="hidden" name="token" value={token} />
        <CurrentPasswordInput state={state} />
        <Button>{a.unlock.submit}</Button>
      </Form>
      <ForgotPasswordLink />
    </Layout>
  );
}

/** The way to a new password, under every form that asks for the current one. */
function ForgotPasswordLink() {
  const { t } = useView();
  return (
    <p class="govuk-body">
      <a class="govuk-link" href="/nie-pamietam-hasla">
        {t.accounts.forgotPassword}
      </a>
    </p>
  );
}

export function UnlockInvalidPage() {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={a.unlock.invalidTitle}>
      <H1>{a.unlock.invalidTitle}</H1>
      <p class="govuk-body">{a.unlock.invalid}</p>
      <p class="govuk-body">
        <a class="govuk-button" href="/logowanie" data-module="govuk-button">
          {a.signIn}
        </a>
      </p>
      <ForgotPasswordLink />
    </Layout>
  );
}

export function TwoFactorChallengePage({ state }: { state: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  const next = typeof state.values.next === 'string' ? state.values.next : '';
  return (
    <Layout title={a.twoFactorTitle}>
      <ErrorSummary state={state} />
      <H1>{a.twoFactorTitle}</H1>
      <p class="govuk-body">{a.twoFactorLead}</p>
      <Form action="/logowanie/kod">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <CodeInput label={a.code} state={state} />
        <Button>{a.verify}</Button>
      </Form>
    </Layout>
  );
}

export function ForgotPasswordPage({ state }: { state: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={a.forgotTitle} back="/logowanie">
      <ErrorSummary state={state} />
      <H1>{a.forgotTitle}</H1>
      <p class="govuk-body">{a.forgotLead}</p>
      <ResetLinkRequest state={state} />
    </Layout>
  );
}

/** The e-mail field that asks for a reset link: on the forgotten-password and invalid-link pages. */
function ResetLinkRequest({ state }: { state: FormState | undefined }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Form action="/nie-pamietam-hasla">
      <TextInput
        name="email"
        type="email"
        label={a.email}
        autocomplete="email"
        spellcheck={false}
        state={state}
      />
      <Button>{a.sendLink}</Button>
    </Form>
  );
}

/** A used, expired or voided reset link: says so at once and asks for a new one on the spot. */
export function ResetInvalidPage({ state }: { state?: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  const s = state ?? { values: {}, errors: {} };
  return (
    <Layout title={a.resetInvalidTitle}>
      <ErrorSummary state={s} />
      <H1>{a.resetInvalidTitle}</H1>
      <p class="govuk-body">{a.resetInvalid}</p>
      <p class="govuk-body">{a.resetInvalidAsk}</p>
      <ResetLinkRequest state={s} />
    </Layout>
  );
}

export function ResetPasswordPage({ state, token }: { state: FormState; token: string }) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <Layout title={a.resetTitle}>
      <ErrorSummary state={state} order={['password', 'confirm']} />
      <H1>{a.resetTitle}</H1>
      <Form action="/nowe-haslo">
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields names={['password', 'confirm']} state={state} />
        <Button>{a.setPassword}</Button>
      </Form>
    </Layout>
  );
}
