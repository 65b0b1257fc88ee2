// Pieces every organisation page uses: the status tag (text, never colour alone) and field lists.
import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { Tag } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import type { OrganisationStatus } from '../schema.ts';
import type { OrganisationDetail } from '../service.ts';

export function StatusTag({ status }: { status: OrganisationStatus }) {
  const { t } = useView();
  const o = t.organisations;
  if (status === 'verified') return <Tag colour="green">{o.verifiedBadge}</Tag>;
  return <Tag colour={status === 'pending' ? 'yellow' : 'red'}>{o.statuses[status]}</Tag>;
}

export function useDate() {
  const { locale } = useView();
  return (d: Date | null | undefined) => (d ? formatDateTime(locale, d, 'date') : '');
}

/** Description as paragraphs (escaped text; blank lines separate paragraphs). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p class="govuk-body" key={i}>
            {p}
          </p>
        ))}
    </>
  );
}

/** Rows describing an organisation, for its public page and the review page. */
export function organisationRows(
  org: OrganisationDetail,
  t: ReturnType<typeof useView>['t'],
  date: (d: Date | null) => string,
  opts: { identifiersAlways?: boolean } = {},
) {
  const o = t.organisations;
  const rows: Array<{ key: string; value: ComponentChildren }> = [
    { key: o.kind, value: o.kinds[org.kind] },
    { key: o.status, value: <StatusTag status={org.status} /> },
  ];
  for (const key of ['nip', 'regon', 'krs'] as const) {
    if (org[key] || opts.identifiersAlways) rows.push({ key: o[key], value: org[key] ?? o.identifiersNone });
  }
  if (org.subarea) rows.push({ key: o.subarea, value: org.subarea.name });
  if (org.website)
    rows.push({
      key: o.website,
      value: (
        <a class="govuk-link" href={org.website} rel="nofollow noopener noreferrer">
          {org.website}
        </a>
      ),
    });
  if (org.publicEmail)
    rows.push({
      key: o.publicEmail,
      value: (
        <a class="govuk-link" href={`mailto:${org.publicEmail}`}>
          {org.publicEmail}
        </a>
      ),
    });
  rows.push({ key: o.registeredOn, value: date(org.createdAt) });
  if (org.verifiedAt) rows.push({ key: o.verifiedOn, value: date(org.verifiedAt) });
  if (org.status === 'rejected' && org.rejectionReason)
    rows.push({ key: o.rejectionReason, value: org.rejectionReason });
  return rows;
}
