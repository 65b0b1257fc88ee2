import { roles } from '../../../platform/auth/schema.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  SummaryList,
  Textarea,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { Refusal } from '../policy.ts';
import type { UserDetail } from '../service/index.ts';
import { formatNumber, roleLabel } from './format.ts';
import { UserStatus } from './users.tsx';

export interface UserPageModel {
  user: UserDetail;
  isSelf: boolean;
  canChangeRole: boolean;
  /** Null when the viewer may block/unblock; otherwise why not (a message key). */
  blockRefusal: Refusal | null;
  roleState?: FormState | undefined;
  blockState?: FormState | undefined;
  /** A refusal of the whole action (e.g. "last administrator"), shown in the error summary. */
  formError?: string | undefined;
}

/** The role form's values for an account. */
export function roleFormValues(u: Pick<UserDetail, 'role'>): FormState['values'] {
  return { role: u.role };
}

export function UserPage({ model }: { model: UserPageModel }) {
  const { t, locale } = useView();
  const p = t.panel.user;
  const u = model.user;
  const base = `/panel/uzytkownicy/${encodeURIComponent(u.id)}`;
  const errors = {
    ...(model.roleState?.errors ?? {}),
    ...(model.blockState?.errors ?? {}),
    ...(model.formError ? { _form: model.formError } : {}),
  };
  const roleState = model.roleState ?? { values: roleFormValues(u), errors: {} };
  const blockState = model.blockState ?? { values: {}, errors: {} };
  const consentLabels = t.panel.consentKinds as Record<string, string>;
  return (
    <PanelLayout title={u.name} back="/panel/uzytkownicy">
      <ErrorSummary state={{ values: {}, errors }} order={['_form', 'role', 'reason']} />
      <H1 caption={p.caption}>{u.name}</H1>
      {model.isSelf ? <p class="govuk-inset-text">{p.yourAccount}</p> : null}

      <h2 class="govuk-heading-m">{p.detailsHeading}</h2>
      <SummaryList
        rows={[
          { key: p.name, value: u.name },
          { key: p.email, value: u.email },
          { key: p.verified, value: u.emailVerified ? t.common.yes : t.common.no },
          { key: p.role, value: roleLabel(t, u.role) },
          { key: p.twoFactor, value: u.twoFactorEnabled ? p.on : p.off },
          { key: p.locale, value: t.common.languageNames[u.locale] },
          { key: p.created, value: formatDateTime(locale, u.createdAt) },
          {
            key: p.state,
            value: (
              <>
                <UserStatus blocked={u.blocked} emailVerified={u.emailVerified} />
                {u.blockedAt ? <> {p.blockedOn(formatDateTime(locale, u.blockedAt))}</> : null}
              </>
            ),
          },
          ...(u.blockedAt ? [{ key: p.blockedReason, value: u.blockedReason ?? t.panel.none }] : []),
          { key: p.sessions, value: formatNumber(locale, u.activeSessions) },
          {
            key: p.consents,
            value: u.consents.length ? (
              <ul class="govuk-list">
                {u.consents.map((c) => (
                  <li key={c.kind}>
                    {consentLabels[c.kind] ?? c.kind}:{' '}
                    {c.granted
                      ? p.consentGranted(formatDateTime(locale, c.decidedAt, 'date'))
                      : p.consentRefused(formatDateTime(locale, c.decidedAt, 'date'))}
                  </li>
                ))}
              </ul>
            ) : (
              p.noConsents
            ),
          },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={`/panel/audyt?typ=user&obiekt=${encodeURIComponent(u.id)}`}>
          {p.auditLink}
        </a>
      </p>

      <h2 class="govuk-heading-m">{p.roleHeading}</h2>
      {model.canChangeRole ? (
        <Form action={`${base}/rola`}>
          <Select
            name="role"
            label={p.roleLabel}
            hint={p.roleHint}
            state={roleState}
            options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          />
          <Button>{p.saveRole}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{p.roleAdminOnly}</p>
      )}

      <h2 class="govuk-heading-m">{p.blockHeading}</h2>
      {model.blockRefusal === 'selfBlock' ? (
        <p class="govuk-body">{p.cannotBlockSelf}</p>
      ) : model.blockRefusal === 'staffCannotBlockAdmin' ? (
        <p class="govuk-body">{p.cannotBlockAdmin}</p>
      ) : model.blockRefusal ? null : u.blocked ? (
        <>
          <p class="govuk-body">{p.unblockLead}</p>
          <ActionButton action={`${base}/odblokowanie`} label={p.unblock} variant="secondary" />
        </>
      ) : (
        <Form action={`${base}/blokada`}>
          <p class="govuk-body">{p.blockLead}</p>
          <Textarea name="reason" label={p.reasonLabel} hint={p.reasonHint} state={blockState} rows={3} />
          <Button variant="warning">{p.block}</Button>
        </Form>
      )}
    </PanelLayout>
  );
}
