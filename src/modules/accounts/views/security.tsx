import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Tag,
  WarningText,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { QrCode } from '../../../platform/views/qr.tsx';
import { CodeInput, CurrentPasswordInput, NewPasswordFields } from './fields.tsx';

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
