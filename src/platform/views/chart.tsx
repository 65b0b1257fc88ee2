// An accessible bar chart for staff reports, safe under our CSP: plain SVG with geometry in
// attributes and colours from CSS classes (src/styles/klaster.scss), no inline styles or scripts.
// The SVG is one image with a title and a description; the same data follows as a table, so nothing
// is only in the picture.
import { useId } from 'preact/hooks';
import { Table } from './components.tsx';
import { useView } from './context.ts';

export interface BarDatum {
  label: string;
  /** Zero or more; anything else draws no bar (the table still shows it). */
  value: number;
  /** How the value is written in the table and tooltips (default: the number and the unit). */
  display?: string;
}

export interface BarChartProps {
  title: string;
  data: BarDatum[];
  /** Top of the scale (default: the largest value). */
  max?: number;
  /** Appended to numbers, e.g. '%' or 'h'. */
  unit?: string;
  /** Column headings of the data table (default: "Item" / "Value" in the reader's language). */
  labelHeading?: string;
  valueHeading?: string;
}

// Geometry in viewBox units. The plot is at least PLOT_WIDTH wide; with many bars each keeps
// MIN_SLOT, so the viewBox grows and the browser scales the whole picture to the page width.
const PLOT_WIDTH = 640;
const MIN_SLOT = 10;
const PLOT_HEIGHT = 200;
const LEFT = 56;
const RIGHT = 8;
const TOP = 12;
const LABELS = 28;
/** With few bars they stay bars, not slabs. */
const MAX_BAR = 64;
/** Bar labels are drawn under the bars only when they fit; the table always has them. */
const MAX_DRAWN_LABELS = 12;

const r = (n: number) => Math.round(n * 100) / 100;

export function BarChart({ title, data, max, unit, labelHeading, valueHeading }: BarChartProps) {
  const { t, locale } = useView();
  const id = `chart-${useId()}`;
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const withUnit = (n: number) => {
    const s = numbers.format(n);
    if (!unit) return s;
    return unit === '%' ? `${s}%` : `${s}\u00a0${unit}`;
  };
  const shown = (d: BarDatum) => d.display ?? withUnit(d.value);

  if (data.length === 0) {
    return (
      <figure class="klaster-chart">
        <figcaption class="govuk-heading-s">{title}</figcaption>
        <p class="govuk-body">{t.common.noResults}</p>
      </figure>
    );
  }

  const values = data.map((d) => (Number.isFinite(d.value) && d.value > 0 ? d.value : 0));
  const largest = Math.max(...values);
  const scale = max !== undefined && Number.isFinite(max) && max > 0 ? max : max === undefined ? largest : 0;
  const top = data[values.indexOf(largest)]!;
  const slot = Math.max(MIN_SLOT, PLOT_WIDTH / data.length);
  const plotWidth = slot * data.length;
  const width = r(LEFT + plotWidth + RIGHT);
  const height = TOP + PLOT_HEIGHT + LABELS;
  const baseline = TOP + PLOT_HEIGHT;
  const barWidth = r(Math.min(slot * 0.7, MAX_BAR));
  const drawLabels = data.length <= MAX_DRAWN_LABELS;

  return (
    <figure class="klaster-chart">
      <figcaption class="govuk-heading-s">{title}</figcaption>
      <svg
        class="klaster-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t.chart.summary(numbers.format(data.length), shown(top), top.label)}</desc>
        {scale > 0 ? (
          <>
            <line class="klaster-chart__grid" x1={LEFT} x2={r(LEFT + plotWidth)} y1={TOP} y2={TOP} />
            <text class="klaster-chart__tick" x={LEFT - 6} y={TOP + 4} text-anchor="end">
              {withUnit(scale)}
            </text>
          </>
        ) : null}
        <text class="klaster-chart__tick" x={LEFT - 6} y={baseline + 4} text-anchor="end">
          {withUnit(0)}
        </text>
        {data.map((d, i) => {
          const h = scale > 0 ? r((Math.min(values[i]!, scale) / scale) * PLOT_HEIGHT) : 0;
          return (
            <rect
              key={i}
              class="klaster-chart__bar"
              x={r(LEFT + i * slot + (slot - barWidth) / 2)}
              y={r(baseline - h)}
              width={barWidth}
              height={h}
            >
              <title>{`${d.label}: ${shown(d)}`}</title>
            </rect>
          );
        })}
        <line class="klaster-chart__axis" x1={LEFT} x2={r(LEFT + plotWidth)} y1={baseline} y2={baseline} />
        {drawLabels
          ? data.map((d, i) => (
              <text
                key={i}
                class="klaster-chart__label"
                x={r(LEFT + i * slot + slot / 2)}
                y={baseline + 18}
                text-anchor="middle"
              >
                {[...d.label].length > 14 ? `${[...d.label].slice(0, 13).join('')}…` : d.label}
              </text>
            ))
          : null}
      </svg>
      <Table
        caption={t.chart.tableCaption(title)}
        head={[labelHeading ?? t.chart.label, valueHeading ?? t.chart.value]}
        rows={data.map((d) => [d.label, shown(d)])}
      />
    </figure>
  );
}
