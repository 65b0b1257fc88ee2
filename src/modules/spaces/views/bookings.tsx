// A person's booking pages: the booking form (with the rule's sentence and the nearest free
// alternatives on a refusal), one booking, changing its time and cancelling it.
import type { ComponentChildren } from 'preact';
import { type Localized as LocalizedText, pick } from '../../../platform/content.ts';
import type { Locale, Messages } from '../../../platform/i18n/index.ts';
import { formatDateTime, formatDay } from '../../../platform/i18n/index.ts';
import { warsawDate, warsawTime } from '../../../platform/time/warsaw.ts';
import {
  Button,
  ErrorSummary,
  Form,
  type FormState,
  NotificationBanner,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { QrCode } from '../../../platform/views/qr.tsx';
import type { AgreementSummary } from '../agreements.ts';
import type { BookingView, ResourceView } from '../bookings/index.ts';
import type { BookingStatus } from '../schema.ts';
import { EventRequestFields, eventFieldOrder, eventRows } from './event-request.tsx';

const statusColour: Record<BookingStatus, 'green' | 'yellow' | 'red' | 'grey' | 'blue'> = {
  requested: 'yellow',
  confirmed: 'green',
  checked_in: 'blue',
  cancelled: 'grey',
  declined: 'red',
  released: 'grey',
};

export function StatusTag({ status }: { status: BookingStatus }) {
  const { t } = useView();
  return <Tag colour={statusColour[status]}>{t.spaces.statuses[status]}</Tag>;
}

/** A booking's self check-in: its QR code, the times it works and the link it encodes, as text. */
/**
 * A resource's name in the reader's language, else the Polish one; Polish text is marked lang="pl"
 * (as these screens always marked it).
 */
export function ResourceName({ names }: { names: LocalizedText }) {
  const { locale } = useView();
  const { text, lang } = pick(names, locale);
  return <span lang={lang === 'pl' ? 'pl' : undefined}>{text}</span>;
}

export function SelfCheckInPanel({
  booking: b,
  svg,
  heading,
}: {
  booking: BookingView;
  svg: string;
  heading?: ComponentChildren;
}) {
  const { t, locale } = useView();
  const c = t.spaces.selfCheckIn;
  if (!b.selfCheckIn) return null;
  return (
    <section class="govuk-!-margin-bottom-6" aria-labelledby={`obecnosc-${b.id}`}>
      <h2 class="govuk-heading-m" id={`obecnosc-${b.id}`}>
        {heading ?? c.heading}
      </h2>
      <p class="govuk-body">
        {c.hint(
          formatDateTime(locale, b.selfCheckIn.opensAt),
          formatDateTime(locale, b.selfCheckIn.closesAt),
        )}
      </p>
      <QrCode svg={svg} />
      <p class="govuk-body">
        <a class="govuk-link" href={b.selfCheckIn.url}>
          {c.link}
        </a>
        <span class="govuk-hint govuk-!-text-break-word">{b.selfCheckIn.url}</span>
      </p>
    </section>
  );
}

const clock = (date: string, d: Date) => (warsawDate(d) === date ? warsawTime(d) : '24:00');

/** When a booking is, in words: a day for a desk, a day and hours for a room. */
export function describeWhen(
  t: Messages,
  locale: Locale,
  b: { kind: 'desk' | 'slot'; day: string | null; startsAt: Date; endsAt: Date },
): string {
  const day = b.day ?? warsawDate(b.startsAt);
  if (b.kind === 'desk') return `${formatDay(locale, day)} (${t.spaces.wholeDay})`;
  return `${formatDay(locale, day)}, ${warsawTime(b.startsAt)}–${clock(day, b.endsAt)}`;
}

/** A suggestion a refusal offers: the same form, prefilled with a free time. */
export interface Alternative {
  date: string;
  from?: string;
  to?: string;
}

/** Free alternatives of a RuleError's details, as form prefills. */
export function alternativesOf(details: Record<string, unknown>): Alternative[] | null {
  if (Array.isArray(details.slots))
    return (details.slots as Array<{ start: Date; end: Date }>).map((s) => {
      const date = warsawDate(s.start);
      return { date, from: warsawTime(s.start), to: clock(date, s.end) };
    });
  if (Array.isArray(details.days)) return (details.days as string[]).map((date) => ({ date }));
  return null;
}

function Alternatives({ list, action }: { list: Alternative[] | null; action: string }) {
  const { t, locale } = useView();
  if (!list) return null;
  const desk = list.length > 0 && list.every((a) => !a.from);
  return (
    <div class="govuk-inset-text">
      <h2 class="govuk-heading-s">{desk ? t.spaces.alternativeDays : t.spaces.alternatives}</h2>
      {list.length === 0 ? (
        <p class="govuk-body">{t.spaces.noAlternatives}</p>
      ) : (
        <ul class="govuk-list">
          {list.map((a) => {
            const q = [`date=${a.date}`, a.from ? `from=${a.from}` : '', a.to ? `to=${a.to}` : '']
              .filter(Boolean)
              .join('&');
            return (
              <li key={`${a.date}${a.from ?? ''}`}>
                <a class="govuk-link" href={`${action}?${q}`}>
                  {a.from
                    ? t.spaces.form.alternativeSlot(formatDay(locale, a.date), a.from, a.to ?? '')
                    : formatDay(locale, a.date)}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function TimeFields({ state, resource }: { state: FormState; resource: ResourceView }) {
  const { t } = useView();
  const f = t.spaces.form;
  const opens = resource.openingHours.find((h) => h)?.open ?? '';
  const hint = f.timeHint(t.spaces.minutes(resource.rules.stepMinutes), opens);
  return (
    <>
      <TextInput name="from" label={f.from} hint={hint} state={state} width="5" inputmode="numeric" />
      <TextInput name="to" label={f.to} state={state} width="5" inputmode="numeric" />
    </>
  );
}

const fieldOrder = [
  'date',
  'from',
  'to',
  'title',
  'attendees',
  'layout',
  'notes',
  'organisation',
  'repeatWeeks',
  ...eventFieldOrder,
];

export function BookingFormPage({
  resource,
  state,
  organisations,
  agreements,
  alternatives,
  onBehalf,
  names = { pl: resource.name },
}: {
  resource: ResourceView;
  /** The resource's name with its translations (without them, the Polish one). */
  names?: LocalizedText | undefined;
  state: FormState;
  organisations: Array<{ id: string; name: string }>;
  /** Desk pools: the person's agreements valid on the chosen day. */
  agreements: AgreementSummary[];
  alternatives: Alternative[] | null;
  /** Assisted service: an officer books for this person, at this address. */
  onBehalf?: { name: string; action: string; back: string };
}) {
  const { t, locale } = useView();
  const f = t.spaces.form;
  const event = resource.kind === 'event_space';
  const desk = resource.kind === 'desk';
  // The name in the reader's language, else the Polish one (marked lang="pl" in the heading).
  const title = event ? f.requestTitle : f.title;
  const action = onBehalf?.action ?? `/przestrzenie/${resource.slug}/rezerwacja`;
  const back = onBehalf?.back ?? `/przestrzenie/${resource.slug}`;
  return (
    <Layout title={title(pick(names, locale).text)} back={back}>
      <ErrorSummary state={state} order={fieldOrder} />
      <H1>
        <Localized value={names} within={title} />
      </H1>
      {onBehalf ? <div class="govuk-inset-text">{t.assisted.serve.actingFor(onBehalf.name)}</div> : null}
      {event ? <div class="govuk-inset-text">{t.spaces.resource.eventSpaceNotice}</div> : null}
      {desk && agreements.length > 0 ? (
        <div class="govuk-inset-text">
          <p class="govuk-body govuk-!-font-weight-bold">{f.yourAgreements}</p>
          <ul class="govuk-list">
            {agreements.map((a) => (
              <li key={a.id}>
                {a.fixedDesk
                  ? f.agreementFixed(a.number, pick(a.packageLocalized, locale).text, a.fixedDesk.number)
                  : a.daysTotal === null
                    ? f.agreementUnlimited(a.number, pick(a.packageLocalized, locale).text)
                    : f.agreementDays(
                        a.number,
                        pick(a.packageLocalized, locale).text,
                        a.daysUsed,
                        a.daysTotal,
                      )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {desk && agreements.length === 0 ? (
        <div class="govuk-inset-text">
          {t.spaces.resource.deskNotice}{' '}
          <a class="govuk-link" href="/przestrzenie/pakiety">
            {t.spaces.resource.packagesLink}
          </a>
        </div>
      ) : null}
      <Alternatives list={alternatives} action={action} />
      <Form action={action}>
        <TextInput name="date" type="date" label={f.date} hint={f.dateHint} state={state} width="10" />
        {desk ? (
          <p class="govuk-body">{f.deskDay}</p>
        ) : (
          <>
            <TimeFields state={state} resource={resource} />
            <TextInput
              name="title"
              label={event ? f.eventName : f.meetingTitle}
              hint={f.titleHint}
              state={state}
              optional={!event}
            />
            {event ? (
              <>
                <TextInput
                  name="attendees"
                  type="text"
                  inputmode="numeric"
                  label={f.attendees}
                  state={state}
                  width="5"
                />
                {resource.layouts.length ? (
                  <Select
                    name="layout"
                    label={f.layout}
                    state={state}
                    optional
                    placeholder={f.chooseLayout}
                    options={resource.layouts.map((l) => ({
                      value: l.key,
                      label: f.layoutOption(l.name, l.capacity),
                    }))}
                  />
                ) : null}
              </>
            ) : null}
            {event ? <EventRequestFields state={state} /> : null}
            <Textarea name="notes" label={f.notes} state={state} optional rows={3} />
            {organisations.length ? (
              <Select
                name="organisation"
                label={f.organisation}
                state={state}
                placeholder={f.organisationNone}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : null}
            <TextInput
              name="repeatWeeks"
              inputmode="numeric"
              label={f.repeatWeeks}
              hint={f.repeatHint}
              state={state}
              width="5"
            />
          </>
        )}
        <div class="govuk-button-group">
          <Button>{event ? f.submitRequest : f.submit}</Button>
          <a class="govuk-link" href={back}>
            {f.back}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

export function BookingPage({
  booking: b,
  own,
  pastDeadline,
  qr = null,
}: {
  booking: BookingView;
  /** The reader made this booking (staff may read other people's). */
  own: boolean;
  pastDeadline: boolean;
  /** The self check-in QR code (its author, a confirmed booking not over yet). */
  qr?: string | null;
}) {
  const { t, locale } = useView();
  const p = t.spaces.booking;
  // The resource's name in the reader's language, else the Polish one (marked so).
  const name = pick(b.resourceNames, locale);
  const rows: Array<{ key: string; value: ComponentChildren }> = [
    {
      key: p.resource,
      value: (
        <a
          class="govuk-link"
          href={`/przestrzenie/${b.resource.slug}`}
          lang={name.lang === 'pl' ? 'pl' : undefined}
        >
          {name.text}
        </a>
      ),
    },
    { key: p.when, value: describeWhen(t, locale, b) },
    { key: p.status, value: <StatusTag status={b.status} /> },
  ];
  if (b.person) rows.push({ key: p.person, value: `${b.person.name} <${b.person.email}>` });
  if (b.title) rows.push({ key: p.titleField, value: b.title });
  if (b.attendees) rows.push({ key: p.attendees, value: String(b.attendees) });
  if (b.layout) rows.push({ key: p.layout, value: b.layout });
  if (b.notes) rows.push({ key: p.notes, value: b.notes });
  if (b.organisation) rows.push({ key: p.organisation, value: b.organisation.name });
  if (b.seriesId) rows.push({ key: p.series, value: p.seriesYes });
  if (b.can.change || b.can.cancel || pastDeadline)
    rows.push({ key: p.deadline, value: formatDateTime(locale, b.deadline) });
  if (b.decisionReason) rows.push({ key: p.decisionReason, value: b.decisionReason });
  if (b.cancelReason) rows.push({ key: p.cancelReason, value: b.cancelReason });
  if (b.checkedInAt) rows.push({ key: p.checkedInAt, value: formatDateTime(locale, b.checkedInAt) });
  rows.push(...eventRows(t, locale, b, !!b.person));
  return (
    <Layout title={p.title(name.text)} back="/przestrzenie/moje">
      <H1>
        <Localized value={b.resourceNames} within={p.title} />
      </H1>
      {b.status === 'requested' ? (
        <div class="govuk-inset-text">
          {p.requestedNotice}
          {b.holdUntil ? ` ${t.assisted.event.holdNotice(formatDateTime(locale, b.holdUntil))}` : null}
        </div>
      ) : null}
      {pastDeadline ? (
        <NotificationBanner kind="notice">
          {p.deadlinePassed(formatDateTime(locale, b.deadline))}
        </NotificationBanner>
      ) : null}
      <SummaryList rows={rows} />
      {own && qr ? <SelfCheckInPanel booking={b} svg={qr} /> : null}
      <div class="govuk-button-group">
        {own && b.can.change ? (
          <a class="govuk-button govuk-button--secondary" href={`/przestrzenie/rezerwacje/${b.id}/zmiana`}>
            {p.change}
          </a>
        ) : null}
        {own && b.can.cancel ? (
          <a class="govuk-button govuk-button--warning" href={`/przestrzenie/rezerwacje/${b.id}/odwolanie`}>
            {p.cancel}
          </a>
        ) : null}
        {!own && b.can.cancel ? (
          <a class="govuk-button govuk-button--warning" href={`/panel/rezerwacje/${b.id}/odwolanie`}>
            {p.staffCancel}
          </a>
        ) : null}
        <a class="govuk-link" href="/przestrzenie/moje">
          {p.mine}
        </a>
      </div>
    </Layout>
  );
}

export function ChangePage({
  booking: b,
  resource,
  state,
  alternatives,
}: {
  booking: BookingView;
  resource: ResourceView;
  state: FormState;
  alternatives: Alternative[] | null;
}) {
  const { t, locale } = useView();
  const c = t.spaces.change;
  const f = t.spaces.form;
  const action = `/przestrzenie/rezerwacje/${b.id}/zmiana`;
  return (
    <Layout title={c.title(pick(b.resourceNames, locale).text)} back={`/przestrzenie/rezerwacje/${b.id}`}>
      <ErrorSummary state={state} order={['date', 'from', 'to']} />
      <H1>
        <Localized value={b.resourceNames} within={c.title} />
      </H1>
      <p class="govuk-body">{c.current(describeWhen(t, locale, b))}</p>
      {b.resource.kind === 'event_space' ? <div class="govuk-inset-text">{c.requestNotice}</div> : null}
      <Alternatives list={alternatives} action={action} />
      <Form action={action}>
        <TextInput name="date" type="date" label={f.date} hint={f.dateHint} state={state} width="10" />
        {b.kind === 'desk' ? null : <TimeFields state={state} resource={resource} />}
        <div class="govuk-button-group">
          <Button>{c.submit}</Button>
          <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
            {t.spaces.cancel.keep}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

export function CancelPage({ booking: b, error }: { booking: BookingView; error: string | null }) {
  const { t, locale } = useView();
  const c = t.spaces.cancel;
  const state: FormState = { values: {}, errors: error ? { _form: error } : {} };
  return (
    <Layout title={c.title} back={`/przestrzenie/rezerwacje/${b.id}`}>
      <ErrorSummary state={state} />
      <H1>{c.title}</H1>
      <p class="govuk-body-l">
        <Localized value={b.resourceNames} within={(name) => c.what(name, describeWhen(t, locale, b))} />
      </p>
      {b.seriesId ? <p class="govuk-body">{c.seriesNote}</p> : null}
      {b.can.cancel ? (
        <Form action={`/przestrzenie/rezerwacje/${b.id}/odwolanie`}>
          <div class="govuk-button-group">
            <Button variant="warning" name="scope" value="one">
              {c.confirm}
            </Button>
            {b.seriesId ? (
              <Button variant="warning" name="scope" value="series">
                {c.series}
              </Button>
            ) : null}
            <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
              {c.keep}
            </a>
          </div>
        </Form>
      ) : (
        <p class="govuk-body">
          <a class="govuk-link" href={`/przestrzenie/rezerwacje/${b.id}`}>
            {c.keep}
          </a>
        </p>
      )}
    </Layout>
  );
}
