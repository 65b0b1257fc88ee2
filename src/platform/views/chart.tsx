// An accessible bar chart for staff reports, safe under our CSP: plain SVG with geometry in
// attributes and colours from CSS classes (src/styles/klaster.scss), no inline styles or scripts.
// The SVG is one image with a title and a description; the same data follows as a table, so nothing
// is only in the picture.
//
// The value axis is scaled to the data (rounded up to a "nice" number, with gridlines and ticks),
// so 0.2 % is as readable as 80 %; a value above zero always draws a visible bar. Labels are never
// cut: columns (a time series: months, weeks, days) label the x-axis, thinned and slanted when
// they would not fit; horizontal bars (categories with long names: rooms, packages) write each
// name in full above its bar.
import { useId } from 'preact/hooks';
import { Table } from './components.tsx';
import { useView } from './context.ts';

export interface BarDatum {
  label: string;
  /** The label's language when it is not the page's (a name shown in Polish for want of a translation). */
  lang?: string | undefined;
  /** Zero or more; anything else draws no bar (the table still shows it). */
  value: number;
  /** How the value is written in the table and tooltips (default: the number and the unit). */
  display?: string;
}

export interface BarChartProps {
  title: string;
  data: BarDatum[];
  /** Top of the scale (default: the largest value rounded up to a nice number). */
  max?: number;
  /** Appended to numbers, e.g. '%' or 'h'. */
  unit?: string;
  /** Column headings of the data table (default: "Item" / "Value" in the reader's language). */
  labelHeading?: string;
  valueHeading?: string;
  /** 'columns' (default) for a series along an x-axis; 'bars' for named categories. */
  layout?: 'columns' | 'bars';
}

// Geometry in viewBox units. The plot is at least PLOT_WIDTH wide; with many bars each keeps
// MIN_SLOT, so the viewBox grows and the browser scales the whole picture to the page width.
const PLOT_WIDTH = 640;
const MIN_SLOT = 10;
const PLOT_HEIGHT = 200;
const LEFT = 64;
const RIGHT = 16;
const TOP = 12;
/** With few bars they stay bars, not slabs. */
const MAX_BAR = 64;
/** At most this many x-axis labels; with more bars every n-th is labelled (the table has all). */
const MAX_AXIS_LABELS = 16;
/** A value above zero is never drawn thinner than this. */
const MIN_VISIBLE = 3;
/** Rough width of one character of the 12-unit chart font, to decide whether labels fit. */
const CHAR = 6.6;
// Horizontal bars: one row a category, its name above the bar.
const ROW = 44;
const BAR_THICKNESS = 16;
const VALUE_ROOM = 150;

const r = (n: number) => Math.round(n * 100) / 100;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least x. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  const pow = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * pow >= x * (1 - 1e-9)) return m * pow;
  return 10 * pow;
}

/** The scale's top and its ticks (0 … top, two to five steps), for values up to `largest`. */
export function valueAxis(largest: number, opts: { max?: number; integers?: boolean } = {}) {
  const fixed = opts.max !== undefined;
  if (fixed && !(Number.isFinite(opts.max) && opts.max! > 0)) return { top: 0, ticks: [0] };
  const target = fixed ? opts.max! : largest;
  if (!(target > 0)) return { top: 0, ticks: [0] };
  let step = niceCeil(target / 4);
  if (opts.integers) step = Math.max(1, Math.ceil(step));
  const top = fixed ? target : step * Math.ceil(target / step - 1e-9);
  const ticks: number[] = [];
  for (let v = 0; v <= top * (1 + 1e-9); v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { top, ticks };
}

export function BarChart({ title, data, max, unit, labelHeading, valueHeading, layout }: BarChartProps) {
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
  const { top: scale, ticks } = valueAxis(largest, {
    ...(max !== undefined ? { max } : {}),
    integers: values.every((v) => Number.isInteger(v)),
  });
  const top = data[values.indexOf(largest)]!;
  const length = (v: number, full: number) => {
    if (!(scale > 0) || v <= 0) return 0;
    return r(Math.max(MIN_VISIBLE, (Math.min(v, scale) / scale) * full));
  };

  const picture =
    layout === 'bars'
      ? bars({ data, values, scale, ticks, length, withUnit, shown })
      : columns({ data, values, scale, ticks, length, withUnit, shown });

  return (
    <figure class="klaster-chart">
      <figcaption class="govuk-heading-s">{title}</figcaption>
      <svg
        class="klaster-chart__svg"
        viewBox={`0 0 ${picture.width} ${picture.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        focusable="false"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{t.chart.summary(numbers.format(data.length), shown(top), top.label)}</desc>
        {picture.body}
      </svg>
      <Table
        caption={t.chart.tableCaption(title)}
        head={[labelHeading ?? t.chart.label, valueHeading ?? t.chart.value]}
        rows={data.map((d) => [d.lang ? <span lang={d.lang}>{d.label}</span> : d.label, shown(d)])}
      />
    </figure>
  );
}

interface Drawing {
  data: BarDatum[];
  values: number[];
  scale: number;
  ticks: number[];
  length: (v: number, full: number) => number;
  withUnit: (n: number) => string;
  shown: (d: BarDatum) => string;
}

/** Vertical columns along an x-axis with (thinned, possibly slanted) labels. */
function columns({ data, values, scale, ticks, length, withUnit, shown }: Drawing) {
  const slot = Math.max(MIN_SLOT, PLOT_WIDTH / data.length);
  const plotWidth = slot * data.length;
  const baseline = TOP + PLOT_HEIGHT;
  const barWidth = r(Math.min(slot * 0.7, MAX_BAR));
  const every = Math.ceil(data.length / MAX_AXIS_LABELS);
  const longest = Math.max(...data.map((d) => [...d.label].length)) * CHAR;
  const slanted = longest > slot * every - 6;
  const labelsHeight = slanted ? Math.ceil(longest * 0.71 + 24) : 28;
  const width = r(LEFT + plotWidth + RIGHT + (slanted ? 0 : 0));
  const height = r(baseline + labelsHeight);
  const y = (v: number) => r(baseline - (scale > 0 ? (v / scale) * PLOT_HEIGHT : 0));
  return {
    width,
    height,
    body: (
      <>
        {ticks.map((v) => (
          <g key={`t${v}`}>
            {v > 0 ? (
              <line class="klaster-chart__grid" x1={LEFT} x2={r(LEFT + plotWidth)} y1={y(v)} y2={y(v)} />
            ) : null}
            <text class="klaster-chart__tick" x={LEFT - 6} y={r(y(v) + 4)} text-anchor="end">
              {withUnit(v)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const h = length(values[i]!, PLOT_HEIGHT);
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
        {data.map((d, i) => {
          if (i % every !== 0) return null;
          const x = r(LEFT + i * slot + slot / 2);
          return slanted ? (
            <text
              key={`l${i}`}
              class="klaster-chart__label"
              x={x}
              y={baseline + 14}
              text-anchor="end"
              transform={`rotate(-45 ${x} ${baseline + 14})`}
            >
              {d.label}
            </text>
          ) : (
            <text key={`l${i}`} class="klaster-chart__label" x={x} y={baseline + 18} text-anchor="middle">
              {d.label}
            </text>
          );
        })}
      </>
    ),
  };
}

/** Horizontal bars, each category's full name above its bar and its value after it. */
function bars({ data, values, scale, ticks, length, withUnit, shown }: Drawing) {
  const left = 8;
  const plot = PLOT_WIDTH - VALUE_ROOM;
  const longest = Math.max(...data.map((d) => [...d.label].length)) * CHAR;
  const width = r(Math.max(left + plot + VALUE_ROOM, left + longest + RIGHT));
  const axisY = TOP + data.length * ROW;
  const height = axisY + 28;
  const x = (v: number) => r(left + (scale > 0 ? (v / scale) * plot : 0));
  return {
    width,
    height,
    body: (
      <>
        {ticks.map((v) => (
          <g key={`t${v}`}>
            {v > 0 ? <line class="klaster-chart__grid" x1={x(v)} x2={x(v)} y1={TOP} y2={axisY} /> : null}
            <text class="klaster-chart__tick" x={x(v)} y={axisY + 18} text-anchor="middle">
              {withUnit(v)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const w = length(values[i]!, plot);
          const rowTop = TOP + i * ROW;
          return (
            <g key={i}>
              <text class="klaster-chart__label" lang={d.lang} x={left} y={rowTop + 14}>
                {d.label}
              </text>
              <rect class="klaster-chart__bar" x={left} y={rowTop + 20} width={w} height={BAR_THICKNESS}>
                <title>{`${d.label}: ${shown(d)}`}</title>
              </rect>
              <text class="klaster-chart__tick" x={r(left + w + 6)} y={rowTop + 33}>
                {shown(d)}
              </text>
            </g>
          );
        })}
        <line class="klaster-chart__axis" x1={left} x2={left} y1={TOP} y2={axisY} />
      </>
    ),
  };
}
