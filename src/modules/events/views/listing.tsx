// The public list of events (upcoming or the archive) and the month view.
import { intlLocales } from '../../../platform/i18n/index.ts';
import {
  addDays,
  eachDay,
  type LocalDate,
  warsawDate,
  warsawTime,
  weekStart,
} from '../../../platform/time/warsaw.ts';
import { Pagination } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import {
  type EventFilters,
  type EventPage,
  filtersSearch,
  hasFilters,
  type ListedEvent,
} from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import { PROPOSALS_PATH } from './event-form.tsx';
import { EventItem, FilterForm, type FilterOptions, StatusTag, titleOf } from './shared.tsx';

export const LIST_PATH = '/wydarzenia';
export const ARCHIVE_PATH = '/wydarzenia/archiwum';
export const MONTH_PATH = '/wydarzenia/miesiac';
export const FEED_PATH = '/wydarzenia/kalendarz.ics';
export const MINE_PATH = '/wydarzenia/moje';

function Links({ archive, filters }: { archive: boolean; filters: EventFilters }) {
  const { t, actor } = useView();
  const p = t.eventPages;
  return (
    <ul class="govuk-list">
      <li>
        <a class="govuk-link" href={`${archive ? LIST_PATH : ARCHIVE_PATH}${filtersSearch(filters)}`}>
          {archive ? p.upcomingLink : p.archiveLink}
        </a>
      </li>
      <li>
        <a
          class="govuk-link"
          href={`${MONTH_PATH}${filtersSearch({ ...filters, from: undefined, to: undefined })}`}
        >
          {p.monthLink}
        </a>
      </li>
      {actor ? (
        <li>
          <a class="govuk-link" href={MINE_PATH}>
            {p.mineLink}
          </a>
        </li>
      ) : null}
      {actor ? (
        <li>
          <a class="govuk-link" href={PROPOSALS_PATH}>
            {t.eventAdmin.mineLink}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/** The feed of the filters shown: its address and what it is for. */
function Subscribe({ filters }: { filters: EventFilters }) {
  const { t, locale } = useView();
  const p = t.eventPages;
  // A calendar app sends neither our cookie nor, often, its language: the address carries it.
  const lang: Record<string, string> = locale === 'pl' ? {} : { lang: locale };
  return (
    <>
      <p class="govuk-body">
        <a
          class="govuk-link"
          href={`${FEED_PATH}${filtersSearch({ ...filters, from: undefined, to: undefined }, lang)}`}
        >
          {p.subscribe}
        </a>
      </p>
      <p class="govuk-hint">{p.subscribeHint}</p>
    </>
  );
}

export function ListPage({
  archive,
  page,
  filters,
  options,
}: {
  archive: boolean;
  page: EventPage;
  filters: EventFilters;
  options: FilterOptions;
}) {
  const p = useView().t.eventPages;
  const base = archive ? ARCHIVE_PATH : LIST_PATH;
  const title = archive ? p.archiveTitle : p.listTitle;
  const href = (cursor: string | null) => (cursor ? `${base}${filtersSearch(filters, { cursor })}` : null);
  return (
    <Layout title={title}>
      <H1>{title}</H1>
      <p class="govuk-body">{archive ? p.archiveLead : p.listLead}</p>
      <Links archive={archive} filters={filters} />
      <FilterForm action={base} filters={filters} options={options} />
      {page.items.length === 0 ? (
        <p class="govuk-body govuk-!-font-weight-bold">
          {hasFilters(filters) ? p.emptyFiltered : archive ? p.emptyArchive : p.empty}
        </p>
      ) : (
        <ul class="govuk-list" aria-label={p.resultsCaption}>
          {page.items.map((e) => (
            <EventItem key={e.row.id} event={e} />
          ))}
        </ul>
      )}
      <Pagination prev={href(page.prevCursor)} next={href(page.nextCursor)} />
      {archive ? null : <Subscribe filters={filters} />}
    </Layout>
  );
}

/** 'YYYY-MM' and the month after or before it. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The Warsaw days of the month, first and last. */
export function monthDays(month: string): { first: LocalDate; last: LocalDate } {
  const first = `${month}-01`;
  return { first, last: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** The days each event is on (its start day to its last day), within the month's table. */
function byDay(list: ListedEvent[]): Map<LocalDate, ListedEvent[]> {
  const days = new Map<LocalDate, ListedEvent[]>();
  for (const e of list) {
    const lastDay = warsawDate(new Date(e.row.endsAt.getTime() - 1));
    for (const d of eachDay(warsawDate(e.row.startsAt), lastDay)) {
      const on = days.get(d) ?? [];
      on.push(e);
      days.set(d, on);
    }
  }
  return days;
}

export function MonthPage({
  month,
  list,
  filters,
  options,
}: {
  month: string;
  list: ListedEvent[];
  filters: EventFilters;
  options: FilterOptions;
}) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const { first, last } = monthDays(month);
  const name = new Intl.DateTimeFormat(intlLocales[locale], {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${first}T12:00:00Z`));
  const weekday = new Intl.DateTimeFormat(intlLocales[locale], { weekday: 'long', timeZone: 'UTC' });
  const start = weekStart(first);
  const end = addDays(weekStart(last), 6);
  const days = eachDay(start, end);
  const weeks: LocalDate[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const on = byDay(list);
  const keep = { ...filters, from: undefined, to: undefined };
  const monthHref = (m: string) => `${MONTH_PATH}${filtersSearch(keep, { m })}`;
  return (
    <Layout title={p.monthTitle(name)} wide>
      <H1>{p.monthTitle(name)}</H1>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${LIST_PATH}${filtersSearch(keep)}`}>
            {p.listView}
          </a>
        </li>
      </ul>
      <FilterForm
        action={MONTH_PATH}
        filters={filters}
        options={options}
        dates={false}
        hidden={{ m: month }}
      />
      <nav class="govuk-pagination" aria-label={p.monthLink}>
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={monthHref(shiftMonth(month, -1))} rel="prev">
            <span class="govuk-pagination__link-title">{p.prevMonth}</span>
          </a>
        </div>
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={monthHref(shiftMonth(month, 1))} rel="next">
            <span class="govuk-pagination__link-title">{p.nextMonth}</span>
          </a>
        </div>
      </nav>
      {list.length === 0 ? <p class="govuk-body govuk-!-font-weight-bold">{p.monthEmpty}</p> : null}
      <table class="govuk-table klaster-month">
        <caption class="govuk-table__caption govuk-table__caption--m">{p.monthCaption(name)}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {weeks[0]!.map((d) => (
              <th scope="col" class="govuk-table__header" key={d}>
                {weekday.format(new Date(`${d}T12:00:00Z`))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {weeks.map((week) => (
            <tr class="govuk-table__row" key={week[0]}>
              {week.map((d) => {
                const inMonth = d >= first && d <= last;
                const here = inMonth ? (on.get(d) ?? []) : [];
                return (
                  <td class="govuk-table__cell" key={d} data-day={inMonth ? d : undefined}>
                    {inMonth ? (
                      <>
                        <time dateTime={d} class="govuk-!-font-weight-bold">
                          {Number(d.slice(8))}
                          <span class="govuk-visually-hidden">
                            {' '}
                            {weekday.format(new Date(`${d}T12:00:00Z`))}
                          </span>
                        </time>
                        {here.length ? (
                          <ul class="govuk-list govuk-body-s">
                            {here.map((e) => (
                              <li key={e.row.id}>
                                {warsawDate(e.row.startsAt) === d ? `${warsawTime(e.row.startsAt)} ` : ''}
                                <a class="govuk-link" href={eventPath(e.row.id)}>
                                  <Localized value={titleOf(e.row)} />
                                </a>{' '}
                                <StatusTag status={e.row.status} />
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
