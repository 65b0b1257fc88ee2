// What the events pages share: when an event is (Warsaw, the reader's language), its state tag,
// one event as a list item, and the filter form (a GET form: it works without JavaScript).
import { localized } from '../../../platform/content.ts';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import { warsawDate } from '../../../platform/time/warsaw.ts';
import { Button, type FormState, Select, Tag, TextInput } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { type EventFilters, filterNames, type ListedEvent } from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import { eventAudiences, eventKinds } from '../schema.ts';
import type { EventRow } from '../service/context.ts';

/** "9 grudnia 2026 17:00–19:00", or both dates in full when it ends on another day. */
export function whenText(locale: Locale, start: Date, end: Date): string {
  return warsawDate(start) === warsawDate(end)
    ? `${formatDateTime(locale, start)}–${formatDateTime(locale, end, 'time')}`
    : `${formatDateTime(locale, start)} – ${formatDateTime(locale, end)}`;
}

export function StatusTag({ status }: { status: EventRow['status'] }) {
  const p = useView().t.eventPages;
  if (status === 'cancelled') return <Tag colour="red">{p.status.cancelled}</Tag>;
  if (status === 'postponed') return <Tag colour="yellow">{p.status.postponed}</Tag>;
  if (status === 'finished') return <Tag colour="grey">{p.status.finished}</Tag>;
  return null;
}

export const titleOf = (row: EventRow) => localized(row.title, row.titleI18n);

/** One event in a list: its title linked to its page, its state, when, kind, organiser and subarea. */
export function EventItem({ event }: { event: ListedEvent }) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const { row } = event;
  const meta = [p.kinds[row.kind], event.organiser, event.subarea].filter(Boolean).join(' · ');
  return (
    <li>
      <hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible" />
      <h2 class="govuk-heading-m">
        <a class="govuk-link" href={eventPath(row.id)}>
          <Localized value={titleOf(row)} />
        </a>
      </h2>
      <p class="govuk-body">
        <StatusTag status={row.status} />{' '}
        <time dateTime={row.startsAt.toISOString()}>{whenText(locale, row.startsAt, row.endsAt)}</time>
        {row.status === 'postponed' && row.postponedFrom
          ? ` (${p.postponedShort(formatDateTime(locale, row.postponedFrom))})`
          : ''}
      </p>
      {row.status === 'cancelled' && row.cancelReason ? (
        <p class="govuk-body-s">{p.cancelReason(row.cancelReason)}</p>
      ) : null}
      <p class="govuk-body-s">{meta}</p>
    </li>
  );
}

export interface FilterOptions {
  subareas: Array<{ id: string; name: string }>;
  organisers: Array<{ id: string; name: string }>;
}

/** The filters as a GET form to `action`; `dates: false` leaves the date range out (the month view). */
export function FilterForm({
  action,
  filters,
  options,
  dates = true,
  hidden = {},
}: {
  action: string;
  filters: EventFilters;
  options: FilterOptions;
  dates?: boolean;
  hidden?: Record<string, string>;
}) {
  const p = useView().t.eventPages;
  const state: FormState = {
    values: Object.fromEntries(filterNames.map((n) => [n, filters[n] ?? ''])),
    errors: {},
  };
  const filtered = filterNames.some(
    (n) => filters[n] !== undefined && (dates || (n !== 'from' && n !== 'to')),
  );
  return (
    <form method="get" action={action} aria-label={p.filtersTitle}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <TextInput name="q" type="search" label={p.searchLabel} state={state} spellcheck={false} />
      {options.subareas.length ? (
        <Select
          name="subarea"
          label={p.subarea}
          state={state}
          placeholder={p.allSubareas}
          options={options.subareas.map((s) => ({ value: s.id, label: s.name }))}
        />
      ) : null}
      <Select
        name="audience"
        label={p.audience}
        state={state}
        placeholder={p.allAudiences}
        options={eventAudiences.map((a) => ({ value: a, label: p.audiences[a] }))}
      />
      <Select
        name="kind"
        label={p.kind}
        state={state}
        placeholder={p.allKinds}
        options={eventKinds.map((k) => ({ value: k, label: p.kinds[k] }))}
      />
      {options.organisers.length ? (
        <Select
          name="organiser"
          label={p.organiser}
          state={state}
          placeholder={p.allOrganisers}
          options={options.organisers.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}
      {dates ? (
        <>
          <TextInput name="from" type="date" label={p.from} hint={p.dateHint} state={state} width="10" />
          <TextInput name="to" type="date" label={p.to} hint={p.dateHint} state={state} width="10" />
        </>
      ) : null}
      <Button variant="secondary">{p.showResults}</Button>
      {filtered ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${action}${hidden.m ? `?m=${hidden.m}` : ''}`}>
            {p.clearFilters}
          </a>
        </p>
      ) : null}
    </form>
  );
}
