// Public directory, organisation page, registration and edit forms, "my organisations".
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Pagination,
  Select,
  SummaryList,
  Table,
  Textarea,
  TextInput,
  WarningText,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { type OrganisationKind, organisationKinds } from '../schema.ts';
import type { OrganisationDetail, OrganisationSummary, PageResult } from '../service.ts';
import { organisationRows, Paragraphs, StatusTag, useDate } from './shared.tsx';

const excerpt = (s: string, max = 280) => (s.length > max ? `${s.slice(0, max).trimEnd()}…` : s);

function listHref(q: string, kind: string, cursor: string | null) {
  if (!cursor) return null;
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (kind) p.set('kind', kind);
  p.set('cursor', cursor);
  return `/organizacje?${p.toString()}`;
}

export function ListPage({
  result,
  q,
  kind,
}: {
  result: PageResult<OrganisationSummary>;
  q: string;
  kind: OrganisationKind | '';
}) {
  const { t, actor } = useView();
  const o = t.organisations;
  const filtered = !!q || !!kind;
  const state: FormState = { values: { q, kind }, errors: {} };
  return (
    <Layout title={o.listTitle}>
      <H1>{o.listTitle}</H1>
      <p class="govuk-body">{o.listLead}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/organizacje/nowa">
          {o.registerLink}
        </a>
        {actor ? (
          <>
            {' · '}
            <a class="govuk-link" href="/organizacje/moje">
              {o.myLink}
            </a>
          </>
        ) : null}
      </p>
      <form method="get" action="/organizacje">
        <TextInput name="q" type="search" label={o.searchLabel} state={state} spellcheck={false} />
        <Select
          name="kind"
          label={o.kindFilter}
          state={state}
          placeholder={o.allKinds}
          options={organisationKinds.map((k) => ({ value: k, label: o.kinds[k] }))}
        />
        <Button variant="secondary">{o.showResults}</Button>
        {filtered ? (
          <p class="govuk-body">
            <a class="govuk-link" href="/organizacje">
              {o.clearFilters}
            </a>
          </p>
        ) : null}
      </form>
      {result.items.length === 0 ? (
        <p class="govuk-body govuk-!-font-weight-bold">{filtered ? o.emptyFiltered : o.empty}</p>
      ) : (
        <ul class="govuk-list" aria-label={o.resultsCaption}>
          {result.items.map((org) => (
            <li key={org.id}>
              <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
              <h2 class="govuk-heading-m">
                <a class="govuk-link" href={`/organizacje/${org.id}`}>
                  {org.name}
                </a>
              </h2>
              <p class="govuk-body-s">
                <StatusTag status={org.status} /> {o.kinds[org.kind]}
                {org.subarea ? ` · ${org.subarea.name}` : ''}
              </p>
              <p class="govuk-body">{excerpt(org.description)}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination prev={listHref(q, kind, result.prevCursor)} next={listHref(q, kind, result.nextCursor)} />
    </Layout>
  );
}

export function DetailPage({ org }: { org: OrganisationDetail }) {
  const { t } = useView();
  const o = t.organisations;
  const date = useDate();
  const involved = org.myRole !== null || org.can.review;
  return (
    <Layout title={org.name} back="/organizacje">
      <H1 caption={o.detailCaption}>{org.name}</H1>
      <p class="govuk-body">
        <StatusTag status={org.status} />
      </p>
      {involved && org.status === 'pending' ? <p class="govuk-inset-text">{o.pendingNotice}</p> : null}
      {involved && org.status === 'rejected' && org.rejectionReason ? (
        <WarningText>{o.rejectedNotice(org.rejectionReason)}</WarningText>
      ) : null}
      <Paragraphs text={org.description} />
      <SummaryList
        rows={[
          ...organisationRows(org, t, date),
          ...(org.myRole ? [{ key: o.yourRole, value: o.roles[org.myRole] }] : []),
        ]}
      />
      {org.can.edit || org.can.viewMembers || org.can.review ? (
        <ul class="govuk-list">
          {org.can.edit ? (
            <li>
              <a class="govuk-link" href={`/organizacje/${org.id}/edycja`}>
                {o.editLink}
              </a>
            </li>
          ) : null}
          {org.can.viewMembers ? (
            <li>
              <a class="govuk-link" href={`/organizacje/${org.id}/czlonkowie`}>
                {o.membersLink}
              </a>
            </li>
          ) : null}
          {org.can.review ? (
            <li>
              <a class="govuk-link" href={`/panel/organizacje/${org.id}`}>
                {o.reviewCaption}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {org.can.leave ? (
        <ActionButton action={`/organizacje/${org.id}/opusc`} label={o.leave} variant="warning" />
      ) : null}
      {org.soleOwner ? <p class="govuk-inset-text">{o.soleOwnerNote}</p> : null}
    </Layout>
  );
}

export const formOrder = [
  'name',
  'kind',
  'nip',
  'regon',
  'krs',
  'description',
  'website',
  'publicEmail',
  'subarea',
  'confirmSimilarName',
];

export function OrganisationFormPage({
  mode,
  state,
  subareas,
  org,
  similar,
}: {
  mode: 'new' | 'edit';
  state: FormState;
  subareas: Array<{ slug: string; name: string }>;
  org?: OrganisationDetail;
  /** Verified organisations with a similar name: the person confirms theirs is another one. */
  similar?: Array<{ id: string; name: string }>;
}) {
  const { t } = useView();
  const o = t.organisations;
  const title = mode === 'new' ? o.newTitle : o.editTitle;
  const action = mode === 'new' ? '/organizacje/nowa' : `/organizacje/${org!.id}/edycja`;
  return (
    <Layout title={title} back={org ? `/organizacje/${org.id}` : '/organizacje'}>
      <ErrorSummary state={state} order={formOrder} />
      <H1 caption={org?.name}>{title}</H1>
      {mode === 'new' ? <p class="govuk-body">{o.newLead}</p> : null}
      {org?.status === 'verified' ? <WarningText>{o.editVerifiedWarning}</WarningText> : null}
      {org?.status === 'rejected' ? <p class="govuk-inset-text">{o.editRejectedInfo}</p> : null}
      <Form action={action}>
        <TextInput name="name" label={o.name} hint={o.nameHint} state={state} autocomplete="organization" />
        <Choices
          kind="radios"
          name="kind"
          label={o.kind}
          state={state}
          options={organisationKinds.map((k) => ({ value: k, label: o.kinds[k], hint: o.kindHints[k] }))}
        />
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{o.identifiersTitle}</legend>
          <p class="govuk-hint">{o.identifiersLead}</p>
          {(
            [
              ['nip', o.nip, o.nipHint],
              ['regon', o.regon, o.regonHint],
              ['krs', o.krs, o.krsHint],
            ] as const
          ).map(([name, label, hint]) => (
            <TextInput
              key={name}
              name={name}
              label={label}
              hint={hint}
              state={state}
              width="20"
              inputmode="numeric"
              spellcheck={false}
              optional
            />
          ))}
        </fieldset>
        <Textarea name="description" label={o.description} hint={o.descriptionHint} state={state} rows={6} />
        <TextInput
          name="website"
          type="url"
          label={o.website}
          hint={o.websiteHint}
          state={state}
          autocomplete="url"
          spellcheck={false}
          optional
        />
        <TextInput
          name="publicEmail"
          type="email"
          label={o.publicEmail}
          hint={o.publicEmailHint}
          state={state}
          spellcheck={false}
          optional
        />
        <Select
          name="subarea"
          label={o.subarea}
          hint={o.subareaHint}
          state={state}
          placeholder={o.noSubarea}
          options={subareas.map((s) => ({ value: s.slug, label: s.name }))}
          optional
        />
        {similar && similar.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{o.similarTitle}</h2>
            <p class="govuk-body">{o.similarLead}</p>
            <ul class="govuk-list govuk-list--bullet">
              {similar.map((x) => (
                <li key={x.id}>
                  {/* A new tab, so what the person typed here is not lost. */}
                  <a
                    class="govuk-link"
                    href={`/organizacje/${x.id}`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {x.name} {o.opensInNewTab}
                  </a>
                </li>
              ))}
            </ul>
            <Choices
              kind="checkboxes"
              name="confirmSimilarName"
              label={o.confirmSimilarLegend}
              state={state}
              options={[{ value: 'on', label: o.confirmSimilarName }]}
            />
          </>
        ) : null}
        <Button>{mode === 'new' ? o.submit : t.common.save}</Button>
      </Form>
    </Layout>
  );
}

export function MinePage({ items }: { items: Array<OrganisationSummary & { role: 'owner' | 'member' }> }) {
  const { t } = useView();
  const o = t.organisations;
  return (
    <Layout title={o.mineTitle} wide>
      <H1>{o.mineTitle}</H1>
      {items.length === 0 ? (
        <p class="govuk-body">{o.mineEmpty}</p>
      ) : (
        <Table
          caption={o.mineCaption}
          head={[o.name, o.kind, o.role, o.status]}
          rows={items.map((i) => [
            <a class="govuk-link" href={`/organizacje/${i.id}`} key="n">
              {i.name}
            </a>,
            o.kinds[i.kind],
            o.roles[i.role],
            <StatusTag status={i.status} key="s" />,
          ])}
        />
      )}
      <p class="govuk-body">
        <a class="govuk-button" href="/organizacje/nowa" data-module="govuk-button">
          {o.registerLink}
        </a>
      </p>
    </Layout>
  );
}
