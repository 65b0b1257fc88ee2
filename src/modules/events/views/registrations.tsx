// "My events" (the person's registrations and places on waiting lists, with their buttons) and the
// page the link in a mail opens (no sign-in: a confirmation form; a bad or used link says so).
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { ActionButton, Button, Form, Table, Tag } from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import type { ListedEvent } from '../listing.ts';
import { eventPath } from '../publish-formats.ts';
import type { RegistrationView } from '../service/registration.ts';
import type { CertificateStanding } from '../service/series.ts';
import { certificatePath, seriesPath, seriesTitle } from './series.tsx';
import { StatusTag, titleOf, whenText } from './shared.tsx';

const live = (r: RegistrationView) =>
  r.status === 'confirmed' || r.status === 'waiting' || r.status === 'offered';

function StatusLine({ reg }: { reg: RegistrationView }) {
  const { t, locale } = useView();
  const p = t.eventPages;
  if (reg.status === 'confirmed') return <>{p.mine.confirmed(reg.partySize)}</>;
  if (reg.status === 'waiting') return <>{p.mine.waiting(reg.ahead ?? 0)}</>;
  if (reg.status === 'offered' && reg.offerExpiresAt)
    return <>{p.mine.offered(formatDateTime(locale, reg.offerExpiresAt))}</>;
  return <Tag colour="grey">{p.registrationStatus[reg.status]}</Tag>;
}

/** The person's attendance certificates of series: how far they are, and the download once earned. */
function Certificates({ standings }: { standings: CertificateStanding[] }) {
  const s = useView().t.eventSeries;
  if (standings.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{s.certificates}</h2>
      <ul class="govuk-list">
        {standings.map((c) => (
          <li key={c.series.slug}>
            <a class="govuk-link" href={seriesPath(c.series.slug)}>
              <Localized value={seriesTitle(c.series)} />
            </a>
            {`: ${s.standing(c.attended, c.needed)} `}
            {c.attended >= c.needed ? (
              <a class="govuk-link" href={certificatePath(c.series.slug)}>
                {s.download}
                <span class="govuk-visually-hidden"> — {c.series.title}</span>
              </a>
            ) : (
              s.notYet
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MinePage({
  registrations,
  events,
  certificates = [],
}: {
  registrations: RegistrationView[];
  events: Map<string, ListedEvent>;
  certificates?: CertificateStanding[];
}) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const row = (reg: RegistrationView, actions: boolean) => {
    const e = events.get(reg.eventId);
    if (!e) return null;
    const base = eventPath(reg.eventId);
    const title = titleOf(e.row);
    return [
      <>
        <a class="govuk-link" href={base}>
          <Localized value={title} />
        </a>{' '}
        <StatusTag status={e.row.status} />
      </>,
      whenText(locale, e.row.startsAt, e.row.endsAt),
      <StatusLine reg={reg} />,
      actions ? (
        <>
          {reg.status === 'offered' ? (
            <ActionButton
              action={`${base}/oferta`}
              label={p.acceptButton}
              hidden={{ answer: 'accept', back: 'moje' }}
            />
          ) : null}
          <ActionButton
            action={`${base}/rezygnacja`}
            label={p.cancelButton}
            variant="warning"
            hidden={{ back: 'moje' }}
            context={e.row.title}
          />
        </>
      ) : (
        ''
      ),
    ];
  };
  const current = registrations.filter(live);
  const ended = registrations.filter((r) => !live(r));
  const head = [p.mineEvent, p.mineWhen, p.mineStatus, p.mineActions];
  return (
    <Layout title={p.mineTitle} wide>
      <H1>{p.mineTitle}</H1>
      <p class="govuk-body">{p.mineLead}</p>
      {registrations.length === 0 ? (
        <p class="govuk-body govuk-!-font-weight-bold">
          {p.mineEmpty}{' '}
          <a class="govuk-link" href="/wydarzenia">
            {p.upcomingLink}
          </a>
        </p>
      ) : null}
      {current.length ? (
        <Table
          caption={p.mineCurrent}
          head={head}
          rows={current.map((r) => row(r, true)).filter((r) => r !== null)}
        />
      ) : null}
      {ended.length ? (
        <Table
          caption={p.mineEnded}
          head={head.slice(0, 3)}
          rows={ended.map((r) => row(r, false)?.slice(0, 3) ?? null).filter((r) => r !== null)}
        />
      ) : null}
      <Certificates standings={certificates} />
    </Layout>
  );
}

/** The link from a mail: the registration, and a form to cancel it (or accept/decline an offer). */
export function LinkPage({
  token,
  reg,
  event,
}: {
  token: string;
  reg: RegistrationView;
  event: ListedEvent;
}) {
  const { t, locale } = useView();
  const p = t.eventPages;
  const action = `/wydarzenia/zapis/${token}`;
  return (
    <Layout title={p.linkTitle}>
      <H1 caption={p.linkTitle}>
        <Localized value={titleOf(event.row)} />
      </H1>
      <p class="govuk-body">
        {whenText(locale, event.row.startsAt, event.row.endsAt)} <StatusTag status={event.row.status} />
      </p>
      <p class="govuk-body">
        <a class="govuk-link" href={eventPath(event.row.id)}>
          {p.details}
        </a>
      </p>
      {live(reg) ? (
        <>
          <p class="govuk-body govuk-!-font-weight-bold">
            <StatusLine reg={reg} />
          </p>
          {reg.status === 'offered' ? (
            <>
              <ActionButton action={`${action}/przyjmij`} label={p.acceptButton} />{' '}
              <ActionButton action={`${action}/odrzuc`} label={p.declineButton} variant="secondary" />
            </>
          ) : null}
          <p class="govuk-body">{p.linkCancelLead}</p>
          <Form action={action}>
            <Button variant="warning">{p.linkCancelButton}</Button>
          </Form>
        </>
      ) : (
        <p class="govuk-body">{p.linkEnded}</p>
      )}
    </Layout>
  );
}

export function LinkInvalidPage() {
  const p = useView().t.eventPages;
  return (
    <Layout title={p.linkInvalidTitle}>
      <H1>{p.linkInvalidTitle}</H1>
      <p class="govuk-body">{p.linkInvalid}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/wydarzenia">
          {p.upcomingLink}
        </a>
      </p>
    </Layout>
  );
}
