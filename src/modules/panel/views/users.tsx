import { roles } from '../../../platform/auth/schema.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FormState,
  Pagination,
  Select,
  Table,
  Tag,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { UserListItem } from '../service/index.ts';
import { roleLabel } from './format.ts';

export interface UsersModel {
  state: FormState;
  result: { items: UserListItem[]; total: number; pages: number; page: number } | null;
  prev: string | null;
  next: string | null;
}

export function UserStatus({ blocked, emailVerified }: { blocked: boolean; emailVerified: boolean }) {
  const u = useView().t.panel.users;
  if (blocked) return <Tag colour="red">{u.statusBlocked}</Tag>;
  if (!emailVerified) return <Tag colour="yellow">{u.statusUnverified}</Tag>;
  return <Tag colour="green">{u.statusActive}</Tag>;
}

export function UsersPage({ model }: { model: UsersModel }) {
  const { t, locale } = useView();
  const u = t.panel.users;
  const { state, result } = model;
  return (
    <PanelLayout title={u.title}>
      <ErrorSummary state={state} order={['q', 'rola', 'stan']} />
      <H1 caption={t.common.backOffice.caption}>{u.title}</H1>
      <form method="get" action="/panel/uzytkownicy" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half-from-desktop">
            <TextInput
              name="q"
              type="search"
              label={u.searchLabel}
              hint={u.searchHint}
              state={state}
              spellcheck={false}
            />
          </div>
          <div class="govuk-grid-column-one-quarter-from-desktop">
            <Select
              name="rola"
              label={u.roleFilter}
              state={state}
              placeholder={u.anyRole}
              options={roles.map((r) => ({ value: r, label: roleLabel(t, r) }))}
            />
          </div>
          <div class="govuk-grid-column-one-quarter-from-desktop">
            <Select
              name="stan"
              label={u.stateFilter}
              state={state}
              placeholder={u.anyState}
              options={[
                { value: 'aktywne', label: u.activeOnly },
                { value: 'zablokowane', label: u.blockedOnly },
              ]}
            />
          </div>
        </div>
        <div class="govuk-button-group">
          <Button>{t.panel.filter}</Button>
          <a class="govuk-link" href="/panel/uzytkownicy">
            {t.panel.clearFilters}
          </a>
        </div>
      </form>

      {result && result.items.length > 0 ? (
        <Table
          caption={
            result.pages > 1
              ? `${u.found(result.total)} · ${u.pageOf(result.page, result.pages)}`
              : u.found(result.total)
          }
          head={[u.name, u.email, u.role, u.status, u.created]}
          rows={result.items.map((x) => [
            <a class="govuk-link" href={`/panel/uzytkownicy/${encodeURIComponent(x.id)}`} key="n">
              {x.name}
            </a>,
            x.email,
            roleLabel(t, x.role),
            <UserStatus key="s" blocked={x.blocked} emailVerified={x.emailVerified} />,
            formatDateTime(locale, x.createdAt, 'date'),
          ])}
        />
      ) : result ? (
        <div class="govuk-inset-text">
          <p class="govuk-body govuk-!-font-weight-bold">{u.empty}</p>
          <p class="govuk-body">
            {u.emptyHint}{' '}
            <a class="govuk-link" href="/panel/uzytkownicy">
              {t.panel.clearFilters}
            </a>
          </p>
        </div>
      ) : null}
      <Pagination prev={model.prev} next={model.next} />
    </PanelLayout>
  );
}
