// The staff report: a period form, then each section with its chart, data table and CSV link.

import { formatDay } from '../../../platform/i18n/index.ts';
import { daysBetween } from '../../../platform/time/warsaw.ts';
import { BarChart } from '../../../platform/views/chart.tsx';
import { Button, ErrorSummary, type FormState, TextInput } from '../../../platform/views/components.tsx';
import { useView } from '../../../platform/views/context.ts';
import { H1 } from '../../../platform/views/layout.tsx';
import { PanelLayout } from '../../panel/views/layout.tsx';
import type { ActiveReport, ConcludedReport, OccupancyReport, ReportPeriod, RoomRow } from '../reports.ts';

/** The daily occupancy chart is drawn for periods up to this many days (the CSV has every day). */
const DAILY_CHART_DAYS = 93;

export interface ReportData {
  period: ReportPeriod;
  concluded: ConcludedReport;
  active: ActiveReport;
  occupancy: OccupancyReport;
  rooms: RoomRow[];
}

function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={href} download>
        {label}
      </a>
    </p>
  );
}

export function ReportPage({ state, data }: { state: FormState; data: ReportData | null }) {
  const { t, locale } = useView();
  const a = t.agreements;
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = (share: number) => Math.round(share * 1000) / 10;
  const qs = data ? `?od=${data.period.from}&do=${data.period.to}` : '';
  const csv = (name: string) => `/panel/umowy/raport/${name}.csv${qs}`;
  return (
    <PanelLayout title={a.reportTitle}>
      <ErrorSummary state={state} order={['od', 'do']} />
      <H1>{a.reportTitle}</H1>
      <p class="govuk-body">{a.reportLead}</p>
      <form method="get" action="/panel/umowy/raport" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-quarter">
            <TextInput name="od" type="date" label={a.from} hint={a.dateHint} state={state} />
          </div>
          <div class="govuk-grid-column-one-quarter">
            <TextInput name="do" type="date" label={a.to} hint={a.dateHint} state={state} />
          </div>
        </div>
        <Button variant="secondary">{a.show}</Button>
      </form>
      {data ? (
        <>
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
            <BarChart
              title={a.concludedChart}
              data={data.concluded.months.map((m) => ({ label: m.month, value: m.count }))}
              labelHeading={a.month}
              valueHeading={a.count}
            />
            <BarChart
              title={a.concludedByPackage}
              data={data.concluded.byPackage.map((p) => ({ label: p.name, value: p.count }))}
              labelHeading={a.package}
              valueHeading={a.count}
            />
            <CsvLink href={csv('zawarte')} label={a.downloadCsv(a.concludedTitle)} />
          </section>
          <section aria-labelledby="raport-aktywne">
            <h2 class="govuk-heading-l" id="raport-aktywne">
              {a.activeTitle}
            </h2>
            <p class="govuk-body-l">{a.activeTotal(data.active.total, formatDay(locale, data.active.day))}</p>
            <BarChart
              title={a.activeChart}
              data={data.active.byPackage.map((p) => ({ label: p.name, value: p.count }))}
              labelHeading={a.package}
              valueHeading={a.count}
            />
            <CsvLink href={`/panel/umowy/raport/aktywne.csv`} label={a.downloadCsv(a.activeTitle)} />
          </section>
          <section aria-labelledby="raport-oblozenie">
            <h2 class="govuk-heading-l" id="raport-oblozenie">
              {a.occupancyTitle}
            </h2>
            <p class="govuk-body">{a.occupancyLead}</p>
            {data.occupancy.days.length === 0 ? (
              <p class="govuk-body">{a.noOpenDays}</p>
            ) : (
              <>
                <p class="govuk-body-l">{a.occupancyTotal(pct.format(data.occupancy.total.share))}</p>
                <BarChart
                  title={a.occupancyWeeks}
                  data={data.occupancy.weeks.map((w) => ({ label: w.week, value: percent(w.share) }))}
                  unit="%"
                  max={100}
                  labelHeading={a.week}
                  valueHeading={a.share}
                />
                {daysBetween(data.period.from, data.period.to) < DAILY_CHART_DAYS ? (
                  <BarChart
                    title={a.occupancyDays}
                    data={data.occupancy.days.map((d) => ({ label: d.day, value: percent(d.share) }))}
                    unit="%"
                    max={100}
                    labelHeading={a.day}
                    valueHeading={a.share}
                  />
                ) : (
                  <p class="govuk-body">{a.occupancyDaysTooMany}</p>
                )}
              </>
            )}
            <CsvLink href={csv('oblozenie-tygodnie')} label={a.downloadCsv(a.occupancyWeeks)} />
            <CsvLink href={csv('oblozenie-dni')} label={a.downloadCsv(a.occupancyDays)} />
          </section>
          <section aria-labelledby="raport-sale">
            <h2 class="govuk-heading-l" id="raport-sale">
              {a.roomsTitle}
            </h2>
            <p class="govuk-body">{a.roomsLead}</p>
            <BarChart
              title={a.roomsChart}
              data={data.rooms.map((r) => ({
                label: r.name,
                value: percent(r.share),
                display: a.roomHours(
                  pct.format(r.share),
                  hours.format(r.bookedHours),
                  hours.format(r.openHours),
                ),
              }))}
              unit="%"
              max={100}
              labelHeading={a.resource}
              valueHeading={a.share}
            />
            <CsvLink href={csv('sale')} label={a.downloadCsv(a.roomsTitle)} />
          </section>
        </>
      ) : null}
    </PanelLayout>
  );
}
