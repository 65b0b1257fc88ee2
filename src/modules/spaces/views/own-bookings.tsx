// "My bookings": a person's bookings by scope (upcoming, past, cancelled), a page at a time, with
// today's self check-in on top.
import type { ComponentChildren } from 'preact';
import { pick } from '../../../platform/content.ts';
import { Pagination, SummaryList, ViewTabs } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { BookingView } from '../bookings/index.ts';
import { describeWhen, SelfCheckInPanel, StatusTag } from './bookings.tsx';
import { MadeBy } from './event-request.tsx';

export type MineScope = 'upcoming' | 'past' | 'cancelled';

export const MINE_SCOPES: Record<MineScope, string> = {
  upcoming: '/przestrzenie/moje',
  past: '/przestrzenie/moje?widok=minione',
  cancelled: '/przestrzenie/moje?widok=odwolane',
};

/** One booking of "my bookings": a card titled with the space, its title, time, status and actions. */
function MineCard({ booking: b }: { booking: BookingView }) {
  const { t, locale } = useView();
  const m = t.spaces.mine;
  const when = describeWhen(t, locale, b);
  const href = `/przestrzenie/rezerwacje/${b.id}`;
  // The resource's name in the reader's language, else the Polish one (marked so).
  const name = pick(b.resourceNames, locale);
  const about = <span class="govuk-visually-hidden">{m.about(name.text, when)}</span>;
  const rows: Array<{ key: string; value: ComponentChildren }> = [];
  if (b.title) rows.push({ key: m.titleField, value: b.title });
  rows.push({ key: m.when, value: when }, { key: m.status, value: <StatusTag status={b.status} /> });
  return (
    <div class="govuk-summary-card klaster-booking-card">
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" lang={name.lang === 'pl' ? 'pl' : undefined}>
          {name.text}
        </h3>
        <ul class="govuk-summary-card__actions">
          <li class="govuk-summary-card__action">
            <a class="govuk-link" href={href}>
              {m.details}
              {about}
            </a>
          </li>
          {b.can.change ? (
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={`${href}/zmiana`}>
                {m.change}
                {about}
              </a>
            </li>
          ) : null}
          {b.can.cancel ? (
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={`${href}/odwolanie`}>
                {m.cancel}
                {about}
              </a>
            </li>
          ) : null}
        </ul>
      </div>
      <div class="govuk-summary-card__content">
        <SummaryList rows={rows} />
        <MadeBy name={b.actedBy?.name} />
      </div>
    </div>
  );
}

export function MinePage({
  scope,
  items,
  first,
  nextCursor,
  checkIns = [],
}: {
  scope: MineScope;
  items: BookingView[];
  /** Today's bookings the person can check into themselves, each with its QR code. */
  checkIns?: Array<{ booking: BookingView; svg: string }>;
  /** The first page (no cursor): "back to the start" is not offered. */
  first: boolean;
  nextCursor: string | null;
}) {
  const { t } = useView();
  const m = t.spaces.mine;
  const base = MINE_SCOPES[scope];
  const from = (cursor: string) => `${base}${base.includes('?') ? '&' : '?'}od=${encodeURIComponent(cursor)}`;
  const tabs: Array<[MineScope, string]> = [
    ['upcoming', m.upcoming],
    ['past', m.past],
    ['cancelled', m.cancelled],
  ];
  const caption = { upcoming: m.upcomingCaption, past: m.pastCaption, cancelled: m.cancelledCaption }[scope];
  const empty = { upcoming: m.emptyUpcoming, past: m.emptyPast, cancelled: m.emptyCancelled }[scope];
  return (
    <Layout title={m.title} back="/przestrzenie">
      <H1>{m.title}</H1>
      {checkIns.map((c) => (
        <SelfCheckInPanel
          key={c.booking.id}
          booking={c.booking}
          svg={c.svg}
          heading={
            <Localized
              value={c.booking.resourceNames}
              within={(name) => `${t.spaces.selfCheckIn.todayHeading}: ${name}`}
            />
          }
        />
      ))}
      <ViewTabs
        label={m.views}
        tabs={tabs.map(([key, label]) => ({ href: MINE_SCOPES[key], label, current: scope === key }))}
      />
      <h2 class="govuk-heading-m">{caption}</h2>
      {items.length === 0 ? (
        <>
          <p class="govuk-body">{empty}</p>
          <p class="govuk-body">
            <a class="govuk-link" href="/przestrzenie">
              {m.browse}
            </a>
          </p>
        </>
      ) : (
        items.map((b) => <MineCard key={b.id} booking={b} />)
      )}
      <Pagination prev={first ? null : base} next={nextCursor ? from(nextCursor) : null} />
      <p class="govuk-body">
        <a class="govuk-link" href="/przestrzenie/moje/kalendarz">
          {m.feed}
        </a>
      </p>
    </Layout>
  );
}
