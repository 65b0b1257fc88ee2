// Public pages of the spaces: the list of bookable resources by building and zone, and one
// resource with its details, opening hours, closures and the week calendar.

import { pick } from '../../../platform/content.ts';
import type { Messages } from '../../../platform/i18n/index.ts';
import { formatDay } from '../../../platform/i18n/index.ts';
import { SummaryList } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { AgreementSummary } from '../agreements.ts';
import type { DayAvailability, ResourceView } from '../bookings/index.ts';
import type { Closure } from '../calendar.ts';
import type { OwnBooking } from '../own-bookings.ts';
import type { ResourceTexts } from '../resources.ts';
import { bookingFormHref, closedLabel, DeskCalendar, RoomCalendar } from './calendar.tsx';
import { ResourcePhotos } from './resources.tsx';

export const kindLabel = (t: Messages, kind: ResourceView['kind']) => t.spaces.kinds[kind];

const textsOf = (r: ResourceView, texts: ResourceTexts | undefined): ResourceTexts =>
  texts ?? { name: { pl: r.name }, description: { pl: r.description } };

export function ListPage({
  resources,
  texts,
}: {
  resources: ResourceView[];
  /** Names in the reader's language; without them, the Polish ones. */
  texts?: Map<string, ResourceTexts>;
}) {
  const { t, actor } = useView();
  const l = t.spaces.list;
  // Group by building, then zone, keeping the display order of the service.
  const buildings: Array<{ name: string; zones: Array<{ name: string; items: ResourceView[] }> }> = [];
  for (const r of resources) {
    let b = buildings.find((x) => x.name === r.zone.building);
    if (!b) {
      b = { name: r.zone.building, zones: [] };
      buildings.push(b);
    }
    let z = b.zones.find((x) => x.name === r.zone.name);
    if (!z) {
      z = { name: r.zone.name, items: [] };
      b.zones.push(z);
    }
    z.items.push(r);
  }
  return (
    <Layout title={l.title}>
      <H1>{l.title}</H1>
      <p class="govuk-body-l">{l.lead}</p>
      <ul class="govuk-list">
        {actor ? (
          <li>
            <a class="govuk-link" href="/przestrzenie/moje">
              {l.mine}
            </a>
          </li>
        ) : null}
        <li>
          <a class="govuk-link" href="/przestrzenie/pakiety">
            {l.packages}
          </a>
        </li>
      </ul>
      {buildings.length === 0 ? <p class="govuk-body">{l.empty}</p> : null}
      {buildings.map((b) => (
        <section key={b.name} class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-m" lang="pl">
            {b.name}
          </h2>
          {b.zones.map((z) => (
            <div key={z.name}>
              <h3 class="govuk-heading-s" lang="pl">
                {z.name}
              </h3>
              {z.items.map((r) => (
                <div class="klaster-card" key={r.slug}>
                  <h4 class="govuk-heading-s govuk-!-margin-bottom-2">
                    <a class="govuk-link" href={`/przestrzenie/${r.slug}`}>
                      <Localized value={textsOf(r, texts?.get(r.id)).name} />
                    </a>
                  </h4>
                  <dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-margin-bottom-0">
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">{l.kind}</dt>
                      <dd class="govuk-summary-list__value">{kindLabel(t, r.kind)}</dd>
                    </div>
                    <div class="govuk-summary-list__row">
                      <dt class="govuk-summary-list__key">{l.capacity}</dt>
                      <dd class="govuk-summary-list__value">{t.spaces.capacity(r.kind, r.capacity)}</dd>
                    </div>
                    {r.accessibility ? (
                      <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">{l.accessibility}</dt>
                        <dd class="govuk-summary-list__value" lang="pl">
                          {r.accessibility}
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                </div>
              ))}
            </div>
          ))}
        </section>
      ))}
    </Layout>
  );
}

export interface WeekView {
  /** ISO week shown, e.g. '2026-W48', and its neighbours. */
  week: string;
  prev: string;
  next: string;
  current: string;
  days: DayAvailability[];
  now: Date;
  /** The day the "Book" button prefills: the first bookable day of the week, or from today on. */
  bookDay: string;
  /** The reader's own live bookings of this resource that week. */
  mine: OwnBooking[];
}

/**
 * The public calendar feed of a resource: a webcal:// link that opens the calendar app, and the
 * address in a read-only field to copy (src/client/copy.ts adds a copy button when scripts run).
 */
export function FeedLinks({ url, desk }: { url: string; desk: boolean }) {
  const { t } = useView();
  const m = t.spacesFeeds;
  const webcal = url.replace(/^https?:\/\//, 'webcal://');
  return (
    <section class="klaster-feed" aria-labelledby="kalendarz-ics">
      <h2 class="govuk-heading-m" id="kalendarz-ics">
        {m.subscribeTitle}
      </h2>
      <p class="govuk-body">{desk ? m.subscribeDesk : m.subscribeRoom}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={webcal}>
          {m.subscribe}
        </a>
      </p>
      <div
        class="govuk-form-group"
        data-klaster-copy={m.copy}
        data-klaster-copied={m.copied}
        data-klaster-copy-failed={m.copyFailed}
      >
        <label class="govuk-label" for="feed-public-url">
          {m.publicUrlLabel}
        </label>
        <div id="feed-public-url-hint" class="govuk-hint">
          {m.publicUrlHint}
        </div>
        <input
          class="govuk-input klaster-feed__url"
          id="feed-public-url"
          name="feed-public-url"
          type="url"
          readOnly
          value={url}
          spellcheck={false}
          aria-describedby="feed-public-url-hint"
        />
      </div>
    </section>
  );
}

export function ResourcePage({
  resource,
  week,
  closures,
  agreements = [],
  feedUrl,
  texts,
}: {
  resource: ResourceView;
  /** The name and description in the reader's language; without them, the Polish ones. */
  texts?: ResourceTexts | undefined;
  week: WeekView;
  /** The public iCalendar feed of the resource (https). */
  feedUrl: string;
  /** Closures planned from today on (the week's own are in its days). */
  closures: Closure[];
  /** Desk pools: the signed-in person's agreements valid today (what they can still book). */
  agreements?: AgreementSummary[];
}) {
  const { t, locale, actor } = useView();
  const r = t.spaces.resource;
  const c = t.spaces.calendar;
  const base = `/przestrzenie/${resource.slug}`;
  const closedDays = week.days.filter((d) => d.closed && d.closed.reason !== 'weekday');
  const first = week.days[0]!.date;
  const last = week.days.at(-1)!.date;
  const rows = [
    { key: r.where, value: <span lang="pl">{`${resource.zone.building} — ${resource.zone.name}`}</span> },
    { key: t.spaces.list.kind, value: kindLabel(t, resource.kind) },
    { key: r.capacity, value: t.spaces.capacity(resource.kind, resource.capacity) },
  ];
  if (resource.equipment.length)
    rows.push({
      key: r.equipment,
      value: (
        <ul class="govuk-list govuk-list--bullet" lang="pl">
          {resource.equipment.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ),
    });
  if (resource.accessibility)
    rows.push({ key: r.accessibility, value: <span lang="pl">{resource.accessibility}</span> });
  if (resource.layouts.length)
    rows.push({
      key: r.layouts,
      value: (
        <ul class="govuk-list govuk-list--bullet">
          {resource.layouts.map((l) => (
            <li key={l.key}>{r.layout(l.name, l.capacity)}</li>
          ))}
        </ul>
      ),
    });
  const bookLabel = resource.kind === 'event_space' ? r.request : r.book;
  const { name, description } = textsOf(resource, texts);
  return (
    <Layout title={pick(name, locale).text} back="/przestrzenie" wide>
      <H1 caption={kindLabel(t, resource.kind)}>
        <Localized value={name} />
      </H1>
      {description.pl ? (
        <p class="govuk-body-l">
          <Localized value={description} />
        </p>
      ) : null}
      <ResourcePhotos photos={resource.photos} />
      {resource.kind === 'event_space' ? <div class="govuk-inset-text">{r.eventSpaceNotice}</div> : null}
      {resource.kind === 'desk' && agreements.length > 0 ? (
        <div class="govuk-inset-text" id="moje-umowy">
          <h2 class="govuk-heading-s">{r.yourAgreements}</h2>
          <ul class="govuk-list">
            {agreements.map((a) => {
              const until = formatDay(locale, a.endsOn);
              const packageName = pick(a.packageLocalized, locale).text;
              return (
                <li key={a.id}>
                  {a.fixedDesk
                    ? r.fixedUntil(packageName, a.number, a.fixedDesk.number, until)
                    : a.daysTotal === null
                      ? r.unlimitedUntil(packageName, a.number, until)
                      : r.passLeft(
                          packageName,
                          a.number,
                          Math.max(0, a.daysTotal - a.daysUsed),
                          a.daysTotal,
                          until,
                        )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {resource.kind === 'desk' && agreements.length === 0 ? (
        <div class="govuk-inset-text">
          {r.deskNotice}{' '}
          <a class="govuk-link" href="/przestrzenie/pakiety">
            {r.packagesLink}
          </a>
        </div>
      ) : null}
      <div class="govuk-button-group">
        <a
          class="govuk-button"
          data-module="govuk-button"
          href={bookingFormHref(resource.slug, { date: week.bookDay })}
        >
          {bookLabel}
        </a>
        {actor ? null : (
          <a class="govuk-link" href={`/logowanie?next=${encodeURIComponent(base)}`}>
            {r.signInToBook}
          </a>
        )}
      </div>

      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds-from-desktop">
          <h2 class="govuk-heading-m">{r.about}</h2>
          <SummaryList rows={rows} />
        </div>
        <div class="govuk-grid-column-one-third-from-desktop">
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{r.hours}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  {r.weekday}
                </th>
                <th scope="col" class="govuk-table__header">
                  {r.open}
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {resource.openingHours.map((h, i) => (
                <tr class="govuk-table__row" key={t.time.weekdays[i]}>
                  <th scope="row" class="govuk-table__header">
                    {t.time.weekdays[i]}
                  </th>
                  <td class="govuk-table__cell">{h ? `${h.open}–${h.close}` : r.closedWeekday}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="govuk-body-s">{r.hoursNote}</p>
        </div>
      </div>

      <h2 class="govuk-heading-m" id="kalendarz">
        {c.title}
      </h2>
      <p class="govuk-body">{c.week(formatDay(locale, first), formatDay(locale, last))}</p>
      <nav class="govuk-pagination govuk-pagination--block" aria-label={c.weekNav}>
        <div class="govuk-pagination__prev">
          <a
            class="govuk-link govuk-pagination__link"
            href={`${base}?tydzien=${week.prev}#kalendarz`}
            rel="prev"
          >
            <span class="govuk-pagination__link-title">{c.prev}</span>
          </a>
        </div>
        {week.week !== week.current ? (
          <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href={`${base}?tydzien=${week.current}#kalendarz`}>
              <span class="govuk-pagination__link-title">{c.current}</span>
            </a>
          </div>
        ) : null}
        <div class="govuk-pagination__next">
          <a
            class="govuk-link govuk-pagination__link"
            href={`${base}?tydzien=${week.next}#kalendarz`}
            rel="next"
          >
            <span class="govuk-pagination__link-title">{c.next}</span>
          </a>
        </div>
      </nav>
      {resource.kind === 'desk' ? (
        <DeskCalendar resource={resource} names={name} days={week.days} now={week.now} mine={week.mine} />
      ) : (
        <>
          <p class="govuk-body">{c.legend}</p>
          <RoomCalendar resource={resource} names={name} days={week.days} now={week.now} mine={week.mine} />
        </>
      )}

      <FeedLinks url={feedUrl} desk={resource.kind === 'desk'} />

      <h2 class="govuk-heading-m">{r.closuresTitle}</h2>
      {closedDays.length ? (
        <ul class="govuk-list govuk-list--bullet">
          {closedDays.map((d) => (
            <li key={d.date}>
              {d.closed?.reason === 'holiday'
                ? r.holidayOn(
                    formatDay(locale, d.date),
                    (t.time.holidays as Record<string, string>)[d.closed.holiday ?? ''] ?? '',
                  )
                : r.closureOn(formatDay(locale, d.date), d.closed?.closure ?? closedLabel(t, d))}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">{r.noClosures}</p>
      )}
      {closures.length ? (
        <>
          <h3 class="govuk-heading-s">{r.upcomingClosures}</h3>
          <ul class="govuk-list govuk-list--bullet">
            {closures.map((cl) => (
              <li key={`${cl.from}-${cl.to}-${cl.reason}`}>
                {r.closureRange(formatDay(locale, cl.from), formatDay(locale, cl.to), cl.reason)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
