import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  ActionButton,
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  Table,
  Tag,
  WarningText,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { ConsentKind } from '../schema.ts';
import type { ConsentStatus } from '../service.ts';
import { CurrentPasswordInput } from './fields.tsx';

export function ConsentsPage({
  current,
  history,
  error,
}: {
  current: Array<{
    kind: ConsentKind;
    granted: boolean | null;
    status: ConsentStatus | null;
    decidedAt: Date | null;
    termsVersion: number | null;
  }>;
  history: Array<{ kind: ConsentKind; status: ConsentStatus; decidedAt: Date; termsVersion: number | null }>;
  error?: string | undefined;
}) {
  const { t, locale } = useView();
  const a = t.accounts;
  const c = a.consents;
  const descriptions: Record<ConsentKind, string> = {
    terms: a.consentTerms,
    newsletter: a.consentNewsletter,
    events_info: a.consentEventsInfo,
    research: a.consentResearch,
  };
  return (
    <Layout title={c.title} back="/konto">
      <ErrorSummary state={error ? { values: {}, errors: { _form: error } } : undefined} />
      <H1>{c.title}</H1>
      <p class="govuk-body">{c.lead}</p>
      {current.map((x) => (
        <section class="klaster-card" key={x.kind} aria-labelledby={`consent-${x.kind}`}>
          <h2 class="govuk-heading-s govuk-!-margin-bottom-2" id={`consent-${x.kind}`}>
            {a.consentNames[x.kind]}
          </h2>
          <p class="govuk-body-s">{descriptions[x.kind]}</p>
          <p class="govuk-body">
            {x.status === null ? (
              <Tag colour="grey">{c.none}</Tag>
            ) : x.status === 'granted' ? (
              <Tag colour="green">{c.granted}</Tag>
            ) : x.status === 'withdrawn' ? (
              <Tag colour="yellow">{c.withdrawn}</Tag>
            ) : (
              <Tag colour="grey">{c.notGiven}</Tag>
            )}{' '}
            <span class="govuk-body-s">
              {x.decidedAt ? c.decidedOn(formatDateTime(locale, x.decidedAt)) : c.neverDecided}
            </span>
          </p>
          {x.kind === 'terms' ? (
            <p class="govuk-body-s">
              {x.termsVersion ? `${t.terms.acceptedVersion(x.termsVersion)}. ` : null}
              <a
                class="govuk-link"
                href={x.termsVersion ? `/regulamin/wersje/${x.termsVersion}` : '/regulamin'}
              >
                {t.terms.consentsRead}
              </a>
            </p>
          ) : null}
          {x.kind === 'terms' && x.granted ? (
            <p class="govuk-body-s">
              {c.termsExplain}{' '}
              <a class="govuk-link" href="/konto/usun">
                {c.deleteLink}
              </a>
            </p>
          ) : (
            <ActionButton
              action="/konto/zgody"
              label={x.granted ? c.withdraw : c.grant}
              variant={x.granted ? 'secondary' : undefined}
              hidden={{ kind: x.kind, decision: x.granted ? 'withdraw' : 'grant' }}
            />
          )}
        </section>
      ))}
      <h2 class="govuk-heading-m govuk-!-margin-top-6">{c.historyHeading}</h2>
      {history.length === 0 ? (
        <p class="govuk-body">{c.historyEmpty}</p>
      ) : (
        <Table
          caption={c.historyHeading}
          head={[c.historyDate, c.historyConsent, c.historyDecision]}
          rows={history.map((h) => [
            formatDateTime(locale, h.decidedAt),
            h.termsVersion
              ? `${a.consentNames[h.kind]} (${t.terms.versionLink(h.termsVersion)})`
              : a.consentNames[h.kind],
            h.status === 'granted' ? c.granted : h.status === 'withdrawn' ? c.withdrawn : c.notGiven,
          ])}
        />
      )}
    </Layout>
  );
}

export function DataPage() {
  const { t } = useView();
  const d = t.accounts.data;
  return (
    <Layout title={d.title} back="/konto">
      <H1>{d.title}</H1>
      <p class="govuk-body">{d.lead}</p>
      <ul class="govuk-list govuk-list--bullet">
        {d.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <p class="govuk-body">{d.formatHint}</p>
      <p class="govuk-body">
        <a class="govuk-button" href="/konto/dane.json" download data-module="govuk-button">
          {d.download}
        </a>
      </p>
    </Layout>
  );
}

export function DeleteAccountPage({ state }: { state: FormState }) {
  const { t } = useView();
  const d = t.accounts.deletion;
  return (
    <Layout title={d.title} back="/konto">
      <ErrorSummary state={state} order={['password', 'understand']} />
      <H1>{d.title}</H1>
      <p class="govuk-body">{d.lead}</p>
      <ul class="govuk-list govuk-list--bullet">
        {d.items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
      <p class="govuk-body">
        {d.exportFirst}{' '}
        <a class="govuk-link" href="/konto/dane">
          {t.accounts.data.title}
        </a>
      </p>
      <WarningText>{d.warning}</WarningText>
      <Form action="/konto/usun">
        <CurrentPasswordInput label={d.passwordLabel} state={state} />
        <Choices
          kind="checkboxes"
          name="understand"
          label={d.confirmLegend}
          state={state}
          options={[{ value: 'yes', label: d.understand }]}
        />
        <div class="govuk-button-group">
          <Button variant="warning">{d.submit}</Button>
          <a class="govuk-link" href="/konto">
            {t.common.cancel}
          </a>
        </div>
      </Form>
    </Layout>
  );
}
