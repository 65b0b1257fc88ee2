import { type Locale, locales, type Role } from '../../platform/auth/schema.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  SummaryList,
  Table,
  Tag,
  TextInput,
  WarningText,
} from '../../platform/views/components.tsx';
import { useView } from '../../platform/views/context.ts';
import { H1, Layout } from '../../platform/views/layout.tsx';
import { QrCode } from '../../platform/views/qr.tsx';
import type { ConsentKind } from './schema.ts';
import type { ConsentStatus } from './service.ts';

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

/** The 6-digit code from an authenticator app (or a backup code). */
function CodeInput({ label, state }: { label: string; state: FormState }) {
  return (
    <TextInput
      name="code"
      label={label}
      autocomplete="one-time-code"
      inputmode="numeric"
      width="10"
      spellcheck={false}
      state={state}
    />
  );
}

/** A new password typed twice, with the policy as a hint. */
function NewPasswordFields({
  names,
  state,
}: {
  names: [password: string, confirm: string];
  state: FormState;
}) {
  const { t } = useView();
  const a = t.accounts;
  return (
    <>
      <TextInput
        name={names[0]}
        type="password"
        label={a.newPassword}
        hint={a.passwordHint}
        autocomplete="new-password"
        state={state}
      />
      <TextInput
        name={names[1]}
        type="password"
        label={a.confirmPassword}
        autocomplete="new-password"
        state={state}
      />
    </>
  );
}

/** The person's current password, asked for before a sensitive change (or to sign in). */
function CurrentPasswordInput({
  name = 'password',
  label,
  state,
}: {
  name?: string;
  label?: string;
  state: FormState;
}) {
  const { t } = useView();
  return (
    <TextInput
      name={name}
      type="password"
      label={label ?? t.accounts.password}
      autocomplete="current-password"
      state={state}
    />
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

// ——— Signed-in self-service ———

export interface AccountView {
  name: string;
  email: string;
  locale: Locale;
  phone: string | null;
  role: Role;
  twoFactorEnabled: boolean;
  createdAt: Date;
}

const isStaffRole = (role: Role) => role === 'staff' || role === 'admin';

export function AccountPage({ account }: { account: AccountView }) {
  const { t, locale } = useView();
  const a = t.accounts;
  const o = a.overview;
  const s = o.sections;
  const sections = [
    { href: '/konto/profil', title: s.profile, hint: s.profileHint },
    { href: '/konto/zgody', title: s.consents, hint: s.consentsHint },
    { href: '/konto/bezpieczenstwo', title: s.security, hint: s.securityHint },
    { href: '/konto/dwuetapowe', title: s.twoFactor, hint: s.twoFactorHint },
    { href: '/konto/dane', title: s.data, hint: s.dataHint },
    { href: '/konto/usun', title: s.delete, hint: s.deleteHint },
  ];
  // The other modules' pages of one's own things (their public paths).
  const mine = [
    { href: '/przestrzenie/moje', title: o.mine.bookings, hint: o.mine.bookingsHint },
    { href: '/organizacje/moje', title: o.mine.organisations, hint: o.mine.organisationsHint },
    { href: '/przestrzenie/umowy', title: o.mine.agreements, hint: o.mine.agreementsHint },
  ];
  const rows = [
    { key: a.name, value: account.name },
    {
      key: a.email,
      value: (
        <>
          {account.email}
          <p class="govuk-hint govuk-!-margin-bottom-0">{o.emailChange}</p>
        </>
      ),
    },
    { key: a.language, value: t.common.languageNames[account.locale] },
    { key: o.phone, value: account.phone ?? o.noPhone },
    { key: o.role, value: a.roleNames[account.role] },
    {
      key: o.twoFactor,
      value: account.twoFactorEnabled ? <Tag colour="green">{o.on}</Tag> : <Tag colour="grey">{o.off}</Tag>,
    },
    { key: o.memberSince, value: formatDateTime(locale, account.createdAt, 'date') },
  ];
  return (
    <Layout title={o.title}>
      <H1>{o.title}</H1>
      <p class="govuk-body-l">{o.lead}</p>
      {isStaffRole(account.role) && !account.twoFactorEnabled ? (
        <WarningText>
          {o.staffNeedsTwoFactor}{' '}
          <a class="govuk-link" href="/konto/dwuetapowe">
            {o.turnOnNow}
          </a>
        </WarningText>
      ) : null}
      <h2 class="govuk-heading-m">{o.detailsHeading}</h2>
      <SummaryList rows={rows} />
      <p class="govuk-body">
        <a class="govuk-link" href="/konto/profil">
          {o.change}
          <span class="govuk-visually-hidden">{o.changeHidden}</span>
        </a>
      </p>
      <h2 class="govuk-heading-m">{o.mineHeading}</h2>
      <SectionLinks items={mine} />
      <h2 class="govuk-heading-m">{o.settingsHeading}</h2>
      <SectionLinks items={sections} />
    </Layout>
  );
}

/** A list of the places an account page leads to, each with a line saying what is there. */
function SectionLinks({ items }: { items: Array<{ href: string; title: string; hint: string }> }) {
  return (
    <ul class="govuk-list">
      {items.map((x) => (
        <li key={x.href} class="govuk-!-margin-bottom-4">
          <a class="govuk-link govuk-!-font-weight-bold" href={x.href}>
            {x.title}
          </a>
          <br />
          <span class="govuk-hint">{x.hint}</span>
        </li>
      ))}
    </ul>
  );
}

export function ProfilePage({ state }: { state: FormState }) {
  const { t } = useView();
  const a = t.accounts;
  const p = a.profile;
  return (
    <Layout title={p.title} back="/konto">
      <ErrorSummary state={state} order={['name', 'locale', 'phone']} />
      <H1>{p.title}</H1>
      <p class="govuk-body">{p.lead}</p>
      <Form action="/konto/profil">
        <TextInput name="name" label={a.name} autocomplete="name" spellcheck={false} state={state} />
        <Select
          name="locale"
          label={a.language}
          hint={p.languageHint}
          state={state}
          options={locales.map((l) => ({ value: l, label: t.common.languageNames[l] }))}
        />
        <TextInput
          name="phone"
          type="tel"
          label={a.overview.phone}
          hint={p.phoneHint}
          autocomplete="tel"
          width="20"
          optional
          state={state}
        />
        <div class="govuk-button-group">
          <Button>{t.common.save}</Button>
          <a class="govuk-link" href="/konto">
            {t.common.cancel}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

export function ConsentsPage({
  current,
  history,
  error,
}: {
  current: Array<{
    kind: ConsentKind;
    granted: boolean | null;
    status: ConsentStatus | null;
    decidedAt: Date | null;
    termsVersion: number | null;
  }>;
  history: Array<{ kind: ConsentKind; status: ConsentStatus; decidedAt: Date; termsVersion: number | null }>;
  error?: string | undefined;
}) {
  const { t, locale } = useView();
  const a = t.accounts;
  const c = a.consents;
  const descriptions: Record<ConsentKind, string> = {
    terms: a.consentTerms,
    newsletter: a.consentNewsletter,
    events_info: a.consentEventsInfo,
    research: a.consentResearch,
  };
  return (
    <Layout title={c.title} back="/konto">
      <ErrorSummary state={error ? { values: {}, errors: { _form: error } } : undefined} />
      <H1>{c.title}</H1>
      <p class="govuk-body">{c.lead}</p>
      {current.map((x) => (
        <section class="klaster-card" key={x.kind} aria-labelledby={`consent-${x.kind}`}>
          <h2 class="govuk-heading-s govuk-!-margin-bottom-2" id={`consent-${x.kind}`}>
            {a.consentNames[x.kind]}
          </h2>
          <p class="govuk-body-s">{descriptions[x.kind]}</p>
          <p class="govuk-body">
            {x.status === null ? (
              <Tag colour="grey">{c.none}</Tag>
            ) : x.status === 'granted' ? (
              <Tag colour="green">{c.granted}</Tag>
            ) : x.status === 'withdrawn' ? (
              <Tag colour="yellow">{c.withdrawn}</Tag>
            ) : (
              <Tag colour="grey">{c.notGiven}</Tag>
            )}{' '}
            <span class="govuk-body-s">
              {x.decidedAt ? c.decidedOn(formatDateTime(locale, x.decidedAt)) : c.neverDecided}
            </span>
          </p>
          {x.kind === 'terms' ? (
            <p class="govuk-body-s">
              {x.termsVersion ? `${t.terms.acceptedVersion(x.termsVersion)}. ` : null}
              <a
                class="govuk-link"
                href={x.termsVersion ? `/regulamin/wersje/${x.termsVersion}` : '/regulamin'}
              >
                {t.terms.consentsRead}
              </a>
            </p>
          ) : null}
          {x.kind === 'terms' && x.granted ? (
            <p class="govuk-body-s">
              {c.termsExplain}{' '}
              <a class="govuk-link" href="/konto/usun">
                {c.deleteLink}
              </a>
            </p>
          ) : (
            <ActionButton
              action="/konto/zgody"
              label={x.granted ? c.withdraw : c.grant}
              variant={x.granted ? 'secondary' : undefined}
              hidden={{ kind: x.kind, decision: x.granted ? 'withdraw' : 'grant' }}
            />
          )}
        </section>
      ))}
      <h2 class="govuk-heading-m govuk-!-margin-top-6">{c.historyHeading}</h2>
      {history.length === 0 ? (
        <p class="govuk-body">{c.historyEmpty}</p>
      ) : (
        <Table
          caption={c.historyHeading}
          head={[c.historyDate, c.historyConsent, c.historyDecision]}
          rows={history.map((h) => [
            formatDateTime(locale, h.decidedAt),
            h.termsVersion
              ? `${a.consentNames[h.kind]} (${t.terms.versionLink(h.termsVersion)})`
              : a.consentNames[h.kind],
            h.status === 'granted' ? c.granted : h.status === 'withdrawn' ? c.withdrawn : c.notGiven,
          ])}
        />
      )}
    </Layout>
  );
}

export interface SessionView {
  id: string;
  current: boolean;
  browser: string;
  ip: string;
  createdAt: Date;
  lastActiveAt: Date;
}

export function SecurityPage({ state, sessions }: { state: FormState; sessions: SessionView[] }) {
  const { t, locale } = useView();
  const a = t.accounts;
  const s = a.security;
  const others = sessions.filter((x) => !x.current);
  return (
    <Layout title={s.title} back="/konto" wide>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds-from-desktop">
          <ErrorSummary state={state} order={['currentPassword', 'newPassword', 'confirmPassword']} />
          <H1>{s.title}</H1>
          <h2 class="govuk-heading-m">{s.passwordHeading}</h2>
          <p class="govuk-body">{s.passwordLead}</p>
          <Form action="/konto/bezpieczenstwo/haslo">
            <CurrentPasswordInput name="currentPassword" label={s.currentPassword} state={state} />
            <NewPasswordFields names={['newPassword', 'confirmPassword']} state={state} />
            <Button>{s.changePassword}</Button>
          </Form>
        </div>
      </div>
      <h2 class="govuk-heading-m">{s.sessionsHeading}</h2>
      <p class="govuk-body">{s.sessionsLead}</p>
      {/* One card per device, not a five-column table: it reflows on a phone instead of scrolling. */}
      <ul class="govuk-list klaster-sessions">
        {sessions.map((x) => (
          <li class="klaster-card" key={x.id}>
            <h3 class="govuk-heading-s govuk-!-margin-top-2 govuk-!-margin-bottom-2">
              {x.browser}
              {x.current ? (
                <>
                  {' '}
                  <Tag colour="blue">{s.thisDevice}</Tag>
                </>
              ) : null}
            </h3>
            <SummaryList
              rows={[
                { key: s.signedInAt, value: formatDateTime(locale, x.createdAt) },
                { key: s.lastActive, value: formatDateTime(locale, x.lastActiveAt) },
                { key: s.ip, value: <span class="klaster-break">{x.ip}</span> },
              ]}
            />
            {x.current ? null : (
              <ActionButton
                action="/konto/bezpieczenstwo/sesje/wyloguj"
                label={s.revoke}
                context={x.browser}
                variant="secondary"
                hidden={{ session: x.id }}
              />
            )}
          </li>
        ))}
      </ul>
      {others.length > 0 ? (
        <ActionButton
          action="/konto/bezpieczenstwo/sesje/wyloguj-inne"
          label={s.revokeOthers}
          variant="warning"
        />
      ) : (
        <p class="govuk-body">{s.noOthers}</p>
      )}
    </Layout>
  );
}

function groupKey(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

function BackupCodes({ codes }: { codes: string[] }) {
  return (
    <ul class="govuk-list govuk-list--number">
      {codes.map((c) => (
        <li key={c}>
          <code class="govuk-!-font-size-24">{c}</code>
        </li>
      ))}
    </ul>
  );
}

export function TwoFactorPage({
  enabled,
  pending,
  required,
  staffLike,
  sessionPassed,
  next,
  state,
}: {
  enabled: boolean;
  pending: boolean;
  required: boolean;
  staffLike: boolean;
  /** This session passed the second factor (staff powers need it, not only the account's setting). */
  sessionPassed: boolean;
  next: string;
  state: FormState;
}) {
  const { t } = useView();
  const s = t.accounts.twoStep;
  return (
    <Layout title={s.title} back="/konto">
      <ErrorSummary state={state} />
      <H1>{s.title}</H1>
      {required && !enabled ? <WarningText>{s.required}</WarningText> : null}
      {staffLike && enabled && !sessionPassed ? (
        <>
          <WarningText>{s.sessionWithoutCode}</WarningText>
          <Form action="/wyloguj">
            <input type="hidden" name="next" value={next || '/panel'} />
            <Button>{s.signInAgain}</Button>
          </Form>
        </>
      ) : null}
      <p class="govuk-body">{s.explain}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{enabled ? s.isOn : s.isOff}</p>
      {enabled ? (
        <>
          <h2 class="govuk-heading-m">{s.backupHeading}</h2>
          <p class="govuk-body">{s.regenerateLead}</p>
          <Form action="/konto/dwuetapowe/kody">
            <CurrentPasswordInput name="codesPassword" state={state} />
            <Button variant="secondary">{s.regenerate}</Button>
          </Form>
          <h2 class="govuk-heading-m">{s.disableHeading}</h2>
          {staffLike ? (
            <p class="govuk-body">{s.staffMustKeep}</p>
          ) : (
            <>
              <p class="govuk-body">{s.disableLead}</p>
              <Form action="/konto/dwuetapowe/wylacz">
                <CurrentPasswordInput name="disablePassword" state={state} />
                <Button variant="warning">{s.disable}</Button>
              </Form>
            </>
          )}
        </>
      ) : (
        <>
          {pending ? <p class="govuk-inset-text">{s.pending}</p> : null}
          <h2 class="govuk-heading-m">{s.enableHeading}</h2>
          <p class="govuk-body">{s.enableLead}</p>
          <Form action="/konto/dwuetapowe/wlacz">
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <CurrentPasswordInput state={state} />
            <Button>{s.enable}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function TwoFactorSetupPage({
  setup,
  qr,
  email,
  next,
  state,
}: {
  setup: { secret: string; totpUri: string; backupCodes: string[] };
  /** The otpauth URI as a QR code (qrSvg, labelled with `qrLabel`). */
  qr: string;
  email: string;
  next: string;
  state: FormState;
}) {
  const { t } = useView();
  const s = t.accounts.twoStep;
  return (
    <Layout title={s.setupTitle} back="/konto/dwuetapowe">
      <ErrorSummary state={state} />
      <H1 caption={s.title}>{s.setupTitle}</H1>
      <p class="govuk-body">{s.step1}</p>
      <div class="klaster-totp">
        <QrCode svg={qr} />
        <div class="klaster-totp__key">
          <SummaryList
            rows={[
              {
                key: s.keyLabel,
                value: (
                  <>
                    <code class="klaster-totp__secret" id="totp-secret">
                      {groupKey(setup.secret)}
                    </code>
                    <p class="govuk-hint govuk-!-margin-bottom-0">{s.keyHint}</p>
                  </>
                ),
              },
              { key: s.accountLabel, value: email },
            ]}
          />
        </div>
      </div>
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">{s.uriSummary}</span>
        </summary>
        <div class="govuk-details__text">
          <p class="govuk-body">{s.uriLead}</p>
          <p class="govuk-body govuk-!-text-break-word">
            <code id="totp-uri">{setup.totpUri}</code>
          </p>
        </div>
      </details>
      <h2 class="govuk-heading-m">{s.step2}</h2>
      <p class="govuk-body">{s.backupLead}</p>
      <BackupCodes codes={setup.backupCodes} />
      <h2 class="govuk-heading-m">{s.step3}</h2>
      <Form action="/konto/dwuetapowe/potwierdz">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <CodeInput label={s.confirmLead} state={state} />
        <Button>{s.confirm}</Button>
      </Form>
    </Layout>
  );
}

export function BackupCodesPage({ codes }: { codes: string[] }) {
  const { t } = useView();
  const s = t.accounts.twoStep;
  return (
    <Layout title={s.newCodesTitle} back="/konto/dwuetapowe">
      <H1>{s.newCodesTitle}</H1>
      <p class="govuk-body">{s.newCodesLead}</p>
      <BackupCodes codes={codes} />
      <p class="govuk-body">
        <a class="govuk-link" href="/konto/dwuetapowe">
          {s.backToSettings}
        </a>
      </p>
    </Layout>
  );
}

export function DataPage() {
  const { t } = useView();
  const d = t.accounts.data;
  return (
    <Layout title={d.title} back="/konto">
      <H1>{d.title}</H1>
      <p class="govuk-body">{d.lead}</p>
      <ul class="govuk-list govuk-list--bullet">
        {d.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <p class="govuk-body">{d.formatHint}</p>
      <p class="govuk-body">
        <a class="govuk-button" href="/konto/dane.json" download data-module="govuk-button">
          {d.download}
        </a>
      </p>
    </Layout>
  );
}

export function DeleteAccountPage({ state }: { state: FormState }) {
  const { t } = useView();
  const d = t.accounts.deletion;
  return (
    <Layout title={d.title} back="/konto">
      <ErrorSummary state={state} order={['password', 'understand']} />
      <H1>{d.title}</H1>
      <p class="govuk-body">{d.lead}</p>
      <ul class="govuk-list govuk-list--bullet">
        {d.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <p class="govuk-body">
        {d.exportFirst}{' '}
        <a class="govuk-link" href="/konto/dane">
          {t.accounts.data.title}
        </a>
      </p>
      <WarningText>{d.warning}</WarningText>
      <Form action="/konto/usun">
        <CurrentPasswordInput label={d.passwordLabel} state={state} />
        <Choices
          kind="checkboxes"
          name="understand"
          label={d.confirmLegend}
          state={state}
          options={[{ value: 'yes', label: d.understand }]}
        />
        <div class="govuk-button-group">
          <Button variant="warning">{d.submit}</Button>
          <a class="govuk-link" href="/konto">
            {t.common.cancel}
          </a>
        </div>
      </Form>
    </Layout>
  );
}
