// The account page and the profile.
import { type Locale, locales, type Role } from '../../../platform/auth/schema.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  SummaryList,
  Tag,
  TextInput,
  WarningText,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';

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
  const { t } = useView();
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
      <AccountDetails account={account} />
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

/** The account's details as the account page lists them (also the benchmark's bare route). */
export function AccountDetails({ account }: { account: AccountView }) {
  const { t, locale } = useView();
  const a = t.accounts;
  const o = a.overview;
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
  return <SummaryList rows={rows} />;
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
