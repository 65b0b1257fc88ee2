import type { Locale } from '../../platform/auth/schema.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Table,
  Tag,
  Textarea,
  WarningText,
} from '../../platform/views/components.tsx';
import { useView } from '../../platform/views/context.ts';
import { H1, Layout } from '../../platform/views/layout.tsx';
import { PanelLayout } from '../../platform/views/panel-layout.tsx';
import { type TermsVersion, termsBlocks } from './terms.ts';

/** The text of the terms: its headings one level below the page's heading. */
export function TermsText({ text, lang }: { text: string; lang?: Locale }) {
  return (
    <div class="klaster-terms" lang={lang}>
      {termsBlocks(text).map((b, i) =>
        b.kind === 'h' ? (
          <h2 class="govuk-heading-m" key={i}>
            {b.text}
          </h2>
        ) : b.kind === 'ul' ? (
          <ul class="govuk-list govuk-list--bullet" key={i}>
            {b.items.map((x, j) => (
              <li key={j}>{x}</li>
            ))}
          </ul>
        ) : (
          <p class="govuk-body" key={i}>
            {b.text}
          </p>
        ),
      )}
    </div>
  );
}

function VersionsTable({
  versions,
  current,
}: {
  versions: Array<{ version: number; publishedAt: Date }>;
  current: number;
}) {
  const { t, locale } = useView();
  const m = t.terms;
  return (
    <Table
      caption={m.versionsCaption}
      head={[m.versionColumn, m.publishedColumn]}
      rows={versions.map((v) => [
        <span key="v">
          <a class="govuk-link" href={`/regulamin/wersje/${v.version}`}>
            {m.versionLink(v.version)}
          </a>
          {v.version === current ? (
            <>
              {' '}
              <Tag colour="green">{m.currentTag}</Tag>
            </>
          ) : null}
        </span>,
        formatDateTime(locale, v.publishedAt, 'date'),
      ])}
    />
  );
}

/** /regulamin and /regulamin/wersje/:n: a version of the terms in the reader's language. */
export function TermsPage({
  terms,
  versions,
  current,
}: {
  terms: TermsVersion | null;
  versions: Array<{ version: number; publishedAt: Date }>;
  current: number;
}) {
  const { t, locale } = useView();
  const m = t.terms;
  if (!terms)
    return (
      <Layout title={m.title}>
        <H1>{m.title}</H1>
        <p class="govuk-body">{m.none}</p>
      </Layout>
    );
  const past = terms.version !== current;
  return (
    <Layout title={past ? `${m.title} — ${m.versionLink(terms.version)}` : m.title}>
      <H1>{m.title}</H1>
      <p class="govuk-body-l">
        {m.version(terms.version, formatDateTime(locale, terms.publishedAt, 'date'))}
      </p>
      {past ? (
        <div class="govuk-inset-text">
          {m.pastNotice}{' '}
          <a class="govuk-link" href="/regulamin">
            {m.seeCurrent}
          </a>
        </div>
      ) : null}
      <TermsText text={terms.body[locale]} />
      <h2 class="govuk-heading-m govuk-!-margin-top-8">{m.versionsHeading}</h2>
      <VersionsTable versions={versions} current={current} />
    </Layout>
  );
}

/** The interstitial: a new version to accept before going on to `next`. */
export function TermsAcceptPage({
  terms,
  next,
  state,
}: {
  terms: TermsVersion;
  next: string;
  state: FormState;
}) {
  const { t, locale } = useView();
  const m = t.terms;
  const a = m.accept;
  return (
    <Layout title={a.title}>
      <ErrorSummary state={state} order={['accept']} />
      <H1>{a.title}</H1>
      <p class="govuk-body-l">{a.lead(terms.version)}</p>
      <p class="govuk-body">{m.version(terms.version, formatDateTime(locale, terms.publishedAt, 'date'))}</p>
      <TermsText text={terms.body[locale]} />
      <Form action="/regulamin/akceptacja">
        <input type="hidden" name="version" value={String(terms.version)} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <Choices
          kind="checkboxes"
          name="accept"
          label={a.title}
          state={state}
          options={[{ value: 'yes', label: a.checkbox }]}
        />
        <Button>{a.button}</Button>
      </Form>
      <p class="govuk-body">{a.decline}</p>
      <Form action="/wyloguj">
        <Button variant="secondary">{a.signOut}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href="/konto/usun">
          {a.deleteAccount}
        </a>
      </p>
    </Layout>
  );
}

/** /panel/regulamin: the versions and the way to a new one. */
export function PanelTermsPage({
  versions,
  current,
}: {
  versions: Array<{ version: number; publishedAt: Date }>;
  current: number;
}) {
  const { t, locale } = useView();
  const p = t.terms.panel;
  const now = versions.find((v) => v.version === current);
  return (
    <PanelLayout title={p.title}>
      <H1>{p.title}</H1>
      <p class="govuk-body">{p.lead}</p>
      {now ? (
        <p class="govuk-body">{p.current(now.version, formatDateTime(locale, now.publishedAt, 'date'))}</p>
      ) : null}
      <p class="govuk-body">
        <a class="govuk-button" href="/panel/regulamin/nowa" data-module="govuk-button">
          {p.write}
        </a>
      </p>
      <VersionsTable versions={versions} current={current} />
    </PanelLayout>
  );
}

/** /panel/regulamin/nowa: the three texts, then (after "preview") how they will look, and publish. */
export function PanelTermsNewPage({
  state,
  nextVersion,
  preview,
}: {
  state: FormState;
  nextVersion: number;
  preview: Record<Locale, string> | null;
}) {
  const { t } = useView();
  const p = t.terms.panel;
  return (
    <PanelLayout title={preview ? `${p.previewHeading}: ${p.newTitle}` : p.newTitle} back="/panel/regulamin">
      <ErrorSummary state={state} order={['bodyPl', 'bodyEn', 'bodyUk']} />
      <H1>{p.newTitle}</H1>
      {preview ? (
        <section aria-labelledby="terms-preview">
          <h2 class="govuk-heading-l" id="terms-preview">
            {p.previewHeading}
          </h2>
          <p class="govuk-body">{p.previewLead}</p>
          {(['pl', 'en', 'uk'] as const).map((l) => (
            <details class="govuk-details" open={l === 'pl'} key={l}>
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{t.common.languageNames[l]}</span>
              </summary>
              <div class="govuk-details__text">
                <TermsText text={preview[l]} lang={l} />
              </div>
            </details>
          ))}
          <WarningText>{p.publishWarning}</WarningText>
        </section>
      ) : (
        <p class="govuk-body">{p.newLead}</p>
      )}
      <Form action="/panel/regulamin/nowa">
        <Textarea name="bodyPl" label={p.bodyPl} rows={14} state={state} />
        <Textarea name="bodyEn" label={p.bodyEn} rows={14} state={state} />
        <Textarea name="bodyUk" label={p.bodyUk} rows={14} state={state} />
        <div class="govuk-button-group">
          <Button name="action" value="preview" variant={preview ? 'secondary' : undefined}>
            {p.preview}
          </Button>
          {preview ? (
            <Button name="action" value="publish">
              {p.publish(nextVersion)}
            </Button>
          ) : null}
        </div>
      </Form>
    </PanelLayout>
  );
}
