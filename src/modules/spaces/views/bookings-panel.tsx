// The staff's booking screens: the queue of requests (approve, decline with a reason) and the
// day view of every booking by resource (check in, cancel with a reason).
import { pick } from '../../../platform/content.ts';
import { formatDateTime, formatDay } from '../../../platform/i18n/index.ts';
import { addDays, type LocalDate } from '../../../platform/time/warsaw.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { BookingView } from '../bookings/index.ts';
import { describeWhen, ResourceName, StatusTag } from './bookings.tsx';

function Person({ b }: { b: BookingView }) {
  if (!b.person) return null;
  return (
    <>
      {b.person.name}
      <br />
      <a class="govuk-link" href={`mailto:${b.person.email}`}>
        {b.person.email}
      </a>
      {b.organisation ? (
        <>
          <br />
          {b.organisation.name}
        </>
      ) : null}
    </>
  );
}

export function BookingsPanelPage({
  requests,
  day,
  today,
  bookings,
}: {
  requests: BookingView[];
  day: LocalDate;
  /** Today's date in Warsaw, by the app's clock. */
  today: LocalDate;
  bookings: BookingView[];
}) {
  const { t, locale } = useView();
  const p = t.spaces.panel;
  const dayLabel = formatDay(locale, day);
  const layoutName = (b: BookingView) => b.layout ?? '';
  // The resource's name in the reader's language, else the Polish one (marked lang="pl").
  const polish = (b: BookingView) => pick(b.resourceNames, locale).lang === 'pl';
  return (
    <PanelLayout title={p.title}>
      <H1>{p.title}</H1>

      <h2 class="govuk-heading-m">{p.requestsTitle}</h2>
      {requests.length === 0 ? (
        <p class="govuk-body">{p.noRequests}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{p.requestsCaption}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {p.when}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.resource}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.person}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.event}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.actions}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {requests.map((b) => (
              <tr class="govuk-table__row" key={b.id}>
                <th scope="row" class="govuk-table__header">
                  <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
                    {describeWhen(t, locale, b)}
                  </a>
                </th>
                <td class="govuk-table__cell" lang={polish(b) ? 'pl' : undefined}>
                  {pick(b.resourceNames, locale).text}
                </td>
                <td class="govuk-table__cell">
                  <Person b={b} />
                </td>
                <td class="govuk-table__cell">
                  {p.eventLine(b.title, b.attendees ? String(b.attendees) : '', layoutName(b))}
                  {b.notes ? <p class="govuk-body-s govuk-!-margin-0">{b.notes}</p> : null}
                  {b.setupMinutes || b.teardownMinutes ? (
                    <p class="govuk-body-s govuk-!-margin-0">
                      {t.assisted.event.setupTeardownValue(b.setupMinutes, b.teardownMinutes)}
                    </p>
                  ) : null}
                  {b.holdUntil ? (
                    <p class="govuk-body-s govuk-!-margin-0">
                      <strong>{t.assisted.event.holdLapses(formatDateTime(locale, b.holdUntil))}</strong>
                    </p>
                  ) : null}
                  {b.actedBy ? (
                    <p class="govuk-body-s govuk-!-margin-0">{t.assisted.serve.madeBy(b.actedBy.name)}</p>
                  ) : null}
                </td>
                <td class="govuk-table__cell">
                  <div class="klaster-actions">
                    <ActionButton
                      action={`/panel/rezerwacje/${b.id}/zatwierdzenie`}
                      label={p.approve}
                      context={describeWhen(t, locale, b)}
                    />
                    <a
                      class="govuk-button govuk-button--warning"
                      href={`/panel/rezerwacje/${b.id}/odrzucenie`}
                    >
                      {p.decline}
                      <span class="govuk-visually-hidden"> — {describeWhen(t, locale, b)}</span>
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 class="govuk-heading-m" id="dzien">
        {p.dayTitle(dayLabel)}
      </h2>
      <nav class="govuk-pagination govuk-pagination--block" aria-label={p.dayNav}>
        <div class="govuk-pagination__prev">
          <a
            class="govuk-link govuk-pagination__link"
            href={`/panel/rezerwacje?dzien=${addDays(day, -1)}#dzien`}
            rel="prev"
          >
            <span class="govuk-pagination__link-title">{p.prevDay}</span>
          </a>
        </div>
        {day !== today ? (
          <div class="govuk-pagination__prev">
            <a class="govuk-link govuk-pagination__link" href="/panel/rezerwacje#dzien">
              <span class="govuk-pagination__link-title">{p.today}</span>
            </a>
          </div>
        ) : null}
        <div class="govuk-pagination__next">
          <a
            class="govuk-link govuk-pagination__link"
            href={`/panel/rezerwacje?dzien=${addDays(day, 1)}#dzien`}
            rel="next"
          >
            <span class="govuk-pagination__link-title">{p.nextDay}</span>
          </a>
        </div>
      </nav>
      <form method="get" action="/panel/rezerwacje" class="govuk-!-margin-bottom-6">
        <TextInput
          name="dzien"
          type="date"
          label={p.dayField}
          state={{ values: { dzien: day }, errors: {} }}
          width="10"
        />
        <Button variant="secondary">{p.show}</Button>
      </form>
      {bookings.length === 0 ? (
        <p class="govuk-body">{p.noBookings}</p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">{p.dayCaption(dayLabel)}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {p.resource}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.hours}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.person}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.status}
              </th>
              <th scope="col" class="govuk-table__header">
                {p.actions}
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {bookings.map((b) => (
              <tr class="govuk-table__row" key={b.id}>
                <th scope="row" class="govuk-table__header" lang={polish(b) ? 'pl' : undefined}>
                  {pick(b.resourceNames, locale).text}
                </th>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
                    {b.kind === 'desk'
                      ? t.spaces.wholeDay
                      : `${formatDateTime(locale, b.startsAt, 'time')}–${formatDateTime(locale, b.endsAt, 'time')}`}
                  </a>
                  {b.title ? <p class="govuk-body-s govuk-!-margin-0">{b.title}</p> : null}
                </td>
                <td class="govuk-table__cell">
                  <Person b={b} />
                </td>
                <td class="govuk-table__cell">
                  <StatusTag status={b.status} />
                </td>
                <td class="govuk-table__cell">
                  <div class="klaster-actions">
                    {b.can.checkIn ? (
                      <ActionButton
                        action={`/panel/rezerwacje/${b.id}/obecnosc`}
                        label={p.checkIn}
                        context={describeWhen(t, locale, b)}
                        hidden={{ dzien: day }}
                      />
                    ) : null}
                    {b.can.cancel ? (
                      <a
                        class="govuk-button govuk-button--warning"
                        href={`/panel/rezerwacje/${b.id}/odwolanie`}
                      >
                        {p.cancel}
                        <span class="govuk-visually-hidden">
                          {' — '}
                          {b.person?.name ?? ''}, {describeWhen(t, locale, b)}
                        </span>
                      </a>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PanelLayout>
  );
}

/** A staff decision that needs a reason: declining a request or cancelling a booking. */
export function ReasonPage({
  mode,
  booking: b,
  state,
}: {
  mode: 'decline' | 'cancel';
  booking: BookingView;
  state: FormState;
}) {
  const { t, locale } = useView();
  const p = t.spaces.panel;
  const decline = mode === 'decline';
  const title = decline ? p.declineTitle : p.cancelTitle;
  const action = `/panel/rezerwacje/${b.id}/${decline ? 'odrzucenie' : 'odwolanie'}`;
  const rows = [
    { key: t.spaces.booking.resource, value: <ResourceName names={b.resourceNames} /> },
    { key: t.spaces.booking.when, value: describeWhen(t, locale, b) },
    { key: t.spaces.booking.person, value: <Person b={b} /> },
    { key: t.spaces.booking.status, value: <StatusTag status={b.status} /> },
  ];
  if (b.title) rows.push({ key: t.spaces.booking.titleField, value: b.title });
  return (
    <PanelLayout title={title} back="/panel/rezerwacje">
      <ErrorSummary state={state} />
      <H1>{title}</H1>
      <SummaryList rows={rows} />
      <Form action={action}>
        <Textarea
          name="reason"
          label={decline ? p.reason : p.cancelReason}
          hint={decline ? p.reasonHint : p.cancelReasonHint}
          state={state}
          rows={4}
        />
        <div class="govuk-button-group">
          <Button variant="warning">{decline ? p.declineSubmit : p.cancelSubmit}</Button>
          <a class="govuk-link" href="/panel/rezerwacje">
            {t.common.backLink}
          </a>
        </div>
      </Form>
    </PanelLayout>
  );
}
