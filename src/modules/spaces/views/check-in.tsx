// Self check-in: the page a booking's QR code opens. It shows the booking and a confirm button
// while check-in is open, or why it is not (too early, too late, already checked in, cancelled,
// released, someone else's). Only the POST of its form changes anything.
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { BookingView, CheckInState } from '../bookings/index.ts';
import { describeWhen, ResourceName, StatusTag } from './bookings.tsx';

export function CheckInPage({
  token,
  state,
  booking: b,
  refused = false,
}: {
  token: string;
  state: CheckInState;
  booking: BookingView | null;
  /** The page answers a confirmation that was refused: the reason is an error to fix. */
  refused?: boolean;
}) {
  const { t, locale } = useView();
  const c = t.spaces.selfCheckIn;
  const at = (d: Date | null) => (d ? formatDateTime(locale, d) : '');
  const reason =
    state === 'open' || !b
      ? state === 'notYours'
        ? c.notYours
        : null
      : state === 'tooEarly'
        ? c.tooEarly(at(b.selfCheckIn?.opensAt ?? b.startsAt))
        : state === 'tooLate'
          ? c.tooLate(at(b.selfCheckIn?.closesAt ?? b.checkInUntil ?? b.endsAt))
          : state === 'checkedIn'
            ? c.checkedIn(at(b.checkedInAt))
            : c[state];
  const errors: FormState = { values: {}, errors: refused && reason ? { _form: reason } : {} };
  return (
    <Layout title={c.title} back={b ? `/przestrzenie/rezerwacje/${b.id}` : '/przestrzenie/moje'}>
      <ErrorSummary state={errors} />
      <H1>{c.title}</H1>
      {b ? (
        <SummaryList
          rows={[
            { key: t.spaces.booking.resource, value: <ResourceName names={b.resourceNames} /> },
            { key: t.spaces.booking.when, value: describeWhen(t, locale, b) },
            { key: t.spaces.booking.status, value: <StatusTag status={b.status} /> },
          ]}
        />
      ) : null}
      {reason && !refused ? (
        <div class="govuk-inset-text" id="stan-obecnosci">
          {reason}
        </div>
      ) : null}
      {state === 'open' && b?.selfCheckIn ? (
        <Form action={`/przestrzenie/obecnosc/${token}`}>
          <p class="govuk-body">{c.open(at(b.selfCheckIn.closesAt))}</p>
          <Button>{c.confirm}</Button>
        </Form>
      ) : null}
      <p class="govuk-body">
        {b ? (
          <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
            {c.booking}
          </a>
        ) : (
          <a class="govuk-link" href="/przestrzenie/moje">
            {c.mine}
          </a>
        )}
      </p>
    </Layout>
  );
}
