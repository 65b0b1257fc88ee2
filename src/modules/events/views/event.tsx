// An event's page: its state (cancelled with the reason, postponed with the new date), the
// description (Markdown, rendered safe), when and where, organiser, accessibility, contact, "add to
// calendar", the registration (places left, the waiting list, closed) and, for a signed-in person,
// the form or their own registration. The schema.org Event is in the page as JSON-LD.
import { localized, pick } from '../../../platform/content.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  NotificationBanner,
  SummaryList,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, MarkdownText } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { ListedEvent } from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import type { AttachmentView } from '../service/attachments.ts';
import type { EventView } from '../service/context.ts';
import type { RegistrationView } from '../service/registration.ts';
import { attachmentsPath, EventAttachments } from './attachments.tsx';
import { seriesPath } from './series.tsx';
import { titleOf, whenText } from './shared.tsx';

/** The form field of a question's answer. */
export const answerField = (key: string) => `q_${key}`;

function Registration({
  now,
  view,
  mine,
  state,
}: {
  now: Date;
  view: EventView;
  mine: RegistrationView | null;
  state: FormState;
}) {
  const { t, locale, actor } = useView();
  const p = t.eventPages;
  const reg = view.registration;
  const base = eventPath(view.id);
  if (!reg) return <p class="govuk-body">{p.noRegistration}</p>;
  // A refusal shows above whatever the section holds (the form, or the person's registration).
  const refused = <ErrorSummary state={state} />;
  if (mine) {
    const line =
      mine.status === 'confirmed'
        ? p.mine.confirmed(mine.partySize)
        : mine.status === 'waiting'
          ? p.mine.waiting(mine.ahead ?? 0)
          : p.mine.offered(formatDateTime(locale, mine.offerExpiresAt!));
    return (
      <>
        {refused}
        <p class="govuk-body govuk-!-font-weight-bold">{line}</p>
        {mine.status === 'waiting' ? <p class="govuk-body">{p.waitingListNote}</p> : null}
        {mine.status === 'offered' ? (
          <>
            <ActionButton action={`${base}/oferta`} label={p.acceptButton} hidden={{ answer: 'accept' }} />{' '}
            <ActionButton
              action={`${base}/oferta`}
              label={p.declineButton}
              variant="secondary"
              hidden={{ answer: 'decline' }}
            />
          </>
        ) : null}
        <ActionButton action={`${base}/rezygnacja`} label={p.cancelButton} variant="warning" />
      </>
    );
  }
  const left = reg.capacity === null ? null : reg.capacity - reg.taken;
  const live = view.status === 'published' || view.status === 'postponed';
  const notYet = !reg.open && live && reg.opensAt && reg.opensAt > now ? reg.opensAt : null;
  if (!live)
    return (
      <>
        {refused}
        <p class="govuk-body govuk-!-font-weight-bold">{p.closed}</p>
      </>
    );
  return (
    <>
      {refused}
      {reg.capacity === null ? (
        <p class="govuk-body">{p.noLimit}</p>
      ) : left! > 0 ? (
        <p class="govuk-body govuk-!-font-weight-bold">{p.placesLeft(left!, reg.capacity)}</p>
      ) : (
        <>
          <p class="govuk-body govuk-!-font-weight-bold">{p.full}</p>
          <p class="govuk-body">{p.waitingListNote}</p>
        </>
      )}
      {reg.open ? (
        <p class="govuk-body">{p.closesAt(formatDateTime(locale, reg.closesAt))}</p>
      ) : notYet ? (
        <p class="govuk-body">{p.notYetOpen(formatDateTime(locale, notYet))}</p>
      ) : (
        <p class="govuk-body govuk-!-font-weight-bold">{p.closed}</p>
      )}
      {reg.open && !actor ? (
        <p class="govuk-body">
          <a
            class="govuk-button"
            data-module="govuk-button"
            href={`/logowanie?next=${encodeURIComponent(base)}`}
          >
            {p.signInToRegister}
          </a>
        </p>
      ) : null}
      {reg.open && actor ? (
        <Form action={`${base}/zapis`}>
          {reg.maxCompanions > 0 ? (
            <TextInput
              name="companions"
              type="number"
              inputmode="numeric"
              width="5"
              label={p.companions}
              hint={p.companionsHint(reg.maxCompanions)}
              state={state}
            />
          ) : null}
          {reg.questions.map((q) => {
            const label = pick(q.label, locale).text;
            const name = answerField(q.key);
            if (q.kind === 'text')
              return <TextInput key={q.key} name={name} label={label} optional={!q.required} state={state} />;
            const options =
              q.kind === 'yesno'
                ? [
                    { value: 'yes', label: p.yes },
                    { value: 'no', label: p.no },
                  ]
                : q.options.map((o) => ({ value: o.key, label: pick(o.label, locale).text }));
            return (
              <Choices
                key={q.key}
                kind="radios"
                name={name}
                label={label}
                optional={!q.required}
                options={options}
                state={state}
              />
            );
          })}
          {reg.consent ? (
            <Choices
              kind="checkboxes"
              name="consent"
              label={p.consentLegend}
              options={[{ value: 'yes', label: pick(reg.consent, locale).text }]}
              state={state}
            />
          ) : null}
          <Button>{left !== null && left <= 0 ? p.registerWaitingButton : p.registerButton}</Button>
        </Form>
      ) : null}
    </>
  );
}

export function EventPage({
  now,
  event,
  view,
  mine,
  manages,
  state,
  jsonLd,
  seriesSlug = null,
  room,
  attachments = [],
}: {
  /** The room of the cluster the event is in (its public spaces page), if any. */
  room?: { slug: string; name: string } | null;
  /** The request's instant (request.context.now). */
  now: Date;
  event: ListedEvent;
  view: EventView;
  mine: RegistrationView | null;
  /** Whether the reader runs the event (its organisation's member, or staff): the roster link. */
  manages: boolean;
  state: FormState;
  /** The schema.org Event, already as text safe inside a script element. */
  jsonLd: string;
  /** The slug of its series' page, if it belongs to one. */
  seriesSlug?: string | null;
  /** Its PDF attachments (views/attachments.tsx). */
  attachments?: AttachmentView[];
}) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const { row } = event;
  const title = titleOf(row);
  const a = view.accessibility;
  const access = (Object.keys(a) as Array<keyof typeof a>).filter((k) => a[k]);
  const rows = [
    {
      key: p.when,
      value: <time dateTime={row.startsAt.toISOString()}>{whenText(locale, row.startsAt, row.endsAt)}</time>,
    },
    ...(room
      ? [
          {
            key: p.room,
            value: (
              <a class="govuk-link" href={`/przestrzenie/${room.slug}`}>
                {room.name}
              </a>
            ),
          },
        ]
      : []),
    ...(row.venueAddress ? [{ key: p.venue, value: row.venueAddress }] : []),
    ...(row.onlineUrl
      ? [
          {
            key: p.online,
            value: (
              <a class="govuk-link" href={row.onlineUrl} rel="nofollow noopener">
                {p.onlineLink}
              </a>
            ),
          },
        ]
      : []),
    { key: p.organiserLabel, value: event.organiser ?? '' },
    ...(event.subarea ? [{ key: p.subareaLabel, value: event.subarea }] : []),
    ...(row.series
      ? [
          {
            key: p.seriesLabel,
            value: seriesSlug ? (
              <>
                {row.series}{' '}
                <a class="govuk-link" href={seriesPath(seriesSlug)}>
                  {t.eventSeries.eventLink}
                </a>
              </>
            ) : (
              row.series
            ),
          },
        ]
      : []),
    { key: p.kindLabel, value: p.kinds[row.kind] },
    ...(row.audiences.length
      ? [{ key: p.audienceLabel, value: row.audiences.map((x) => p.audiences[x]).join(', ') }]
      : []),
    {
      key: p.accessibility,
      value: access.length ? (
        <ul class="govuk-list">
          {access.map((k) => (
            <li key={k}>{p.accessibilityItems[k]}</li>
          ))}
        </ul>
      ) : (
        p.accessibilityNone
      ),
    },
    ...(row.contact ? [{ key: p.contact, value: row.contact }] : []),
  ];
  return (
    <Layout title={pick(title, locale).text} back="/wydarzenia">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} />
      {row.status === 'cancelled' ? (
        <NotificationBanner kind="notice" title={p.status.cancelled}>
          {p.cancelledBanner} {row.cancelReason ? p.cancelReason(row.cancelReason) : ''}
        </NotificationBanner>
      ) : null}
      {row.status === 'postponed' && row.postponedFrom ? (
        <NotificationBanner kind="notice" title={p.status.postponed}>
          {p.postponedBanner}{' '}
          {p.postponedFrom(
            formatDateTime(locale, row.postponedFrom),
            whenText(locale, row.startsAt, row.endsAt),
          )}
        </NotificationBanner>
      ) : null}
      <H1 caption={p.kinds[row.kind]}>
        {row.status === 'cancelled' ? (
          <del>
            <Localized value={title} />
          </del>
        ) : (
          <Localized value={title} />
        )}
      </H1>
      <SummaryList rows={rows} />
      <p class="govuk-body">
        <a class="govuk-link" href={`${eventPath(row.id)}.ics`} download>
          {p.addToCalendar}
        </a>
      </p>
      <MarkdownText value={localized(row.description, row.descriptionI18n)} />
      <EventAttachments eventId={row.id} items={attachments} />
      <h2 class="govuk-heading-m">{p.registrationTitle}</h2>
      <Registration now={now} view={view} mine={mine} state={state} />
      {manages && view.registration ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${eventPath(row.id)}/zapisy`}>
            {p.roster.link}
          </a>
        </p>
      ) : null}
      {manages ? (
        <p class="govuk-body">
          <a class="govuk-link" href={attachmentsPath(row.id)}>
            {t.eventExtras.attachments.manageLink}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
