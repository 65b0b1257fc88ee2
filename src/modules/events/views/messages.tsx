// The organisers' messages to the registrants, on the list of registrations: the form (to whom,
// subject, text), the step that shows how many it goes to before anything is sent, and the history.
import { pick } from '../../../platform/content.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Table,
  Textarea,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { type MessageAudience, messageAudiences } from '../schema.ts';
import type { EventRow } from '../service/context.ts';
import { MESSAGE_LIMITS, type SentMessage } from '../service/messages.ts';
import { rosterPath } from './roster.tsx';
import { titleOf } from './shared.tsx';

export const messagePath = (eventId: string) => `${rosterPath(eventId)}/wiadomosc`;

/** The plain text as paragraphs (a blank line starts one), each shown as text, never as markup. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p class="govuk-body" key={i}>
            {p
              .trim()
              .split('\n')
              .flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}
          </p>
        ))}
    </>
  );
}

/** The section of the roster page: the message form and the messages sent. */
export function RosterMessages({
  eventId,
  history,
  state,
}: {
  eventId: string;
  history: SentMessage[];
  state: FormState;
}) {
  const { t, locale } = useView();
  const m = t.eventExtras.messages;
  const values = state.values.audience ? state.values : { audience: 'confirmed', ...state.values };
  const shown = { values, errors: state.errors };
  return (
    <section aria-labelledby="event-messages">
      <h2 class="govuk-heading-m" id="event-messages">
        {m.title}
      </h2>
      <ErrorSummary state={state} order={['audience', 'subject', 'body']} />
      <p class="govuk-body">{m.lead}</p>
      <Form action={messagePath(eventId)}>
        <input type="hidden" name="step" value="preview" />
        <Choices
          kind="radios"
          name="audience"
          label={m.audience}
          state={shown}
          options={messageAudiences.map((a) => ({ value: a, label: m.audiences[a] }))}
        />
        <TextInput name="subject" label={m.subject} state={shown} />
        <Textarea
          name="body"
          label={m.body}
          hint={`${m.bodyHint(MESSAGE_LIMITS.body)} ${m.limitHint(MESSAGE_LIMITS.perDay)}`}
          state={shown}
          rows={8}
        />
        <Button>{m.preview}</Button>
      </Form>
      <h2 class="govuk-heading-m">{m.historyTitle}</h2>
      {history.length === 0 ? (
        <p class="govuk-body">{m.historyNone}</p>
      ) : (
        <Table
          caption={m.historyCaption}
          head={[m.sentAt, m.subject, m.audience, m.recipients, m.sentBy]}
          rows={history.map((h) => [
            <time dateTime={h.sentAt.toISOString()} key="t">
              {formatDateTime(locale, h.sentAt)}
            </time>,
            <details class="govuk-details" key="s">
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{h.subject}</span>
              </summary>
              <div class="govuk-details__text">
                <Paragraphs text={h.body} />
              </div>
            </details>,
            m.audienceShort[h.audience],
            String(h.recipients),
            h.sentBy ?? m.unknownSender,
          ])}
        />
      )}
    </section>
  );
}

/** The confirm step: the message as it will go, to how many; send it or go back and change it. */
export function MessageConfirmPage({
  event,
  input,
  recipients,
}: {
  event: EventRow;
  input: { audience: MessageAudience; subject: string; body: string };
  recipients: number;
}) {
  const { t, locale } = useView();
  const m = t.eventExtras.messages;
  const title = titleOf(event);
  const hidden = (step: string) => (
    <>
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="audience" value={input.audience} />
      <input type="hidden" name="subject" value={input.subject} />
      <input type="hidden" name="body" value={input.body} />
    </>
  );
  return (
    <Layout title={`${m.confirmTitle}: ${pick(title, locale).text}`} back={rosterPath(event.id)}>
      <H1 caption={<Localized value={title} />}>{m.confirmTitle}</H1>
      <p class="govuk-body govuk-!-font-weight-bold">{m.goesTo(recipients)}</p>
      <SummaryList
        rows={[
          { key: m.audience, value: m.audiences[input.audience] },
          { key: m.subject, value: input.subject },
          { key: m.body, value: <Paragraphs text={input.body} /> },
        ]}
      />
      <div class="govuk-button-group">
        <Form action={messagePath(event.id)} class="klaster-inline-form">
          {hidden('send')}
          <Button>{m.send}</Button>
        </Form>
        <Form action={messagePath(event.id)} class="klaster-inline-form">
          {hidden('edit')}
          <Button variant="secondary">{m.change}</Button>
        </Form>
      </div>
    </Layout>
  );
}
