// An event's attachments: the organisers' page (the list with delete buttons, the upload form) and
// the list on the public event page ("Programme — PDF, 240 kB").
import { pick } from '../../../platform/content.ts';
import { formatDateTime, type Locale } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  type FormState,
  Table,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { eventPath } from '../publish-formats.ts';
import type { AttachmentView } from '../service/attachments.ts';
import type { EventRow } from '../service/context.ts';
import { titleOf } from './shared.tsx';

export const attachmentsPath = (eventId: string) => `${eventPath(eventId)}/zalaczniki`;
export const attachmentHref = (eventId: string, id: string) => `${attachmentsPath(eventId)}/${id}`;

/** A file's size for a reader: "240 kB", "1,2 MB" (decimal units, in the reader's notation). */
export function fileSize(locale: Locale, bytes: number): string {
  const mega = bytes >= 1_000_000;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: mega ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: mega ? 1 : 0,
  }).format(mega ? bytes / 1_000_000 : Math.max(1, Math.round(bytes / 1000)));
}

/** The attachments on the event's page: one link each, with its kind and size. */
export function EventAttachments({ eventId, items }: { eventId: string; items: AttachmentView[] }) {
  const { t, locale } = useView();
  const a = t.eventExtras.attachments;
  if (items.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{a.publicTitle}</h2>
      <ul class="govuk-list">
        {items.map((item) => (
          <li key={item.id}>
            <a class="govuk-link" href={attachmentHref(eventId, item.id)} download>
              <Localized value={item.title} />
            </a>{' '}
            <span class="govuk-hint govuk-!-display-inline">({a.pdf(fileSize(locale, item.bytes))})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function AttachmentsPage({
  event,
  items,
  state,
  maxMegabytes,
  maxCount,
}: {
  event: EventRow;
  items: AttachmentView[];
  state: FormState;
  maxMegabytes: number;
  maxCount: number;
}) {
  const { t, locale, csrfToken } = useView();
  const a = t.eventExtras.attachments;
  const title = titleOf(event);
  const fileError = state.errors.file;
  const base = attachmentsPath(event.id);
  return (
    <Layout title={`${a.title}: ${pick(title, locale).text}`} back={eventPath(event.id)}>
      <ErrorSummary state={state} order={['file', 'title_pl', 'title_en', 'title_uk']} />
      <H1 caption={a.title}>
        <Localized value={title} />
      </H1>
      <p class="govuk-body">{a.lead}</p>
      {items.length === 0 ? (
        <p class="govuk-body">{a.none}</p>
      ) : (
        <Table
          caption={a.caption}
          head={[a.name, a.size, a.added, a.actions]}
          rows={items.map((item) => [
            <a class="govuk-link" href={attachmentHref(event.id, item.id)} download key="n">
              <Localized value={item.title} />
            </a>,
            a.pdf(fileSize(locale, item.bytes)),
            formatDateTime(locale, item.createdAt),
            <ActionButton
              key="d"
              action={`${attachmentHref(event.id, item.id)}/usun`}
              label={a.delete}
              context={pick(item.title, locale).text}
              variant="warning"
            />,
          ])}
        />
      )}
      <h2 class="govuk-heading-m">{a.addTitle}</h2>
      <form method="post" action={base} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="f-file">
            {a.file}
          </label>
          <div id="f-file-hint" class="govuk-hint">
            {a.fileHint(maxMegabytes, maxCount)}
          </div>
          {fileError ? (
            <p id="f-file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t.common.errorPrefix}</span> {fileError}
            </p>
          ) : null}
          <input
            class={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
            id="f-file"
            name="file"
            type="file"
            accept="application/pdf,.pdf"
            aria-describedby={`f-file-hint${fileError ? ' f-file-error' : ''}`}
          />
        </div>
        <LocalizedField name="title" label={a.titleLabel} hint={a.titleHint} state={state} />
        <Button>{a.upload}</Button>
      </form>
      <p class="govuk-body">
        <a class="govuk-link" href={eventPath(event.id)}>
          {a.back}
        </a>
      </p>
    </Layout>
  );
}
