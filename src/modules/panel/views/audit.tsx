import { Fragment } from 'preact';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  type FormState,
  Pagination,
  Select,
  Table,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import type { AuditEntry } from '../service.ts';
import { actionLabel, diff, entityTypeLabel, fieldLabel, valueText } from './format.ts';
import { PanelLayout } from './layout.tsx';

export interface AuditModel {
  state: FormState;
  facets: { actions: string[]; entityTypes: string[] };
  entries: AuditEntry[] | null;
  prev: string | null;
  next: string | null;
  csv: string | null;
  /** Link that drops the entity filter, when the view is narrowed to one record. */
  entityFilter: { id: string; clear: string } | null;
}

function Who({ e }: { e: AuditEntry }) {
  const { t } = useView();
  const a = t.panel.audit;
  if (!e.actorId) return <>{a.system}</>;
  if (e.actorDeleted) return <span class="govuk-hint govuk-!-margin-0">{a.deletedAccount}</span>;
  return (
    <>
      <a class="govuk-link" href={`/panel/uzytkownicy/${encodeURIComponent(e.actorId)}`}>
        {e.actorName ?? e.actorId}
      </a>
      {e.actorEmail ? (
        <>
          <br />
          <span class="govuk-body-s">{e.actorEmail}</span>
        </>
      ) : null}
    </>
  );
}

function Entity({ e }: { e: AuditEntry }) {
  const { t } = useView();
  const label = entityTypeLabel(t, e.entityType);
  if (!e.entityId) return <>{label}</>;
  return (
    <>
      {label}
      <br />
      {e.entityType === 'user' ? (
        <a class="govuk-link govuk-body-s" href={`/panel/uzytkownicy/${encodeURIComponent(e.entityId)}`}>
          {e.entityId}
        </a>
      ) : (
        <span class="govuk-body-s">{e.entityId}</span>
      )}
    </>
  );
}

function Changes({ e }: { e: AuditEntry }) {
  const { t, locale } = useView();
  const a = t.panel.audit;
  const changes = diff(e.before, e.after);
  if (!changes.length) return <span class="govuk-body-s">{a.noChanges}</span>;
  return (
    <dl class="govuk-body-s govuk-!-margin-0">
      {changes.map((c) => (
        <Fragment key={c.key}>
          <dt class="govuk-!-font-weight-bold">{fieldLabel(t, c.key)}</dt>
          <dd class="govuk-!-margin-left-0 govuk-!-margin-bottom-2">
            <span class="govuk-visually-hidden">{a.changeFrom}: </span>
            {valueText(t, locale, c.key, c.from)} <span aria-hidden="true">→</span>
            <span class="govuk-visually-hidden">, {a.changeTo}:</span> {valueText(t, locale, c.key, c.to)}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

export function AuditPage({ model }: { model: AuditModel }) {
  const { t, locale } = useView();
  const a = t.panel.audit;
  const { state, facets, entries } = model;
  const current = (name: string) => {
    const v = state.values[name];
    return typeof v === 'string' ? v : '';
  };
  const withCurrent = (list: string[], v: string) => (v && !list.includes(v) ? [...list, v] : list);
  return (
    <PanelLayout title={a.title}>
      <ErrorSummary state={state} order={['aktor', 'akcja', 'typ', 'od', 'do']} />
      <H1 caption={t.panel.caption}>{a.title}</H1>
      <p class="govuk-body">{a.lead}</p>
      <form method="get" action="/panel/audyt" novalidate>
        {model.entityFilter ? <input type="hidden" name="obiekt" value={model.entityFilter.id} /> : null}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third-from-desktop">
            <TextInput
              name="aktor"
              label={a.actorLabel}
              hint={a.actorHint}
              state={state}
              spellcheck={false}
            />
          </div>
          <div class="govuk-grid-column-one-third-from-desktop">
            <Select
              name="akcja"
              label={a.actionLabel}
              state={state}
              placeholder={a.anyAction}
              options={withCurrent(facets.actions, current('akcja')).map((x) => ({
                value: x,
                label: actionLabel(t, x),
              }))}
            />
          </div>
          <div class="govuk-grid-column-one-third-from-desktop">
            <Select
              name="typ"
              label={a.entityLabel}
              state={state}
              placeholder={a.anyEntity}
              options={withCurrent(facets.entityTypes, current('typ')).map((x) => ({
                value: x,
                label: entityTypeLabel(t, x),
              }))}
            />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third-from-desktop">
            <TextInput name="od" type="date" label={a.fromLabel} hint={a.dateHint} state={state} />
          </div>
          <div class="govuk-grid-column-one-third-from-desktop">
            <TextInput name="do" type="date" label={a.toLabel} hint={a.dateHint} state={state} />
          </div>
        </div>
        <div class="govuk-button-group">
          <Button>{t.panel.filter}</Button>
          <a class="govuk-link" href="/panel/audyt">
            {t.panel.clearFilters}
          </a>
        </div>
      </form>
      {model.entityFilter ? (
        <p class="govuk-inset-text">
          {a.entityFilter(model.entityFilter.id)}{' '}
          <a class="govuk-link" href={model.entityFilter.clear}>
            {t.panel.clearFilters}
          </a>
        </p>
      ) : null}

      {entries && entries.length > 0 ? (
        <>
          {model.csv ? (
            <p class="govuk-body">
              <a class="govuk-link" href={model.csv} download>
                {a.csv}
              </a>
            </p>
          ) : null}
          <Table
            caption={a.caption}
            head={[a.when, a.who, a.what, a.entity, a.changes]}
            rows={entries.map((e) => [
              formatDateTime(locale, e.createdAt),
              <Who key="who" e={e} />,
              actionLabel(t, e.action),
              <Entity key="entity" e={e} />,
              <Changes key="changes" e={e} />,
            ])}
          />
        </>
      ) : entries ? (
        <p class="govuk-inset-text">{a.empty}</p>
      ) : null}
      <Pagination prev={model.prev} next={model.next} />
    </PanelLayout>
  );
}
