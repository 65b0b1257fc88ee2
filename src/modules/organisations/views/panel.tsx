// Back office: the verification queue and the review page.
import {
  ActionButton,
  Button,
  ErrorSummary,
  Form,
  type FormState,
  Pagination,
  Select,
  SummaryList,
  Table,
  Textarea,
} from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { type OrganisationStatus, organisationStatuses } from '../schema.ts';
import type { OrganisationSummary, ReviewDetail } from '../service.ts';
import { organisationRows, Paragraphs, StatusTag, useDate } from './shared.tsx';

export function QueuePage({
  items,
  page,
  hasNext,
  pendingCount,
  status,
}: {
  items: Array<OrganisationSummary & { createdByName: string | null }>;
  page: number;
  hasNext: boolean;
  pendingCount: number;
  status: OrganisationStatus | '';
}) {
  const { t } = useView();
  const o = t.organisations;
  const date = useDate();
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (p > 1) q.set('strona', String(p));
    const s = q.toString();
    return `/panel/organizacje${s ? `?${s}` : ''}`;
  };
  return (
    <Layout title={o.queueTitle} back="/panel" wide>
      <H1>{o.queueTitle}</H1>
      <p class="govuk-body">{o.queueLead}</p>
      <p class="govuk-body govuk-!-font-weight-bold">{o.pendingCount(pendingCount)}</p>
      <form method="get" action="/panel/organizacje">
        <Select
          name="status"
          label={o.statusFilter}
          state={{ values: { status }, errors: {} }}
          placeholder={o.allStatuses}
          options={organisationStatuses.map((s) => ({ value: s, label: o.statuses[s] }))}
        />
        <Button variant="secondary">{o.showResults}</Button>
      </form>
      {items.length === 0 ? (
        <p class="govuk-body">{o.queueEmpty}</p>
      ) : (
        <Table
          caption={o.queueCaption}
          head={[o.name, o.kind, o.status, o.submittedOn, o.submittedBy]}
          rows={items.map((i) => [
            <a class="govuk-link" href={`/panel/organizacje/${i.id}`} key="n">
              {i.name}
            </a>,
            o.kinds[i.kind],
            <StatusTag status={i.status} key="s" />,
            date(i.createdAt),
            i.createdByName ?? '',
          ])}
        />
      )}
      <Pagination prev={page > 1 ? href(page - 1) : null} next={hasNext ? href(page + 1) : null} />
    </Layout>
  );
}

export function ReviewPage({ org, rejectState }: { org: ReviewDetail; rejectState?: FormState }) {
  const { t } = useView();
  const o = t.organisations;
  const date = useDate();
  return (
    <Layout title={`${o.reviewCaption}: ${org.name}`} back="/panel/organizacje">
      <ErrorSummary state={rejectState} order={['_form', 'reason']} />
      <H1 caption={o.reviewCaption}>{org.name}</H1>
      <SummaryList
        rows={[
          ...organisationRows(org, t, date, { identifiersAlways: true }),
          {
            key: o.submittedBy,
            value: org.createdBy ? `${org.createdBy.name} <${org.createdBy.email}>` : '',
          },
          {
            key: o.owners,
            value: (
              <ul class="govuk-list">
                {org.owners.map((w) => (
                  <li key={w.email}>{`${w.name} <${w.email}>`}</li>
                ))}
              </ul>
            ),
          },
          { key: o.membersTitle, value: String(org.memberCount) },
        ]}
      />
      <h2 class="govuk-heading-m">{o.description}</h2>
      <Paragraphs text={org.description} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/organizacje/${org.id}`}>
          {org.name}
        </a>
      </p>
      {org.status !== 'verified' ? (
        <ActionButton action={`/panel/organizacje/${org.id}/weryfikuj`} label={o.verify} />
      ) : null}
      {org.status !== 'rejected' ? (
        <>
          <h2 class="govuk-heading-m">{o.rejectTitle}</h2>
          <Form action={`/panel/organizacje/${org.id}/odrzuc`}>
            <Textarea
              name="reason"
              label={o.rejectionReason}
              hint={o.rejectReasonHint}
              state={rejectState}
              rows={4}
            />
            <Button variant="warning">{o.reject}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
