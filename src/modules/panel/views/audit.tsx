import { Fragment } from 'preact';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  CsvDownloads,
  ErrorSummary,
  type FormState,
  Pagination,
  Select,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { AuditEntry } from '../service/index.ts';
import { actionLabel, diff, entityTypeLabel, fieldLabel, valueText } from './format.ts';

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
      {e.onBehalfOfId ? (
        <>
          <br />
          <span class="govuk-body-s">
            {a.onBehalfOf}{' '}
            {e.onBehalfOfName ? (
              <a class="govuk-link" href={`/panel/uzytkownicy/${encodeURIComponent(e.onBehalfOfId)}`}>
                {e.onBehalfOfName}
              </a>
            ) : (
              a.deletedAccount
            )}
          </span>
        </>
      ) : null}
    </>
  );
}

function Entity({ e }: { e: AuditEntry }) {
  const { t } = useView();
  const a = t.panel.audit;
  const label = entityTypeLabel(t, e.entityType);
  if (!e.entityId) return <>{label}</>;
  const name = e.entityName ?? a.recordGone;
  return (
    <>
      {label}:{' '}
      {e.entityHref ? (
        <a class="govuk-link" href={e.entityHref} lang={e.entityLang}>
          {name}
        </a>
      ) : (
        <span class={e.entityName ? undefined : 'govuk-hint govuk-!-margin-0'} lang={e.entityLang}>
          {name}
        </span>
      )}
      <br />
      <span class="govuk-body-s klaster-break">
        {a.recordId}: {e.entityId}{' '}
        <a class="govuk-link" href={`/panel/audyt?obiekt=${encodeURIComponent(e.entityId)}`}>
          {a.allForRecord}
        </a>
      </span>
    </>
  );
}

function Changes({ e }: { e: AuditEntry }) {
  const { t, locale } = useView();
  const a = t.panel.audit;
  const changes = diff(e.before, e.after);
  if (!changes.length) return <span class="govuk-body-s">{a.noChanges}</span>;
  return (
    <dl class="govuk-body-s govuk-!-margin-0 klaster-break">
      {changes.map((c) => (
        <Fragment key={c.key}>
          <dt class="govuk-!-font-weight-bold">{fieldLabel(t, c.key, e.entityType)}</dt>
          <dd class="govuk-!-margin-left-0 govuk-!-margin-bottom-2">
            <span class="govuk-visually-hidden">{a.changeFrom}: </span>
            {valueText(t, locale, c.key, c.from, e.entityType)} <span aria-hidden="true">→</span>
            <span class="govuk-visually-hidden">, {a.changeTo}:</span>{' '}
            {valueText(t, locale, c.key, c.to, e.entityType)}
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
      <H1 caption={t.common.backOffice.caption}>{a.title}</H1>
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
          {model.csv ? <CsvDownloads href={model.csv} label={a.csv} /> : null}
          {/* One entry a block (not a five-column table), so the log fits a phone as well as 1280 px. */}
          <ol class="klaster-audit" aria-label={a.caption}>
            {entries.map((e) => (
              <li class="klaster-audit__entry" key={e.id}>
                <h2 class="govuk-heading-s govuk-!-margin-bottom-1">{actionLabel(t, e.action)}</h2>
                <p class="govuk-body-s govuk-!-margin-bottom-2">
                  <time dateTime={e.createdAt.toISOString()}>{formatDateTime(locale, e.createdAt)}</time>
                </p>
                <dl class="govuk-summary-list govuk-!-margin-bottom-0">
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{a.who}</dt>
                    <dd class="govuk-summary-list__value klaster-break">
                      <Who e={e} />
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{a.entity}</dt>
                    <dd class="govuk-summary-list__value">
                      <Entity e={e} />
                    </dd>
                  </div>
                  <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{a.changes}</dt>
                    <dd class="govuk-summary-list__value">
                      <Changes e={e} />
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        </>
      ) : entries ? (
        <p class="govuk-inset-text">{a.empty}</p>
      ) : null}
      <Pagination prev={model.prev} next={model.next} />
    </PanelLayout>
  );
}
