// The back office's events (/panel/wydarzenia): the list (waiting for review, published, drafts),
// a new event or a change in the shared form (EventForm), and one event's review page with the
// steps its state allows: publish now or at a time, send back for changes, reject, cancel, postpone.
import { pick } from '../../../platform/content.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Pagination,
  SummaryList,
  Textarea,
  ViewTabs,
} from '../../../platform/views/components.tsx';
import { Localized, MarkdownText } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import { eventFieldOrder } from '../event-form.ts';
import type { ListedEvent } from '../listing.ts';
import { type StaffPage, type StaffView, staffViews } from '../proposals.ts';
import { eventPath } from '../publish-formats.ts';
import type { Attendance } from '../service/attendance.ts';
import type { EventView } from '../service/context.ts';
import {
  EventForm,
  EventTable,
  Moment,
  type Option,
  RoomBookingState,
  type RoomOption,
  type RoomStates,
  StateTag,
} from './event-form.tsx';
import { titleOf, whenText } from './shared.tsx';

export const ADMIN_PATH = '/panel/wydarzenia';
export const adminPath = (id: string) => `${ADMIN_PATH}/${id}`;

/** Where a staff list's view (and page) is: /panel/wydarzenia, ?widok=live, ?widok=past&cursor=…. */
export const staffListPath = (view: StaffView, cursor?: string) => {
  const q = new URLSearchParams();
  if (view !== 'submitted') q.set('widok', view);
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `${ADMIN_PATH}?${s}` : ADMIN_PATH;
};

export function AdminListPage({
  view,
  page,
  waiting,
  now,
}: {
  view: StaffView;
  page: StaffPage;
  /** How many events wait for a decision (shown on its tab). */
  waiting: number;
  now: Date;
}) {
  const a = useView().t.eventAdmin.panel;
  const captions: Record<StaffView, string> = {
    submitted: a.queue,
    live: a.live,
    drafts: a.drafts,
    past: a.past,
  };
  const empty: Record<StaffView, string> = {
    submitted: a.queueEmpty,
    live: a.liveEmpty,
    drafts: a.draftsEmpty,
    past: a.pastEmpty,
  };
  return (
    <PanelLayout title={`${a.title}: ${captions[view]}`}>
      <H1>{a.title}</H1>
      <p class="govuk-body">{a.lead}</p>
      <p class="govuk-body">
        <a class="govuk-button" data-module="govuk-button" href={`${ADMIN_PATH}/nowe`}>
          {a.newEvent}
        </a>
      </p>
      <ViewTabs
        label={a.views}
        tabs={staffViews.map((v) => ({
          href: staffListPath(v),
          label: v === 'submitted' ? `${captions[v]} (${waiting})` : captions[v],
          current: v === view,
        }))}
      />
      {page.items.length ? (
        <EventTable caption={captions[view]} items={page.items} now={now} href={(row) => adminPath(row.id)} />
      ) : (
        <>
          <h2 class="govuk-heading-m">{captions[view]}</h2>
          <p class="govuk-body">{empty[view]}</p>
        </>
      )}
      <Pagination
        prev={page.prevCursor ? staffListPath(view, page.prevCursor) : null}
        next={page.nextCursor ? staffListPath(view, page.nextCursor) : null}
      />
    </PanelLayout>
  );
}

/** A new event written by staff, or a change to one, in the form organisers use. */
export function AdminFormPage({
  view,
  state,
  organisations,
  subareas,
  rooms,
}: {
  view?: EventView;
  state: FormState;
  organisations: Option[];
  subareas: Option[];
  rooms: RoomOption[];
}) {
  const { t, locale } = useView();
  const a = t.eventAdmin;
  const title = view ? a.editTitle : a.panel.newTitle;
  return (
    <PanelLayout
      title={view ? `${title}: ${pick(view.title, locale).text}` : title}
      back={view ? adminPath(view.id) : ADMIN_PATH}
    >
      <ErrorSummary state={state} order={eventFieldOrder} />
      <H1 caption={view ? <Localized value={view.title} /> : a.panel.title}>{title}</H1>
      <EventForm
        action={view ? `${adminPath(view.id)}/edycja` : `${ADMIN_PATH}/nowe`}
        state={state}
        organisations={organisations}
        subareas={subareas}
        rooms={rooms}
        staff
        submitLabel={view ? a.save : a.saveDraft}
      />
    </PanelLayout>
  );
}

export function ReviewPage({
  event,
  view,
  state,
  now,
  room,
  roomStates,
  attendance,
}: {
  event: ListedEvent;
  view: EventView;
  state: FormState;
  now: Date;
  /** The room of the cluster the event is in, if any. */
  room: RoomOption | null;
  roomStates: RoomStates;
  /** How many came (checked in), shown once the event is over; kept after the purge. */
  attendance?: Attendance | null;
}) {
  const { t, locale } = useView();
  const a = t.eventAdmin;
  const p = a.panel;
  const { row } = event;
  const base = adminPath(row.id);
  const reviewable = row.status === 'submitted';
  const publishable = row.status === 'draft' || row.status === 'submitted';
  const live = row.status === 'published' || row.status === 'postponed';
  const editable = publishable || live;
  const rows = [
    { key: p.state, value: <StateTag row={row} now={now} /> },
    {
      key: t.eventPages.when,
      value: whenText(locale, row.startsAt, row.endsAt),
    },
    { key: t.eventPages.organiserLabel, value: event.organiser ?? '' },
    ...(room
      ? [
          {
            key: a.room.room,
            value: (
              <a class="govuk-link" href={`/przestrzenie/${room.slug}`}>
                {room.name}
              </a>
            ),
          },
          {
            key: a.room.booking,
            value: (
              <>
                <RoomBookingState row={row} states={roomStates} />
                <a class="govuk-link" href="/panel/rezerwacje">
                  {a.room.openPanel}
                </a>
              </>
            ),
          },
        ]
      : []),
    ...(row.venueAddress ? [{ key: t.eventPages.venue, value: row.venueAddress }] : []),
    ...(row.onlineUrl ? [{ key: t.eventPages.online, value: row.onlineUrl }] : []),
    { key: t.eventPages.kindLabel, value: t.eventPages.kinds[row.kind] },
    ...(row.publishedAt ? [{ key: p.publishTitle, value: formatDateTime(locale, row.publishedAt) }] : []),
    ...(row.reviewNote ? [{ key: a.reviewNote, value: row.reviewNote }] : []),
    ...(attendance && row.registration && row.endsAt <= now
      ? [{ key: p.attendance, value: p.attendanceValue(attendance.parties, attendance.places) }]
      : []),
  ];
  return (
    <PanelLayout title={`${p.reviewTitle}: ${pick(view.title, locale).text}`} back={ADMIN_PATH}>
      <ErrorSummary state={state} />
      <H1 caption={p.reviewTitle}>
        <Localized value={titleOf(row)} />
      </H1>
      <SummaryList rows={rows} />
      <ul class="govuk-list klaster-actions">
        <li>
          <a class="govuk-link" href={eventPath(row.id)}>
            {p.publicPage}
          </a>
        </li>
        {editable ? (
          <li>
            <a class="govuk-link" href={`${base}/edycja`}>
              {a.edit}
            </a>
          </li>
        ) : null}
      </ul>
      <MarkdownText value={view.description} />
      {publishable ? (
        <>
          <h2 class="govuk-heading-m">{p.publishTitle}</h2>
          <ActionButton action={`${base}/publikuj`} label={p.publishNow} />
          <Form action={`${base}/publikuj`}>
            <input type="hidden" name="when" value="at" />
            <Moment name="publishAt" day={p.publishAtDate} time={p.publishAtTime} state={state} />
            <Button variant="secondary">{p.publishAt}</Button>
          </Form>
        </>
      ) : null}
      {reviewable ? (
        <>
          <h2 class="govuk-heading-m">{p.changesTitle}</h2>
          <Form action={`${base}/zmiany`}>
            <Textarea name="note" label={p.note} state={state} rows={4} />
            <Button variant="secondary">{p.changesButton}</Button>
          </Form>
          <h2 class="govuk-heading-m">{p.rejectTitle}</h2>
          <Form action={`${base}/odrzuc`}>
            <Textarea name="rejectReason" label={p.reason} state={state} rows={3} />
            <Button variant="warning">{p.rejectButton}</Button>
          </Form>
        </>
      ) : null}
      {live ? <LiveSteps base={base} state={state} /> : null}
    </PanelLayout>
  );
}

/** The steps of a published event, for staff and its organisers: postpone it, or cancel it. */
export function LiveSteps({ base, state }: { base: string; state: FormState }) {
  const { t } = useView();
  const a = t.eventAdmin;
  const p = a.panel;
  return (
    <>
      <h2 class="govuk-heading-m">{p.postponeTitle}</h2>
      <p class="govuk-body">{p.postponeHint}</p>
      <Form action={`${base}/przeloz`}>
        <Moment name="startsAt" day={a.fields.startDate} time={a.fields.startTime} state={state} />
        <Moment name="endsAt" day={a.fields.endDate} time={a.fields.endTime} state={state} />
        <Button variant="secondary">{p.postponeButton}</Button>
      </Form>
      <h2 class="govuk-heading-m">{p.cancelTitle}</h2>
      <Form action={`${base}/odwolaj`}>
        <Textarea name="cancelReason" label={p.cancelReason} hint={p.cancelHint} state={state} rows={3} />
        <Button variant="warning">{p.cancelButton}</Button>
      </Form>
    </>
  );
}
