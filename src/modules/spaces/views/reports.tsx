// The staff report: a period form, then each section with its chart, data table and CSV link.

import type { Locale } from '../../../platform/auth/schema.ts';
import { fallbackLang, type Localized as LocalizedText, pick } from '../../../platform/content.ts';
import { formatDay } from '../../../platform/i18n/index.ts';
import { daysBetween } from '../../../platform/time/warsaw.ts';
import { BarChart } from '../../../platform/views/chart.tsx';
import {
  Button,
  CsvDownloads,
  ErrorSummary,
  type FormState,
  SummaryList,
  TextInput,
} from '../../../platform/views/components.tsx';
import { Localized } from '../../../platform/views/content.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../../platform/views/panel-layout.tsx';
import type { ActiveReport, ConcludedReport, OccupancyReport, ReportPeriod, RoomRow } from '../reports.ts';

/** A chart's label for a package or a room: its name in the reader's language, else the Polish one marked. */
const named = (names: LocalizedText, locale: Locale) => ({
  label: pick(names, locale).text,
  lang: fallbackLang(names, locale),
});

/** The daily occupancy chart is drawn for periods up to this many days (the CSV has every day). */
const DAILY_CHART_DAYS = 93;

export interface ReportData {
  period: ReportPeriod;
  concluded: ConcludedReport;
  active: ActiveReport;
  occupancy: OccupancyReport;
  rooms: RoomRow[];
}

/** The parts of the report, each its own page (`?czesc=`), after the summary. */
export const reportParts = ['zawarte', 'aktywne', 'oblozenie', 'sale'] as const;
export type ReportPart = (typeof reportParts)[number];

/** "mar 2025" for 2025-03, in the reader's language. */
function monthLabel(locale: string, month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

export function ReportPage({
  state,
  data,
  part,
}: {
  state: FormState;
  data: ReportData | null;
  /** Which part is shown; none: the summary. */
  part?: ReportPart | undefined;
}) {
  const { t, locale } = useView();
  const a = t.agreements;
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = (share: number) => Math.round(share * 1000) / 10;
  const qs = data ? `?od=${data.period.from}&do=${data.period.to}` : '';
  const csv = (name: string) => `/panel/umowy/raport/${name}.csv${qs}`;
  const partHref = (p: ReportPart | undefined) =>
    `/panel/umowy/raport${qs}${p ? `${qs ? '&' : '?'}czesc=${p}` : ''}`;
  const titles: Record<ReportPart, string> = {
    zawarte: a.concludedTitle,
    aktywne: a.activeTitle,
    oblozenie: a.occupancyTitle,
    sale: a.roomsTitle,
  };
  const topRoom = data?.rooms.length
    ? data.rooms.reduce((best, r) => (r.share > best.share ? r : best), data.rooms[0]!)
    : null;
  return (
    <PanelLayout title={part ? `${titles[part]} – ${a.reportTitle}` : a.reportTitle}>
      <ErrorSummary state={state} order={['od', 'do']} />
      <H1>{a.reportTitle}</H1>
      <p class="govuk-body">{a.reportLead}</p>
      <form method="get" action="/panel/umowy/raport" novalidate>
        {part ? <input type="hidden" name="czesc" value={part} /> : null}
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter-from-desktop">
            <TextInput name="od" type="date" label={a.from} hint={a.dateHint} state={state} />
          </div>
          <div class="govuk-grid-column-one-quarter-from-desktop">
            <TextInput name="do" type="date" label={a.to} hint={a.dateHint} state={state} />
          </div>
        </div>
        <Button variant="secondary">{a.show}</Button>
      </form>
      {data ? (
        <>
          <nav class="klaster-contents" aria-labelledby="raport-spis">
            <h2 class="govuk-heading-s" id="raport-spis">
              {a.reportContents}
            </h2>
            <ol class="govuk-list klaster-contents__list">
              {[undefined, ...reportParts].map((p) => {
                const label = p ? titles[p] : a.reportSummary;
                return (
                  <li key={p ?? 'podsumowanie'}>
                    {p === part ? (
                      <a class="govuk-link klaster-contents__current" href={partHref(p)} aria-current="page">
                        {label}
                      </a>
                    ) : (
                      <a class="govuk-link" href={partHref(p)}>
                        {label}
                      </a>
                    )}
                  </li>
                );
              })}
            </ol>
          </nav>

          {part === undefined ? (
            <section aria-labelledby="raport-podsumowanie">
              <h2 class="govuk-heading-l" id="raport-podsumowanie">
                {a.reportSummary}
              </h2>
              <p class="govuk-body">{a.reportSummaryLead}</p>
              <SummaryList
                rows={[
                  {
                    key: a.concludedTitle,
                    value: (
                      <>
                        <p class="govuk-body govuk-!-margin-bottom-1">
                          {a.concludedTotal(
                            data.concluded.total,
                            formatDay(locale, data.period.from),
                            formatDay(locale, data.period.to),
                          )}
                        </p>
                        <a class="govuk-link" href={partHref('zawarte')}>
                          {a.reportDetails(a.concludedTitle)}
                        </a>
                      </>
                    ),
                  },
                  {
                    key: a.activeTitle,
                    value: (
                      <>
                        <p class="govuk-body govuk-!-margin-bottom-1">
                          {a.activeTotal(data.active.total, formatDay(locale, data.active.day))}
                        </p>
                        <a class="govuk-link" href={partHref('aktywne')}>
                          {a.reportDetails(a.activeTitle)}
                        </a>
                      </>
                    ),
                  },
                  {
                    key: a.occupancyTitle,
                    value: (
                      <>
                        <p class="govuk-body govuk-!-margin-bottom-1">
                          {data.occupancy.days.length === 0
                            ? a.noOpenDays
                            : a.occupancyTotal(pct.format(data.occupancy.total.share))}
                        </p>
                        <a class="govuk-link" href={partHref('oblozenie')}>
                          {a.reportDetails(a.occupancyTitle)}
                        </a>
                      </>
                    ),
                  },
                  {
                    key: a.roomsTitle,
                    value: (
                      <>
                        <p class="govuk-body govuk-!-margin-bottom-1">
                          {topRoom && topRoom.openHours > 0 ? (
                            <Localized
                              value={topRoom.names}
                              within={(name) => a.roomsTop(name, pct.format(topRoom.share))}
                            />
                          ) : (
                            a.roomsNone
                          )}
                        </p>
                        <a class="govuk-link" href={partHref('sale')}>
                          {a.reportDetails(a.roomsTitle)}
                        </a>
                      </>
                    ),
                  },
                ]}
              />
            </section>
          ) : null}

          {part === 'zawarte' ? (
            <section aria-labelledby="raport-zawarte">
              <h2 class="govuk-heading-l" id="raport-zawarte">
                {a.concludedTitle}
              </h2>
              <p class="govuk-body-l">
                {a.concludedTotal(
                  data.concluded.total,
                  formatDay(locale, data.period.from),
                  formatDay(locale, data.period.to),
                )}
              </p>
              <CsvDownloads href={csv('zawarte')} label={a.downloadCsv(a.concludedTitle)} />
              <BarChart
                title={a.concludedChart}
                data={data.concluded.months.map((m) => ({
                  label: monthLabel(locale, m.month),
                  value: m.count,
                }))}
                labelHeading={a.month}
                valueHeading={a.count}
              />
              <BarChart
                title={a.concludedByPackage}
                layout="bars"
                data={data.concluded.byPackage.map((p) => ({ ...named(p.names, locale), value: p.count }))}
                labelHeading={a.package}
                valueHeading={a.count}
              />
            </section>
          ) : null}

          {part === 'aktywne' ? (
            <section aria-labelledby="raport-aktywne">
              <h2 class="govuk-heading-l" id="raport-aktywne">
                {a.activeTitle}
              </h2>
              <p class="govuk-body-l">
                {a.activeTotal(data.active.total, formatDay(locale, data.active.day))}
              </p>
              <CsvDownloads href="/panel/umowy/raport/aktywne.csv" label={a.downloadCsv(a.activeTitle)} />
              <BarChart
                title={a.activeChart}
                layout="bars"
                data={data.active.byPackage.map((p) => ({ ...named(p.names, locale), value: p.count }))}
                labelHeading={a.package}
                valueHeading={a.count}
              />
            </section>
          ) : null}

          {part === 'oblozenie' ? (
            <section aria-labelledby="raport-oblozenie">
              <h2 class="govuk-heading-l" id="raport-oblozenie">
                {a.occupancyTitle}
              </h2>
              <p class="govuk-body">{a.occupancyLead}</p>
              <CsvDownloads href={csv('oblozenie-tygodnie')} label={a.downloadCsv(a.occupancyWeeks)} />
              <CsvDownloads href={csv('oblozenie-dni')} label={a.downloadCsv(a.occupancyDays)} />
              {data.occupancy.days.length === 0 ? (
                <p class="govuk-body">{a.noOpenDays}</p>
              ) : (
                <>
                  <p class="govuk-body-l">{a.occupancyTotal(pct.format(data.occupancy.total.share))}</p>
                  <BarChart
                    title={a.occupancyWeeks}
                    data={data.occupancy.weeks.map((w) => ({ label: w.week, value: percent(w.share) }))}
                    unit="%"
                    labelHeading={a.week}
                    valueHeading={a.share}
                  />
                  {daysBetween(data.period.from, data.period.to) < DAILY_CHART_DAYS ? (
                    <BarChart
                      title={a.occupancyDays}
                      data={data.occupancy.days.map((d) => ({ label: d.day, value: percent(d.share) }))}
                      unit="%"
                      labelHeading={a.day}
                      valueHeading={a.share}
                    />
                  ) : (
                    <p class="govuk-body">{a.occupancyDaysTooMany}</p>
                  )}
                </>
              )}
            </section>
          ) : null}

          {part === 'sale' ? (
            <section aria-labelledby="raport-sale">
              <h2 class="govuk-heading-l" id="raport-sale">
                {a.roomsTitle}
              </h2>
              <p class="govuk-body">{a.roomsLead}</p>
              <CsvDownloads href={csv('sale')} label={a.downloadCsv(a.roomsTitle)} />
              <BarChart
                title={a.roomsChart}
                layout="bars"
                data={data.rooms.map((r) => ({
                  ...named(r.names, locale),
                  value: percent(r.share),
                  display: a.roomHours(
                    pct.format(r.share),
                    hours.format(r.bookedHours),
                    hours.format(r.openHours),
                  ),
                }))}
                unit="%"
                labelHeading={a.resource}
                valueHeading={a.share}
              />
            </section>
          ) : null}
        </>
      ) : null}
    </PanelLayout>
  );
}
