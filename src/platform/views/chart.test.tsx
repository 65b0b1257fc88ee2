import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { type Locale, messages } from '../i18n/index.ts';
import { BarChart, type BarChartProps } from './chart.tsx';
import { ViewCtx } from './context.ts';

function render(props: BarChartProps, locale: Locale = 'pl'): string {
  return renderToString(
    <ViewCtx.Provider
      value={{
        locale,
        t: messages[locale],
        path: '/panel',
        csrfToken: 'x',
        actor: null,
        flash: null,
        contactEmail: 'kontakt@example.pl',
        requestId: 'r',
      }}
    >
      <BarChart {...props} />
    </ViewCtx.Provider>,
  );
}

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0;
const cells = (html: string) =>
  [...html.matchAll(/<td class="govuk-table__cell">([^<]*)<\/td>/g)].map((m) => m[1]);

describe('BarChart', () => {
  const data = [
    { label: 'Poniedziałek', value: 12 },
    { label: 'Wtorek', value: 40, display: '40 z 40 biurek' },
    { label: 'Środa', value: 0 },
    { label: 'Czwartek', value: 27.5 },
  ];

  it('draws one bar per value and puts every value in the table too', () => {
    const html = render({ title: 'Zajętość biurek', data, unit: 'h' });
    assert.match(html, /^<figure class="klaster-chart"><figcaption[^>]*>Zajętość biurek<\/figcaption>/);
    assert.equal(count(html, /<rect /g), data.length);
    assert.equal(count(html, /<rect [^>]*><title>[^<]+<\/title><\/rect>/g), data.length);
    assert.deepEqual(cells(html), [
      'Poniedziałek',
      '12\u00a0h',
      'Wtorek',
      '40 z 40 biurek',
      'Środa',
      '0\u00a0h',
      'Czwartek',
      '27,5\u00a0h',
    ]);
    assert.doesNotMatch(html, /style=/i);
    assert.doesNotMatch(html, /<script/i);
  });

  it('names the picture with its title and a description', () => {
    const html = render({ title: 'Zajętość biurek', data });
    const svg = /<svg ([^>]*)>/.exec(html)![1]!;
    assert.match(svg, /role="img"/);
    const ids = /aria-labelledby="([^"]+)"/.exec(svg)![1]!.split(' ');
    assert.equal(ids.length, 2);
    assert.match(html, new RegExp(`<title id="${ids[0]}">Zajętość biurek</title>`));
    assert.match(
      html,
      new RegExp(`<desc id="${ids[1]}">[^<]*Liczba słupków: 4[^<]*40 z 40 biurek \\(Wtorek\\)`),
    );
  });

  it('scales bars to the largest value, or to the given maximum', () => {
    const heights = (html: string) =>
      [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    const auto = heights(render({ title: 'T', data }));
    assert.equal(Math.max(...auto), 200);
    assert.equal(auto[2], 0);
    const capped = heights(render({ title: 'T', data, max: 80 }));
    assert.equal(capped[1], 100);
    // A maximum of 0 (nothing possible) draws flat bars rather than failing.
    const zero = render({ title: 'T', data, max: 0 });
    assert.deepEqual(heights(zero), [0, 0, 0, 0]);
    assert.doesNotMatch(zero, /NaN|Infinity/);
    const allZero = render({ title: 'T', data: [{ label: 'A', value: 0 }] });
    assert.deepEqual(heights(allZero), [0]);
    assert.doesNotMatch(allZero, /NaN|Infinity/);
  });

  it('widens the picture for many bars and still tabulates them all', () => {
    const many = Array.from({ length: 90 }, (_, i) => ({ label: `Dzień ${i + 1}`, value: i % 7 }));
    const html = render({ title: 'Kwartał', data: many, unit: '%' });
    assert.equal(count(html, /<rect /g), 90);
    assert.equal(cells(html).length, 180);
    assert.ok(cells(html).includes('6%'));
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(html)![1]);
    assert.ok(width >= 90 * 10, `viewBox width ${width}`);
    // Too many to label every bar: every n-th is labelled on the x-axis, in full; the table has all.
    const labels = [...html.matchAll(/class="klaster-chart__label"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.ok(labels.length >= 10 && labels.length <= 16, `${labels.length} x-axis labels`);
    assert.equal(labels[0], 'Dzień 1');
    assert.doesNotMatch(html, /…/);
    assert.doesNotMatch(html, /style=/i);
  });

  it('scales the axis to the data, so a small share still draws a visible bar', () => {
    const heights = (html: string) =>
      [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    const small = render({
      title: 'Obłożenie',
      unit: '%',
      data: [
        { label: '2027-W09', value: 0.2 },
        { label: '2027-W10', value: 0.05 },
        { label: '2027-W11', value: 0 },
      ],
    });
    const [a, b, c] = heights(small);
    assert.equal(a, 200, 'the largest value reaches the top of a scale of 0.2 %');
    assert.ok(b! >= 3 && b! < a!, `a smaller share is smaller but visible: ${b}`);
    assert.equal(c, 0, 'zero draws nothing');
    const ticks = [...small.matchAll(/class="klaster-chart__tick"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(ticks, ['0%', '0,05%', '0,1%', '0,15%', '0,2%']);
    // A tiny value next to a large one is still drawn.
    const tiny = heights(
      render({
        title: 'T',
        data: [
          { label: 'A', value: 1000 },
          { label: 'B', value: 1 },
        ],
      }),
    );
    assert.ok(tiny[1]! >= 3);
  });

  it('writes long category names in full above horizontal bars', () => {
    const name = 'Sala konferencyjna im. Tadeusza Kantora, parter, budynek B';
    const html = render({
      title: 'Wykorzystanie sal',
      layout: 'bars',
      unit: '%',
      data: [
        { label: name, value: 12.5 },
        { label: 'Pomieszczenie B2B', value: 3.3 },
      ],
    });
    assert.ok(html.includes(`class="klaster-chart__label" x="8" y="26">${name}</text>`), 'the full name');
    assert.doesNotMatch(html, /…/);
    const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok(widths[0]! > widths[1]! && widths[1]! > 0);
  });

  it('labels every month of a year on the x-axis', () => {
    const months = ['sty 2025', 'lut 2025', 'mar 2025', 'kwi 2025', 'maj 2025', 'cze 2025'];
    const html = render({ title: 'Umowy', data: months.map((label, i) => ({ label, value: i })) });
    const labels = [...html.matchAll(/class="klaster-chart__label"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepEqual(labels, months);
  });

  it('says so when there is nothing to show', () => {
    const html = render({ title: 'Pusto', data: [] }, 'en');
    assert.match(html, /<figcaption[^>]*>Pusto<\/figcaption>/);
    assert.match(html, new RegExp(messages.en.common.noResults));
    assert.doesNotMatch(html, /<svg|<table/);
  });

  it('escapes labels', () => {
    const html = render({ title: '<b>x</b>', data: [{ label: '<script>alert(1)</script>', value: 1 }] });
    assert.doesNotMatch(html, /<script>|<b>/);
  });
});
