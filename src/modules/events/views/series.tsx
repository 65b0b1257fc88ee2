// A series' pages: its public page (the sessions, upcoming and past, and the form registering for
// chosen open sessions), the attendance of its participants (organisers and staff), the page that
// verifies a certificate, and the staff's list and settings of series.
import { localized, pick } from '../../../platform/content.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import {
  Button,
  Choices,
  ErrorSummary,
  Form,
  type FormState,
  SummaryList,
  Table,
  Tag,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized, LocalizedField, MarkdownText } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1, Layout } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import { eventPath } from '../publish-formats.ts';
import type { RegistrationView } from '../service/registration.ts';
import type { SeriesRow, SeriesSession } from '../service/series.ts';
import { StatusTag, titleOf, whenText } from './shared.tsx';

export const seriesPath = (slug: string) => `/wydarzenia/cykle/${slug}`;
export const certificatePath = (slug: string) => `${seriesPath(slug)}/zaswiadczenie.pdf`;
export const verifyPath = (code: string) => `/wydarzenia/zaswiadczenia/${code}`;
export const SERIES_ADMIN_PATH = '/panel/wydarzenia/cykle';

export const seriesTitle = (s: SeriesRow) => localized(s.title, s.titleI18n);

function YourRegistration({ reg }: { reg: RegistrationView | undefined }) {
  const s = useView().t.eventSeries;
  if (!reg) return <>—</>;
  if (reg.status === 'confirmed') return <Tag colour="green">{s.confirmed}</Tag>;
  if (reg.status === 'waiting') return <>{s.waiting(reg.ahead ?? 0)}</>;
  return <>{s.offered}</>;
}

export function SeriesPage({
  series,
  sessions,
  mine,
  now,
  state,
  runs,
}: {
  series: SeriesRow;
  sessions: SeriesSession[];
  mine: Map<string, RegistrationView>;
  now: Date;
  state: FormState;
  /** Whether the reader may see the series' attendance. */
  runs: boolean;
}) {
  const { t, locale, actor } = useView();
  const s = t.eventSeries;
  const title = seriesTitle(series);
  const upcoming = sessions.filter((x) => x.row.endsAt > now);
  const past = sessions.filter((x) => x.row.endsAt <= now).reverse();
  const open = upcoming.filter((x) => x.bar === null && !mine.has(x.row.id));
  const registrationCell = ({ row, bar }: SeriesSession) => {
    if (bar) return s.bars[bar];
    if (row.capacity === null) return s.open;
    const left = row.capacity - row.taken;
    return left > 0 ? s.placesLeft(left) : s.full;
  };
  const table = (caption: string, items: SeriesSession[], withYours: boolean) => (
    <Table
      caption={caption}
      head={withYours ? [s.session, s.when, s.registration, s.yours] : [s.session, s.when]}
      rows={items.map((x) => {
        const cells = [
          <>
            <a class="govuk-link" href={eventPath(x.row.id)}>
              <Localized value={titleOf(x.row)} />
            </a>{' '}
            <StatusTag status={x.row.status} />
          </>,
          whenText(locale, x.row.startsAt, x.row.endsAt),
        ];
        return withYours
          ? [...cells, registrationCell(x), <YourRegistration reg={mine.get(x.row.id)} />]
          : cells;
      })}
    />
  );
  const consents = open.filter((x) => x.row.consent);
  return (
    <Layout title={pick(title, locale).text} wide>
      <H1 caption={s.caption}>
        <Localized value={title} />
      </H1>
      <MarkdownText value={localized(series.description, series.descriptionI18n)} />
      {series.certificateMinSessions !== null ? (
        <p class="govuk-body">{s.certificateRule(series.certificateMinSessions)}</p>
      ) : null}
      {runs ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${seriesPath(series.slug)}/obecnosc`}>
            {s.attendanceLink}
          </a>
        </p>
      ) : null}
      <h2 class="govuk-heading-l">{s.sessions}</h2>
      {sessions.length === 0 ? <p class="govuk-body">{s.none}</p> : null}
      {upcoming.length ? table(s.upcoming, upcoming, true) : null}
      <h2 class="govuk-heading-m">{s.formTitle}</h2>
      {open.length === 0 ? (
        <p class="govuk-body">{s.nothingOpen}</p>
      ) : !actor ? (
        <p class="govuk-body">
          <a
            class="govuk-button"
            data-module="govuk-button"
            href={`/logowanie?next=${encodeURIComponent(seriesPath(series.slug))}`}
          >
            {s.signIn}
          </a>
        </p>
      ) : (
        <>
          <ErrorSummary state={state} order={['sessions', 'companions', 'consent']} />
          <p class="govuk-body">{s.formLead}</p>
          <Form action={`${seriesPath(series.slug)}/zapis`}>
            <Choices
              kind="checkboxes"
              name="sessions"
              label={s.choose}
              hint={s.chooseHint}
              state={state}
              options={open.map((x) => ({
                value: x.row.id,
                label: `${pick(titleOf(x.row), locale).text} — ${whenText(locale, x.row.startsAt, x.row.endsAt)}`,
                hint: registrationCell(x),
              }))}
            />
            <TextInput
              name="companions"
              label={s.companions}
              hint={s.companionsHint}
              type="number"
              width="5"
              inputmode="numeric"
              state={state}
            />
            {consents.length ? (
              <>
                <p class="govuk-body">{s.consentLead}</p>
                <ul class="govuk-list govuk-list--bullet">
                  {consents.map((x) => (
                    <li key={x.row.id}>
                      <Localized value={titleOf(x.row)} />:{' '}
                      <Localized value={localized(x.row.consent!, x.row.consentI18n)} />
                    </li>
                  ))}
                </ul>
                <Choices
                  kind="checkboxes"
                  name="consent"
                  label={s.consentLegend}
                  state={state}
                  options={[{ value: 'yes', label: s.consent }]}
                />
              </>
            ) : null}
            <Button>{s.submit}</Button>
          </Form>
        </>
      )}
      {past.length ? table(s.past, past, false) : null}
    </Layout>
  );
}

export function SeriesAttendancePage({
  series,
  people,
}: {
  series: SeriesRow;
  people: Array<{ name: string | null; email: string | null; attended: number; qualifies: boolean }>;
}) {
  const s = useView().t.eventSeries;
  const { locale } = useView();
  return (
    <Layout title={`${s.attendanceTitle}: ${pick(seriesTitle(series), locale).text}`} wide>
      <H1 caption={s.attendanceTitle}>
        <Localized value={seriesTitle(series)} />
      </H1>
      <p class="govuk-body">
        {series.certificateMinSessions === null
          ? s.noThreshold
          : s.certificateRule(series.certificateMinSessions)}
      </p>
      {people.length === 0 ? (
        <p class="govuk-body">{s.nobody}</p>
      ) : (
        <Table
          caption={s.attendanceTitle}
          head={[s.person, s.email, s.attended, s.qualifies]}
          rows={people.map((p) => [
            p.name ?? s.purged,
            p.email ?? '',
            String(p.attended),
            series.certificateMinSessions === null ? '—' : p.qualifies ? s.yes : s.no,
          ])}
        />
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={seriesPath(series.slug)}>
          {s.publicPage}
        </a>
      </p>
    </Layout>
  );
}

export function VerifyPage({ found }: { found: { name: string; series: SeriesRow; issuedAt: Date } | null }) {
  const { t, locale } = useView();
  const s = t.eventSeries;
  return (
    <Layout title={s.verifyTitle}>
      <H1>{s.verifyTitle}</H1>
      {found ? (
        <>
          <p class="govuk-body govuk-!-font-weight-bold">{s.genuine}</p>
          <SummaryList
            rows={[
              { key: s.name, value: found.name },
              { key: s.series, value: <Localized value={seriesTitle(found.series)} /> },
              { key: s.issued, value: formatDateTime(locale, found.issuedAt, 'date') },
            ]}
          />
        </>
      ) : (
        <p class="govuk-body govuk-!-font-weight-bold">{s.unknown}</p>
      )}
    </Layout>
  );
}

export function SeriesAdminPage({ series }: { series: Array<SeriesRow & { events: number }> }) {
  const s = useView().t.eventSeries;
  return (
    <PanelLayout title={s.adminTitle}>
      <H1>{s.adminTitle}</H1>
      <p class="govuk-body">{s.adminLead}</p>
      {series.length === 0 ? (
        <p class="govuk-body">{s.adminEmpty}</p>
      ) : (
        <Table
          caption={s.adminTitle}
          head={[s.seriesName, s.events, s.threshold, s.edit]}
          rows={series.map((x) => [
            x.name,
            String(x.events),
            x.certificateMinSessions === null ? s.noCertificate : String(x.certificateMinSessions),
            <a class="govuk-link" href={`${SERIES_ADMIN_PATH}/${x.slug}`}>
              {s.edit}
              <span class="govuk-visually-hidden"> — {x.name}</span>
            </a>,
          ])}
        />
      )}
    </PanelLayout>
  );
}

export function SeriesEditPage({ series, state }: { series: SeriesRow; state: FormState }) {
  const s = useView().t.eventSeries;
  return (
    <PanelLayout title={`${s.editTitle}: ${series.name}`}>
      <H1 caption={s.editTitle}>{series.name}</H1>
      <ErrorSummary state={state} />
      <p class="govuk-body">
        <a class="govuk-link" href={seriesPath(series.slug)}>
          {s.publicPage}
        </a>{' '}
        ·{' '}
        <a class="govuk-link" href={`${seriesPath(series.slug)}/obecnosc`}>
          {s.attendanceLink}
        </a>
      </p>
      <Form action={`${SERIES_ADMIN_PATH}/${series.slug}`}>
        <LocalizedField name="title" label={s.titleField} state={state} />
        <LocalizedField name="description" label={s.descriptionField} state={state} optional multiline />
        <TextInput
          name="certificateMinSessions"
          label={s.thresholdField}
          hint={s.thresholdHint}
          type="number"
          width="5"
          inputmode="numeric"
          state={state}
        />
        <Button>{s.save}</Button>
      </Form>
    </PanelLayout>
  );
}
