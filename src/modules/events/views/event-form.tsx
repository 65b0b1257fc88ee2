// Writing an event: the one form organisers and staff share (EventForm), the organiser's pages
// around it (propose, change a draft), "my proposals", and the page for someone who may not propose.
import type { ComponentChildren } from 'preact';
import { formatDateTime, type Messages } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Select,
  Table,
  Tag,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { accessibilityKeys, eventFieldOrder, questionField, questionKinds } from '../event-form.ts';
import type { ListedEvent } from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import { eventAudiences, eventKinds } from '../schema.ts';
import type { EventRow } from '../service/context.ts';
import { MAX_QUESTIONS } from '../service/input.ts';
import { titleOf, whenText } from './shared.tsx';

export const NEW_PATH = '/wydarzenia/nowe';
export const PROPOSALS_PATH = '/wydarzenia/propozycje';
export const editPath = (id: string) => `${eventPath(id)}/edycja`;
/** The organisers' page of a published event: postpone or cancel it (views/manage.tsx). */
export const managePath = (id: string) => `${eventPath(id)}/zarzadzanie`;

export interface Option {
  id: string;
  name: string;
}

/** A room of the cluster the form offers: its capacity, and its layouts with theirs. */
export interface RoomOption {
  id: string;
  slug: string;
  name: string;
  capacity: number;
  layouts: Array<{ key: string; name: string; capacity: number }>;
}

/** The states of the bookings the events hold, by booking id. */
export type RoomStates = Map<string, { status: keyof Messages['eventAdmin']['room']['states'] }>;

/** The state of the event's room booking, as organisers and staff read it; nothing without a room. */
export function RoomBookingState({ row, states }: { row: EventRow; states: RoomStates }) {
  const r = useView().t.eventAdmin.room;
  if (!row.spaceResourceId) return null;
  const status = row.spaceBookingId ? (states.get(row.spaceBookingId)?.status ?? 'none') : 'none';
  const colour = { none: 'grey', requested: 'yellow', confirmed: 'green', checked_in: 'green' } as const;
  return (
    <p class="govuk-body">
      {r.booking}:{' '}
      <Tag colour={(colour as Record<string, 'grey' | 'yellow' | 'green'>)[status] ?? 'red'}>
        {r.states[status]}
      </Tag>
    </p>
  );
}

/** A day and a time side by side: one moment (`<name>Date`, `<name>Time`). */
export function Moment({
  name,
  day,
  time,
  state,
}: {
  name: string;
  day: string;
  time: string;
  state: FormState;
}) {
  const f = useView().t.eventAdmin.fields;
  return (
    <div class="klaster-actions">
      <TextInput name={`${name}Date`} type="date" label={day} hint={f.dateHint} state={state} width="10" />
      <TextInput
        name={`${name}Time`}
        label={time}
        hint={f.timeHint}
        state={state}
        width="5"
        inputmode="numeric"
      />
    </div>
  );
}

/** The event's fields and the button; `staff` also offers a city unit as the organiser. */
export function EventForm({
  action,
  state,
  organisations,
  subareas,
  rooms,
  staff,
  submitLabel,
}: {
  action: string;
  state: FormState;
  organisations: Option[];
  subareas: Option[];
  rooms: RoomOption[];
  staff: boolean;
  submitLabel: string;
}) {
  const { t } = useView();
  const p = t.eventPages;
  const f = t.eventAdmin.fields;
  const r = t.eventAdmin.room;
  return (
    <Form action={action}>
      <LocalizedField name="title" label={f.title} state={state} />
      <LocalizedField
        name="description"
        label={f.description}
        hint={f.descriptionHint}
        state={state}
        multiline
        optional
        rows={8}
      />
      <Select
        name="kind"
        label={f.kind}
        state={state}
        options={eventKinds.map((k) => ({ value: k, label: p.kinds[k] }))}
      />
      <Choices
        kind="checkboxes"
        name="audiences"
        label={f.audiences}
        state={state}
        optional
        small
        options={eventAudiences.map((a) => ({ value: a, label: p.audiences[a] }))}
      />
      {organisations.length || !staff ? (
        <Select
          name="organisationId"
          label={f.organisation}
          state={state}
          optional={staff}
          placeholder={f.chooseOrganisation}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
      ) : null}
      {staff ? <TextInput name="organiserUnit" label={f.organiserUnit} state={state} optional /> : null}
      {subareas.length ? (
        <Select
          name="subareaId"
          label={f.subarea}
          state={state}
          optional
          placeholder={f.noSubarea}
          options={subareas.map((s) => ({ value: s.id, label: s.name }))}
        />
      ) : null}
      {rooms.length ? (
        <>
          <Select
            name="spaceResourceId"
            label={r.room}
            hint={r.hint}
            state={state}
            optional
            placeholder={r.none}
            options={rooms.map((room) => ({ value: room.id, label: r.option(room.name, room.capacity) }))}
          />
          {rooms.some((room) => room.layouts.length) ? (
            <Select
              name="spaceLayout"
              label={r.layout}
              hint={r.layoutHint}
              state={state}
              optional
              placeholder={r.noLayout}
              options={rooms.flatMap((room) =>
                room.layouts.map((l) => ({
                  value: l.key,
                  label: r.layoutOption(room.name, l.name, l.capacity),
                })),
              )}
            />
          ) : null}
        </>
      ) : null}
      <TextInput name="venue" label={f.venue} hint={f.venueHint} state={state} optional />
      <TextInput name="onlineUrl" type="url" label={f.onlineUrl} state={state} optional spellcheck={false} />
      <Moment name="startsAt" day={f.startDate} time={f.startTime} state={state} />
      <Moment name="endsAt" day={f.endDate} time={f.endTime} state={state} />
      <Choices
        kind="checkboxes"
        name="registration"
        label={f.registration}
        state={state}
        options={[{ value: 'on', label: f.registrationOn }]}
      />
      <TextInput
        name="capacity"
        label={f.capacity}
        hint={rooms.length ? `${f.capacityHint} ${r.capacityHint}` : f.capacityHint}
        state={state}
        width="5"
        inputmode="numeric"
        optional
      />
      <Moment name="registrationOpensAt" day={f.opensDate} time={f.opensTime} state={state} />
      <Moment name="registrationClosesAt" day={f.closesDate} time={f.closesTime} state={state} />
      <p class="govuk-hint">{f.windowHint}</p>
      <TextInput
        name="maxCompanions"
        label={f.maxCompanions}
        state={state}
        width="5"
        inputmode="numeric"
        optional
      />
      <LocalizedField name="consent" label={f.consent} hint={f.consentHint} state={state} optional />
      <QuestionFields state={state} />
      <Choices
        kind="checkboxes"
        name="accessibility"
        label={f.accessibility}
        state={state}
        optional
        small
        options={accessibilityKeys.map((k) => ({ value: k, label: p.accessibilityItems[k] }))}
      />
      <TextInput name="contact" label={f.contact} state={state} optional />
      <Button>{submitLabel}</Button>
    </Form>
  );
}

/**
 * The registration questions: each the event has (or that was typed), and two empty ones to add
 * more (without script: saving shows two more).
 */
function QuestionFields({ state }: { state: FormState }) {
  const { t } = useView();
  const f = t.eventAdmin.fields;
  let used = 0;
  for (let i = 0; i < MAX_QUESTIONS; i++)
    if (
      ['key', 'kind', 'label_pl', 'label_en', 'label_uk', 'options'].some(
        (p) => state.values[questionField(i, p)],
      )
    )
      used = i + 1;
  const slots = Math.min(MAX_QUESTIONS, used + 2);
  return (
    <fieldset class="govuk-fieldset" aria-describedby="questions-hint">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{f.questions}</legend>
      <div id="questions-hint" class="govuk-hint">
        {f.questionsHint}
      </div>
      {Array.from({ length: slots }, (_, i) => {
        const key = state.values[questionField(i, 'key')];
        return (
          <fieldset class="govuk-fieldset klaster-question" key={i}>
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{f.questionN(i + 1)}</legend>
            {typeof key === 'string' && key ? (
              <input type="hidden" name={questionField(i, 'key')} value={key} />
            ) : null}
            <Select
              name={questionField(i, 'kind')}
              label={f.questionKind}
              state={state}
              optional
              placeholder={f.noQuestion}
              options={questionKinds.map((k) => ({ value: k, label: f.questionKinds[k] }))}
            />
            <LocalizedField name={questionField(i, 'label')} label={f.questionLabel} state={state} optional />
            <Choices
              kind="checkboxes"
              name={questionField(i, 'required')}
              label={f.questionRequired}
              state={state}
              optional
              small
              options={[{ value: 'on', label: f.questionRequiredOn }]}
            />
            <Textarea
              name={questionField(i, 'options')}
              label={f.questionOptions}
              hint={f.questionOptionsHint}
              state={state}
              optional
              rows={3}
            />
          </fieldset>
        );
      })}
    </fieldset>
  );
}

/** An event's state as a tag: a publication still to come reads as scheduled. */
export function StateTag({ row, now }: { row: EventRow; now: Date }) {
  const s = useView().t.eventAdmin.states;
  const scheduled = row.status === 'published' && row.publishedAt && row.publishedAt > now;
  if (scheduled) return <Tag colour="blue">{s.scheduled}</Tag>;
  const colour = {
    draft: 'grey',
    submitted: 'yellow',
    published: 'green',
    postponed: 'yellow',
    cancelled: 'red',
    finished: 'grey',
    rejected: 'red',
  } as const;
  return <Tag colour={colour[row.status]}>{s[row.status]}</Tag>;
}

/** The organiser's page with the form: a new proposal or a draft to change. */
export function ProposalFormPage({
  id,
  state,
  organisations,
  subareas,
  rooms,
}: {
  /** The event changed, or none for a new one. */
  id?: string;
  state: FormState;
  organisations: Option[];
  subareas: Option[];
  rooms: RoomOption[];
}) {
  const a = useView().t.eventAdmin;
  const title = id ? a.editTitle : a.newTitle;
  return (
    <Layout title={title} back={PROPOSALS_PATH}>
      <ErrorSummary state={state} order={eventFieldOrder} />
      <H1>{title}</H1>
      {id ? null : <p class="govuk-body">{a.newLead}</p>}
      <EventForm
        action={id ? editPath(id) : NEW_PATH}
        state={state}
        organisations={organisations}
        subareas={subareas}
        rooms={rooms}
        staff={false}
        submitLabel={id ? a.save : a.saveDraft}
      />
    </Layout>
  );
}

/** For someone who belongs to no verified organisation. */
export function NotAllowedPage() {
  const a = useView().t.eventAdmin;
  return (
    <Layout title={a.notAllowedTitle} back="/wydarzenia">
      <H1>{a.notAllowedTitle}</H1>
      <p class="govuk-body">{a.notAllowedBody}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/organizacje">
          {a.organisationsLink}
        </a>
      </p>
    </Layout>
  );
}

/** A list of events with their state (the organiser's proposals, the staff's queues). */
export function EventTable({
  caption,
  items,
  now,
  href,
  actions,
}: {
  caption: string;
  items: ListedEvent[];
  now: Date;
  href: (row: EventRow) => string;
  actions?: (row: EventRow) => ComponentChildren;
}) {
  const { t, locale } = useView();
  const c = t.eventAdmin.columns;
  return (
    <Table
      caption={caption}
      head={[c.title, c.when, c.organiser, c.state, ...(actions ? [c.note] : [])]}
      rows={items.map(({ row, organiser }) => [
        <a class="govuk-link" href={href(row)} key="t">
          <Localized value={titleOf(row)} />
        </a>,
        whenText(locale, row.startsAt, row.endsAt),
        organiser ?? '',
        <StateTag row={row} now={now} key="s" />,
        ...(actions ? [actions(row)] : []),
      ])}
    />
  );
}

/** "My proposals": the events of the person's organisations, with the staff's notes and the next step. */
export function ProposalsPage({
  items,
  now,
  roomStates,
}: {
  items: ListedEvent[];
  now: Date;
  roomStates: RoomStates;
}) {
  const { t, locale } = useView();
  const a = t.eventAdmin;
  return (
    <Layout title={a.mineTitle} back="/wydarzenia">
      <H1>{a.mineTitle}</H1>
      <p class="govuk-body">{a.mineLead}</p>
      <p class="govuk-body">
        <a class="govuk-button" data-module="govuk-button" href={NEW_PATH}>
          {a.proposeLink}
        </a>
      </p>
      {items.length === 0 ? (
        <p class="govuk-body">{a.mineEmpty}</p>
      ) : (
        <EventTable
          caption={a.mineTitle}
          items={items}
          now={now}
          href={(row) => eventPath(row.id)}
          actions={(row) => (
            <>
              {row.reviewNote ? <p class="govuk-body">{row.reviewNote}</p> : null}
              <RoomBookingState row={row} states={roomStates} />
              {row.status === 'draft' && row.spaceResourceId ? (
                <p class="govuk-hint">{a.room.houseRules}</p>
              ) : null}
              {row.status === 'published' && row.publishedAt && row.publishedAt > now ? (
                <p class="govuk-body">{a.panel.scheduledFor(formatDateTime(locale, row.publishedAt))}</p>
              ) : null}
              {row.status === 'draft' || row.status === 'submitted' ? (
                <p class="govuk-body">
                  <a class="govuk-link" href={editPath(row.id)}>
                    {a.edit}
                    <span class="govuk-visually-hidden">: {row.title}</span>
                  </a>
                </p>
              ) : null}
              {row.status === 'published' || row.status === 'postponed' ? (
                <p class="govuk-body">
                  <a class="govuk-link" href={managePath(row.id)}>
                    {a.manage.link}
                    <span class="govuk-visually-hidden">: {row.title}</span>
                  </a>
                </p>
              ) : null}
              {row.status === 'draft' ? (
                <ActionButton
                  action={`${eventPath(row.id)}/zglos`}
                  label={a.submit}
                  context={row.title}
                  variant="secondary"
                />
              ) : null}
            </>
          )}
        />
      )}
    </Layout>
  );
}
