// The page of a person's private calendar feed: what it is, the secret URL right after it was
// created or renewed (only then), renewing and revoking; and the confirmation before revoking.
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { ActionButton, Button, Form, WarningText } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';

export const FEED_PAGE = '/przestrzenie/moje/kalendarz';

export interface FeedPageModel {
  /** The feed exists since then (null: none yet). */
  since: Date | null;
  /** The secret URL, only on the first view after it was created or renewed. */
  freshUrl: string | null;
}

export function FeedPage({ since, freshUrl }: FeedPageModel) {
  const { t, locale } = useView();
  const m = t.spacesFeeds;
  return (
    <Layout title={m.title} back="/przestrzenie/moje">
      <H1>{m.title}</H1>
      <p class="govuk-body">{m.lead}</p>
      <WarningText>{m.secretWarning}</WarningText>
      {freshUrl ? (
        // Not a govuk-panel: its green background leaves a hint, a label and a field unreadable.
        <section class="klaster-fresh" aria-labelledby="feed-url-title">
          <h2 class="govuk-heading-m" id="feed-url-title">
            {m.urlTitle}
          </h2>
          <div
            class="govuk-form-group"
            data-klaster-copy={m.copy}
            data-klaster-copied={m.copied}
            data-klaster-copy-failed={m.copyFailed}
          >
            <label class="govuk-label" for="feed-url">
              {m.urlLabel}
            </label>
            <div id="feed-url-hint" class="govuk-hint">
              {m.urlOnce}
            </div>
            <input
              class="govuk-input"
              id="feed-url"
              name="feed-url"
              type="text"
              readOnly
              value={freshUrl}
              spellcheck={false}
              aria-describedby="feed-url-hint"
            />
          </div>
          <p class="govuk-body govuk-!-margin-bottom-0">{m.howTo}</p>
        </section>
      ) : null}
      {since ? (
        <>
          {freshUrl ? null : (
            <p class="govuk-body" id="feed-exists">
              {m.exists(formatDateTime(locale, since))}
            </p>
          )}
          <div class="govuk-button-group">
            <ActionButton action={FEED_PAGE} label={m.rotate} variant="secondary" />
            <a class="govuk-button govuk-button--warning" href={`${FEED_PAGE}/wylacz`}>
              {m.revoke}
            </a>
          </div>
        </>
      ) : (
        <>
          <p class="govuk-body">{m.none}</p>
          <ActionButton action={FEED_PAGE} label={m.create} />
        </>
      )}
      <p class="govuk-body">{m.publicFeeds}</p>
    </Layout>
  );
}

export function RevokeFeedPage() {
  const { t } = useView();
  const m = t.spacesFeeds;
  return (
    <Layout title={m.revokeTitle} back={FEED_PAGE}>
      <H1>{m.revokeTitle}</H1>
      <p class="govuk-body">{m.revokeBody}</p>
      <Form action={`${FEED_PAGE}/wylacz`}>
        <div class="govuk-button-group">
          <Button variant="warning">{m.revokeConfirm}</Button>
          <a class="govuk-link" href={FEED_PAGE}>
            {m.cancel}
          </a>
        </div>
      </Form>
    </Layout>
  );
}
