// The ranking engine against a simple reference written here with exact rationals (BigInt
// numerator and denominator) and plain loops, on random calls — small point ranges, so ties, tied
// criteria and equal submission times are common — plus worked examples computed by hand and the
// time it takes on a large call.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeRanking,
  type Decimal,
  type FailedThreshold,
  type RankingApplication,
  type RankingEvaluation,
  type RankingInput,
  type RankingResult,
  type RankingRow,
  type TieBreak,
} from './ranking.ts';
import { type TieRule, tieRules } from './schema.ts';

// ---- exact rationals ----

interface Q {
  n: bigint;
  d: bigint;
}

function gcdRef(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}
const q = (n: bigint, d = 1n): Q => {
  const g = gcdRef(n, d);
  return { n: n / g, d: d / g };
};
const ZERO = q(0n);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, k: number) => q(a.n, a.d * BigInt(k));
const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const abs = (a: Q) => (a.n < 0n ? q(-a.n, a.d) : a);
const sum = (xs: Q[]) => xs.reduce(add, ZERO);
const dec = (v: Decimal): Q => {
  const [whole, frac = ''] = String(v).split('.');
  return q(BigInt(whole! + frac), 10n ** BigInt(frac.length));
};
/** Rounded half up to 2 decimals: the whole hundredths, plus one when the rest is half or more. */
const fmt2 = (x: Q) => {
  const up = ((x.n * 100n) % x.d) * 2n >= x.d ? 1n : 0n;
  const whole = (x.n * 100n) / x.d + up;
  return `${whole / 100n}.${String(whole % 100n).padStart(2, '0')}`;
};

// ---- the reference ----

interface RefApp {
  app: RankingApplication;
  score: Q;
  values: Q[];
  counted: RankingEvaluation[];
}

function refTie(a: RefApp, b: RefApp, input: RankingInput, ids: string[]) {
  const rule = input.call.tieRule;
  if (rule === 'higher_first_criterion') {
    for (let i = 0; i < ids.length; i++) {
      const d = cmp(b.values[i]!, a.values[i]!);
      if (d !== 0) return { order: d, rule, criterionId: ids[i]! };
    }
  }
  if (rule === 'lower_amount') {
    const x = a.app.amountRequested ?? Number.POSITIVE_INFINITY;
    const y = b.app.amountRequested ?? Number.POSITIVE_INFINITY;
    if (x !== y) return { order: x < y ? -1 : 1, rule, criterionId: null };
  }
  if (rule === 'lot_by_number') {
    const lot = (r: RefApp) => createHash('sha256').update(`${input.call.id}:${r.app.number}`).digest('hex');
    if (lot(a) !== lot(b)) return { order: lot(a) < lot(b) ? -1 : 1, rule, criterionId: null };
  }
  const ta = a.app.submittedAt.getTime();
  const tb = b.app.submittedAt.getTime();
  if (ta !== tb) return { order: ta < tb ? -1 : 1, rule: 'earlier_submission' as const, criterionId: null };
  return { order: a.app.seq < b.app.seq ? -1 : 1, rule: 'lower_number' as const, criterionId: null };
}

function reference(input: RankingInput): RankingResult {
  const { call } = input;
  const criteria = [...input.criteria].sort((a, b) => a.position - b.position);
  const ids = criteria.map((c) => c.id);
  const maxTotal = sum(criteria.map((c) => mul(q(BigInt(c.maxPoints)), dec(c.weight))));
  const agreed = (app: RankingApplication, id: string) => app.consensus[id] ?? null;

  const scored: RefApp[] = input.applications.map((app) => {
    const counted = app.evaluations.filter((e) => e.status === 'submitted');
    const values = criteria.map((c) => {
      const k = agreed(app, c.id);
      if (k !== null) return dec(k);
      if (counted.length === 0) return ZERO;
      return div(sum(counted.map((e) => dec(e.points[c.id]!))), counted.length);
    });
    const score = sum(criteria.map((c, i) => mul(dec(c.weight), values[i]!)));
    return { app, score, values, counted };
  });

  const details = new Map<RefApp, Omit<RankingRow, 'rank' | 'tieBrokenBy' | 'funded' | 'amountGranted'>>();
  for (const r of scored) {
    const { app, counted } = r;
    const totals = counted.map((e) => sum(criteria.map((c) => mul(dec(e.points[c.id]!), dec(c.weight)))));
    let dispersed = false;
    for (const x of totals) {
      for (const y of totals)
        if (cmp(abs(sub(x, y)), mul(dec(call.dispersionShare), maxTotal)) > 0) dispersed = true;
    }
    const needsFurther = dispersed && !counted.some((e) => e.further);
    const agenda = criteria
      .filter(
        (c) =>
          agreed(app, c.id) === null &&
          counted.some((e1) =>
            counted.some(
              (e2) => cmp(sub(dec(e1.points[c.id]!), dec(e2.points[c.id]!)), dec(call.consensusGap)) > 0,
            ),
          ),
      )
      .map((c) => c.id);
    const failed: FailedThreshold[] = [];
    if (call.totalThreshold !== null && cmp(r.score, dec(call.totalThreshold)) < 0) {
      failed.push({ kind: 'total', required: fmt2(dec(call.totalThreshold)) });
    }
    criteria.forEach((c, i) => {
      if (c.minPoints !== null && cmp(r.values[i]!, dec(c.minPoints)) < 0) {
        failed.push({ kind: 'criterion', criterionId: c.id, required: fmt2(dec(c.minPoints)) });
      }
    });
    const pending: RankingRow['pending'] = [];
    if (counted.length < call.evaluatorsPerApplication) pending.push('evaluations');
    if (needsFurther) pending.push('further_evaluator');
    if (agenda.length > 0) pending.push('consensus');
    details.set(r, {
      applicationId: app.id,
      number: app.number,
      score: fmt2(r.score),
      scoreExact: { num: String(r.score.n), den: String(r.score.d) },
      criterionValues: Object.fromEntries(criteria.map((c, i) => [c.id, fmt2(r.values[i]!)])),
      evaluations: counted.length,
      passes: failed.length === 0,
      failedThresholds: failed,
      needsFurther,
      agenda,
      pending,
    });
  }

  const compare = (a: RefApp, b: RefApp) => cmp(b.score, a.score) || refTie(a, b, input, ids).order;
  const ranked = scored.filter((r) => details.get(r)!.passes).sort(compare);
  const failing = scored.filter((r) => !details.get(r)!.passes).sort(compare);

  const rows: RankingRow[] = [];
  let left = call.budget ?? 0;
  let funding = true;
  let budgetUsed = 0;
  let placesUsed = 0;
  ranked.forEach((r, i) => {
    const cost = r.app.amountRequested ?? 0;
    if (call.places !== null && placesUsed >= call.places) funding = false;
    if (call.budget !== null && cost > left) funding = false;
    if (funding) {
      left -= cost;
      budgetUsed += cost;
      placesUsed++;
    }
    const above = ranked[i - 1];
    let tie: TieBreak | null = null;
    if (above && cmp(above.score, r.score) === 0) {
      const t = refTie(above, r, input, ids);
      tie = { rule: t.rule, criterionId: t.criterionId, above: above.app.number };
    }
    rows.push({
      ...details.get(r)!,
      rank: i + 1,
      tieBrokenBy: tie,
      funded: funding,
      amountGranted: funding ? r.app.amountRequested : null,
    });
  });
  for (const r of failing) {
    rows.push({ ...details.get(r)!, rank: null, tieBrokenBy: null, funded: false, amountGranted: null });
  }
  const maxThousandths = (maxTotal.n * 1000n) / maxTotal.d;
  const maxText =
    maxThousandths % 10n === 0n
      ? fmt2(maxTotal)
      : `${maxThousandths / 1000n}.${String(maxThousandths % 1000n).padStart(3, '0')}`;
  return {
    complete: rows.every((r) => r.pending.length === 0),
    maxTotal: maxText,
    rows,
    totals: { budgetUsed, placesUsed },
  };
}

// ---- random calls ----

// Tenths among them: 0.1 + 0.2 is not 0.3 in floating point, so a float score would split exact ties.
const WEIGHTS: Decimal[] = [
  '1.000',
  '1.500',
  '0.500',
  '2.000',
  '0.250',
  '1.125',
  '3',
  0.75,
  '0.333',
  '0.100',
  '0.200',
  '0.300',
];
/** Hundredths as the driver would give them ('7.50'), or sometimes as a plain number (7.5). */
const asDecimal = (h: number, asNumber: boolean): Decimal =>
  asNumber ? h / 100 : `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;

/** A place on a criterion's scale, in [0, 1), spread evenly (doubles would crowd at 0 and 1). */
const unit = fc.integer({ min: 0, max: 999 }).map((x) => x / 1000);

const statusArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('submitted' as const) },
  { weight: 1, arbitrary: fc.constantFrom('recused' as const, 'assigned' as const, 'declared' as const) },
);

/**
 * A call with 1–4 criteria and up to `maxApps` applications. `narrow` makes ties common: two or
 * three criteria of weight 1 or tenths, points of 0–2 whole points, no thresholds, at least two applications.
 */
function inputArb(
  opts: { narrow?: boolean; maxApps?: number; tieRule?: TieRule } = {},
): fc.Arbitrary<RankingInput> {
  const maxApps = opts.maxApps ?? 10;
  return fc
    .record({
      k: opts.narrow ? fc.integer({ min: 2, max: 3 }) : fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: opts.narrow ? 2 : 0, max: maxApps }),
    })
    .chain(({ k, n }) =>
      fc
        .record({
          criteria: fc.array(
            fc.record({
              maxPoints: fc.integer({ min: opts.narrow ? 2 : 1, max: 10 }),
              // Equal weights (1 written three ways) let two different cards of points reach one score;
              // tenths make exact ties that floating point would split (0.1 + 0.2 against 0.3).
              weight: opts.narrow
                ? fc.constantFrom<Decimal>('1.000', '1', 1, '1.000', '0.100', '0.200', '0.300')
                : fc.constantFrom(...WEIGHTS),
              minShare: opts.narrow
                ? fc.constant(null)
                : fc.option(fc.integer({ min: 0, max: 8 }), { freq: 3 }),
            }),
            { minLength: k, maxLength: k },
          ),
          positions: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: k, maxLength: k }),
          seqs: fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: n, maxLength: n }),
          apps: fc.array(
            fc.record({
              hour: fc.integer({ min: 0, max: 3 }),
              amount: fc.option(fc.constantFrom(0, 10000, 20000, 35000, 50000), { freq: 5 }),
              evaluations: fc.array(
                fc.record({
                  status: statusArb,
                  further: fc.boolean(),
                  points: fc.array(unit, { minLength: k, maxLength: k }),
                  asNumber: fc.boolean(),
                }),
                { maxLength: 4 },
              ),
              consensus: fc.array(fc.option(unit, { freq: 4 }), {
                minLength: k,
                maxLength: k,
              }),
            }),
            { minLength: n, maxLength: n },
          ),
          call: fc.record({
            tieRule: opts.tieRule ? fc.constant(opts.tieRule) : fc.constantFrom(...tieRules),
            dispersionShare: fc.constantFrom('0.000', '0.100', '0.300', '0.500', '1.000'),
            consensusGap: fc.constantFrom('0', '0.50', '1.00', '3.00'),
            totalThreshold: opts.narrow
              ? fc.constant(null)
              : fc.option(fc.integer({ min: 0, max: 1200 }), { freq: 2 }),
            evaluatorsPerApplication: fc.integer({ min: 1, max: 3 }),
            budget: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 2 }),
            places: fc.option(fc.integer({ min: 1, max: 6 }), { freq: 2 }),
          }),
        })
        .map(({ criteria, positions, seqs, apps, call }): RankingInput => {
          const card = criteria.map((c, i) => ({
            id: `crit-${i}`,
            position: positions[i]!,
            maxPoints: c.maxPoints,
            weight: c.weight,
            minPoints:
              c.minShare === null ? null : asDecimal(Math.round((c.minShare * c.maxPoints * 100) / 8), false),
          }));
          // Points on the criterion's scale: whole points (0–2) when narrow, else quarters or any hundredth.
          const points = (i: number, u: number) => {
            const max = card[i]!.maxPoints;
            if (opts.narrow) return Math.min(2, Math.floor(u * 3)) * 100;
            return u < 0.7
              ? Math.floor(u * (4 * max + 1) * (1 / 0.7)) * 25
              : Math.floor(((u - 0.7) / 0.3) * max * 100);
          };
          return {
            call: {
              id: 'c0ffee00-0000-4000-8000-000000000001',
              ...call,
              totalThreshold: call.totalThreshold === null ? null : asDecimal(call.totalThreshold, false),
              budget: call.budget === null ? null : call.budget * 10000,
            },
            criteria: card,
            applications: apps.map((a, j) => ({
              id: `app-${seqs[j]}`,
              number: `ZB/2026/${String(seqs[j]).padStart(4, '0')}`,
              seq: seqs[j]!,
              submittedAt: new Date(Date.UTC(2026, 2, 10, 9 + a.hour)),
              amountRequested: a.amount,
              evaluations: a.evaluations.map((e, x) => ({
                evaluatorId: `ev-${x}`,
                status: e.status,
                further: e.further,
                points: Object.fromEntries(
                  e.points.map((u, i) => [
                    card[i]!.id,
                    asDecimal(Math.min(points(i, u), card[i]!.maxPoints * 100), e.asNumber),
                  ]),
                ),
              })),
              consensus: Object.fromEntries(
                a.consensus.map((u, i) => [
                  card[i]!.id,
                  u === null ? null : asDecimal(Math.min(points(i, u), card[i]!.maxPoints * 100), false),
                ]),
              ),
            })),
          };
        }),
    );
}

/** A deterministic shuffle (a small LCG), so a failing case replays from its seed. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const shuffledRecord = <V>(r: Record<string, V>, seed: number) =>
  Object.fromEntries(shuffled(Object.entries(r), seed));

const rowOf = (result: RankingResult, id: string) => result.rows.find((r) => r.applicationId === id)!;
const exact = (r: RankingRow): Q => q(BigInt(r.scoreExact.num), BigInt(r.scoreExact.den));

// ---- the properties ----

describe('the ranking against a simple exact reference', () => {
  it('agrees on every field of every row: means, weights, consensus, thresholds, funding, ties, flags', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        assert.deepEqual(computeRanking(input), reference(input));
      }),
      { numRuns: 400 },
    );
  });

  for (const rule of tieRules) {
    it(`breaks many ties by ${rule} as the reference does, and says which rule broke each`, () => {
      let ties = 0;
      let byRule = 0;
      fc.assert(
        fc.property(inputArb({ narrow: true, maxApps: 12, tieRule: rule }), (input) => {
          const result = computeRanking(input);
          assert.deepEqual(result, reference(input));
          for (const [i, r] of result.rows.entries()) {
            const above = result.rows[i - 1];
            const tied = r.rank !== null && above !== undefined && cmp(exact(above), exact(r)) === 0;
            assert.equal(
              r.tieBrokenBy !== null,
              tied,
              `${r.number}: a tie is said exactly when there is one`,
            );
            if (r.tieBrokenBy === null) continue;
            ties++;
            assert.equal(r.tieBrokenBy.above, above!.number);
            assert.ok([rule, 'earlier_submission', 'lower_number'].includes(r.tieBrokenBy.rule));
            if (r.tieBrokenBy.rule === rule) byRule++;
          }
        }),
        { numRuns: 300 },
      );
      // The generator must really produce ties, and ones the rule itself decides.
      assert.ok(ties > 200, `only ${ties} ties`);
      assert.ok(byRule > 50, `only ${byRule} ties decided by ${rule}`);
    });
  }

  it('never counts a recused or unsubmitted evaluation, whatever its points', () => {
    const extra = fc.record({
      status: fc.constantFrom('recused' as const, 'assigned' as const, 'declared' as const),
      further: fc.boolean(),
      points: fc.dictionary(
        fc.constantFrom('crit-0', 'crit-1', 'crit-2', 'crit-3'),
        fc.oneof(fc.constantFrom('0.00', '999.99', '-5', 'nonsense'), fc.double()),
      ),
    });
    fc.assert(
      fc.property(inputArb(), fc.array(fc.tuple(fc.nat(), extra), { maxLength: 6 }), (input, extras) => {
        if (input.applications.length === 0) return;
        const before = computeRanking(input);
        const apps = input.applications.map((a) => ({ ...a, evaluations: [...a.evaluations] }));
        for (const [pick, e] of extras) {
          apps[pick % apps.length]!.evaluations.push({ evaluatorId: `extra-${pick}`, ...e });
        }
        assert.deepEqual(computeRanking({ ...input, applications: apps }), before);
      }),
      { numRuns: 200 },
    );
  });

  it('takes an agreed value in place of the mean: the evaluators points on it no longer move the score', () => {
    fc.assert(
      fc.property(inputArb(), fc.nat(), fc.nat(), fc.nat(100), (input, pickApp, pickCrit, pts) => {
        if (input.applications.length === 0) return;
        const app = input.applications[pickApp % input.applications.length]!;
        const crit = input.criteria[pickCrit % input.criteria.length]!;
        const agreedH = Math.round((pts / 100) * crit.maxPoints * 100);
        const withConsensus = {
          ...input,
          applications: input.applications.map((a) =>
            a === app ? { ...a, consensus: { ...a.consensus, [crit.id]: asDecimal(agreedH, false) } } : a,
          ),
        };
        const result = computeRanking(withConsensus);
        const r = rowOf(result, app.id);
        assert.equal(r.criterionValues[crit.id], asDecimal(agreedH, false));
        assert.ok(!r.agenda.includes(crit.id));
        // Every evaluator now gives the other extreme on it: the score and values stay.
        const moved = {
          ...withConsensus,
          applications: withConsensus.applications.map((a) =>
            a.id !== app.id
              ? a
              : {
                  ...a,
                  evaluations: a.evaluations.map((e) => ({
                    ...e,
                    points: {
                      ...e.points,
                      [crit.id]: agreedH > crit.maxPoints * 50 ? '0.00' : `${crit.maxPoints}.00`,
                    },
                  })),
                },
          ),
        };
        const again = rowOf(computeRanking(moved), app.id);
        assert.deepEqual(again.scoreExact, r.scoreExact);
        assert.deepEqual(again.criterionValues, r.criterionValues);
      }),
      { numRuns: 200 },
    );
  });

  it('passes an application exactly when its score reaches the total threshold and each criterion its minimum', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = computeRanking(input);
        const ref = reference(input);
        for (const r of result.rows) {
          const total = input.call.totalThreshold;
          const failsTotal = total !== null && cmp(exact(r), dec(total)) < 0;
          assert.equal(
            r.failedThresholds.some((f) => f.kind === 'total'),
            failsTotal,
          );
          assert.equal(r.passes, r.failedThresholds.length === 0);
          assert.equal(r.rank !== null, r.passes);
          assert.deepEqual(r.failedThresholds, rowOf(ref, r.applicationId).failedThresholds);
        }
        // The ranked come first, numbered 1, 2, …; then those that fail.
        const ranks = result.rows.map((r) => r.rank);
        const passing = result.rows.filter((r) => r.passes).length;
        assert.deepEqual(
          ranks,
          result.rows.map((_, i) => (i < passing ? i + 1 : null)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('funds in rank order, stopping at the first that does not fit the budget or the places', () => {
    fc.assert(
      fc.property(inputArb({ maxApps: 12 }), (input) => {
        const { call } = input;
        const result = computeRanking(input);
        const ranked = result.rows.filter((r) => r.rank !== null);
        const funded = result.rows.filter((r) => r.funded);
        assert.deepEqual(funded, ranked.slice(0, funded.length), 'the funded are a prefix of the ranked');
        const used = funded.reduce((s, r) => s + (r.amountGranted ?? 0), 0);
        assert.equal(result.totals.budgetUsed, used);
        assert.equal(result.totals.placesUsed, funded.length);
        if (call.budget !== null) assert.ok(used <= call.budget);
        if (call.places !== null) assert.ok(funded.length <= call.places);
        for (const r of funded) {
          const app = input.applications.find((a) => a.id === r.applicationId)!;
          assert.equal(r.amountGranted, app.amountRequested);
        }
        const first = ranked[funded.length];
        if (first === undefined) return;
        // Why the first unfunded one is not funded.
        const amount = input.applications.find((a) => a.id === first.applicationId)!.amountRequested ?? 0;
        const noPlace = call.places !== null && funded.length >= call.places;
        const noMoney = call.budget !== null && amount > call.budget - used;
        assert.ok(noPlace || noMoney, `${first.number} should have been funded`);
        assert.ok(call.places !== null || call.budget !== null, 'with neither, every passing one is funded');
      }),
      { numRuns: 300 },
    );
  });

  it('calls a further evaluator on dispersion until one has submitted, and lists the agenda until consensus', () => {
    fc.assert(
      fc.property(inputArb(), (input) => {
        const result = computeRanking(input);
        // A submitted further evaluation ends every call for one.
        const withFurther = {
          ...input,
          applications: input.applications.map((a) => {
            const base = a.evaluations.find((e) => e.status === 'submitted');
            if (!base) return a;
            return {
              ...a,
              evaluations: [...a.evaluations, { ...base, evaluatorId: 'further', further: true }],
            };
          }),
        };
        for (const r of computeRanking(withFurther).rows) assert.equal(r.needsFurther, false);
        // Agreeing every agenda item (on the mean, say) empties the agenda and changes no value.
        const agreed = {
          ...input,
          applications: input.applications.map((a) => {
            const r = rowOf(result, a.id);
            const consensus = { ...a.consensus };
            for (const c of r.agenda) consensus[c] = r.criterionValues[c]!;
            return { ...a, consensus };
          }),
        };
        const after = computeRanking(agreed);
        for (const r of after.rows) {
          assert.deepEqual(r.agenda, []);
          assert.ok(!r.pending.includes('consensus'));
          assert.deepEqual(r.criterionValues, rowOf(result, r.applicationId).criterionValues);
        }
        assert.equal(
          result.complete,
          result.rows.every(
            (r) =>
              !r.needsFurther &&
              r.agenda.length === 0 &&
              r.evaluations >= input.call.evaluatorsPerApplication,
          ),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same result whatever order the data arrives in, and the same result again', () => {
    fc.assert(
      fc.property(inputArb({ narrow: true }), fc.integer(), (input, seed) => {
        const copy = structuredClone(input);
        const result = computeRanking(input);
        assert.deepEqual(input, copy, 'the input is not changed');
        assert.deepEqual(computeRanking(input), result, 'recomputed');
        const reordered: RankingInput = {
          call: { ...input.call },
          criteria: shuffled(input.criteria, seed),
          applications: shuffled(input.applications, seed + 1).map((a, i) => ({
            ...a,
            consensus: shuffledRecord(a.consensus, seed + i),
            evaluations: shuffled(a.evaluations, seed + 2 + i).map((e, j) => ({
              ...e,
              points: shuffledRecord(e.points, seed + j),
            })),
          })),
        };
        const again = computeRanking(reordered);
        assert.deepEqual(again, result);
        // Stored as JSON, it is the very same text (keys in the same order too).
        assert.equal(JSON.stringify(again), JSON.stringify(result));
      }),
      { numRuns: 200 },
    );
  });
});

// ---- worked examples ----

const CALL_ID = '0b0e0f00-0000-4000-8000-00000000000a';
const at = (iso: string) => new Date(iso);

function call(over: Partial<RankingInput['call']> = {}): RankingInput['call'] {
  return {
    id: CALL_ID,
    tieRule: 'earlier_submission',
    dispersionShare: '0.300',
    consensusGap: '3.00',
    totalThreshold: null,
    evaluatorsPerApplication: 2,
    budget: null,
    places: null,
    ...over,
  };
}

function application(
  seq: number,
  scores: Array<Record<string, Decimal>>,
  over: Partial<RankingApplication> = {},
): RankingApplication {
  return {
    id: `app-${seq}`,
    number: `ZB/2026/${String(seq).padStart(4, '0')}`,
    seq,
    submittedAt: at(`2026-03-0${seq}T10:00:00Z`),
    amountRequested: null,
    evaluations: scores.map((points, i) => ({
      evaluatorId: `ev-${i}`,
      status: 'submitted',
      further: false,
      points,
    })),
    consensus: {},
    ...over,
  };
}

describe('worked examples', () => {
  it('two evaluators give 7.5 and 8 on a weight 1.5 criterion: 1.5 × 7.75 = 11.625, shown 11.63', () => {
    const result = computeRanking({
      call: call(),
      criteria: [{ id: 'k', position: 1, maxPoints: 10, weight: '1.500', minPoints: null }],
      applications: [application(1, [{ k: '7.50' }, { k: 8 }])],
    });
    const r = result.rows[0]!;
    assert.equal(result.maxTotal, '15.00');
    assert.equal(r.score, '11.63');
    assert.deepEqual(r.scoreExact, { num: '93', den: '8' });
    assert.deepEqual(r.criterionValues, { k: '7.75' });
    assert.equal(r.rank, 1);
    assert.equal(r.funded, true);
    assert.equal(result.complete, true);
  });

  it('rounds a half up where floating point would round it down: the mean of 1.00 and 1.01 shows 1.01', () => {
    // 1.005 is 1.00499999… in floating point, however it is computed.
    const result = computeRanking({
      call: call(),
      criteria: [{ id: 'k', position: 1, maxPoints: 5, weight: '1.000', minPoints: '1.01' }],
      applications: [application(1, [{ k: '1.00' }, { k: '1.01' }])],
    });
    const r = result.rows[0]!;
    assert.equal(r.score, '1.01');
    assert.equal(r.criterionValues.k, '1.01');
    // 1.005 is below the minimum 1.01, though it shows as 1.01.
    assert.deepEqual(r.failedThresholds, [{ kind: 'criterion', criterionId: 'k', required: '1.01' }]);
    assert.equal(r.rank, null);
  });

  it('two criteria, a recusal, dispersion, an agenda item, then consensus and a further evaluator', () => {
    // A: max 10, weight 1; B: max 20, weight 0.5. The maximum total is 10 + 10 = 20.
    const criteria = [
      { id: 'A', position: 1, maxPoints: 10, weight: '1.000', minPoints: null },
      { id: 'B', position: 2, maxPoints: 20, weight: '0.500', minPoints: '5.00' },
    ];
    const evaluations: RankingEvaluation[] = [
      { evaluatorId: 'e1', status: 'submitted', further: false, points: { A: '6.00', B: '10.00' } }, // 6 + 5 = 11
      { evaluatorId: 'e2', status: 'submitted', further: false, points: { A: '9.00', B: '20.00' } }, // 9 + 10 = 19
      { evaluatorId: 'e3', status: 'recused', further: false, points: { A: '0.00', B: '0.00' } },
    ];
    const base = application(1, [], { evaluations });
    const first = computeRanking({ call: call(), criteria, applications: [base] }).rows[0]!;
    // Mean (11 + 19) / 2 = 15; A 7.5, B 15.
    assert.equal(first.score, '15.00');
    assert.deepEqual(first.criterionValues, { A: '7.50', B: '15.00' });
    assert.equal(first.evaluations, 2);
    // 19 − 11 = 8 > 0.3 × 20 = 6.
    assert.equal(first.needsFurther, true);
    // A differs by 3 (not more than 3), B by 10.
    assert.deepEqual(first.agenda, ['B']);
    assert.deepEqual(first.pending, ['further_evaluator', 'consensus']);

    // The chair agrees 12 on B: 7.5 + 0.5 × 12 = 13.5. A further evaluator gives A 8, B 14 (8 + 7 = 15).
    const settled = computeRanking({
      call: call(),
      criteria,
      applications: [
        {
          ...base,
          consensus: { B: '12.00' },
          evaluations: [
            ...evaluations,
            { evaluatorId: 'e4', status: 'submitted', further: true, points: { A: '8.00', B: '14.00' } },
          ],
        },
      ],
    });
    const r = settled.rows[0]!;
    // A is now (6 + 9 + 8) / 3 = 7.666…, B the agreed 12: 23/3 + 6 = 41/3 = 13.666…
    assert.deepEqual(r.criterionValues, { A: '7.67', B: '12.00' });
    assert.equal(r.score, '13.67');
    assert.deepEqual(r.scoreExact, { num: '41', den: '3' });
    assert.equal(r.needsFurther, false);
    assert.deepEqual(r.agenda, []);
    assert.equal(settled.complete, true);
  });

  it('sees an exact tie where floating point sees none: 1 × 0.1 + 1 × 0.2 against 1 × 0.3', () => {
    const criteria = [
      { id: 'a', position: 1, maxPoints: 1, weight: '0.100', minPoints: null },
      { id: 'b', position: 2, maxPoints: 1, weight: '0.200', minPoints: null },
      { id: 'c', position: 3, maxPoints: 1, weight: '0.300', minPoints: null },
    ];
    const result = computeRanking({
      call: call({ evaluatorsPerApplication: 1 }),
      criteria,
      applications: [
        application(2, [{ a: 1, b: 1, c: 0 }]), // 0.1 + 0.2 = 0.30000000000000004 in floating point
        application(1, [{ a: 0, b: 0, c: 1 }]), // 0.3, submitted a day earlier
      ],
    });
    assert.deepEqual(
      result.rows.map((r) => [r.number, r.score, r.scoreExact, r.tieBrokenBy]),
      [
        ['ZB/2026/0001', '0.30', { num: '3', den: '10' }, null],
        [
          'ZB/2026/0002',
          '0.30',
          { num: '3', den: '10' },
          { rule: 'earlier_submission', criterionId: null, above: 'ZB/2026/0001' },
        ],
      ],
    );
  });

  it('says the ranking is not final while an application has too few evaluations', () => {
    const result = computeRanking({
      call: call({ evaluatorsPerApplication: 3 }),
      criteria: [{ id: 'k', position: 1, maxPoints: 10, weight: '1', minPoints: null }],
      applications: [application(1, [{ k: '5.00' }, { k: '5.00' }]), application(2, [])],
    });
    assert.equal(result.complete, false);
    assert.deepEqual(
      result.rows.map((r) => [r.number, r.evaluations, r.score, r.pending]),
      [
        ['ZB/2026/0001', 2, '5.00', ['evaluations']],
        ['ZB/2026/0002', 0, '0.00', ['evaluations']],
      ],
    );
  });

  it('breaks a tie by each rule and says how', () => {
    const criteria = [
      { id: 'first', position: 1, maxPoints: 10, weight: '1.000', minPoints: null },
      { id: 'second', position: 2, maxPoints: 10, weight: '1.000', minPoints: null },
    ];
    // All three score 10: 4+6, 6+4, 6+4; submitted on the 3rd, 1st and 2nd of March.
    const apps = [
      application(1, [{ first: '4', second: '6' }], {
        submittedAt: at('2026-03-03T10:00Z'),
        amountRequested: 5000,
      }),
      application(2, [{ first: '6', second: '4' }], {
        submittedAt: at('2026-03-01T10:00Z'),
        amountRequested: null,
      }),
      application(3, [{ first: '6', second: '4' }], {
        submittedAt: at('2026-03-02T10:00Z'),
        amountRequested: 9000,
      }),
    ];
    const order = (tieRule: TieRule) => {
      const rows = computeRanking({
        call: call({ tieRule, evaluatorsPerApplication: 1 }),
        criteria,
        applications: apps,
      }).rows;
      return rows.map((r) => [
        r.number,
        r.tieBrokenBy && `${r.tieBrokenBy.rule} ${r.tieBrokenBy.criterionId ?? ''}`.trim(),
      ]);
    };
    assert.deepEqual(order('earlier_submission'), [
      ['ZB/2026/0002', null],
      ['ZB/2026/0003', 'earlier_submission'],
      ['ZB/2026/0001', 'earlier_submission'],
    ]);
    assert.deepEqual(order('higher_first_criterion'), [
      ['ZB/2026/0002', null],
      ['ZB/2026/0003', 'earlier_submission'],
      ['ZB/2026/0001', 'higher_first_criterion first'],
    ]);
    assert.deepEqual(order('lower_amount'), [
      ['ZB/2026/0001', null],
      ['ZB/2026/0003', 'lower_amount'],
      ['ZB/2026/0002', 'lower_amount'],
    ]);
    // The lot: SHA-256 of "<call id>:<number>", lowest first.
    const lot = (n: number) => createHash('sha256').update(`${CALL_ID}:ZB/2026/000${n}`).digest('hex');
    const byLot = [1, 2, 3].sort((a, b) => (lot(a) < lot(b) ? -1 : 1)).map((n) => `ZB/2026/000${n}`);
    assert.deepEqual(order('lot_by_number'), [
      [byLot[0], null],
      [byLot[1], 'lot_by_number'],
      [byLot[2], 'lot_by_number'],
    ]);
    // Submitted in the same second: the lower number goes first.
    const same = computeRanking({
      call: call({ evaluatorsPerApplication: 1 }),
      criteria,
      applications: apps.map((a) => ({ ...a, submittedAt: at('2026-03-01T10:00Z') })),
    });
    assert.deepEqual(
      same.rows.map((r) => r.tieBrokenBy),
      [
        null,
        { rule: 'lower_number', criterionId: null, above: 'ZB/2026/0001' },
        { rule: 'lower_number', criterionId: null, above: 'ZB/2026/0002' },
      ],
    );
  });

  it('funds down the ranking until the budget no longer covers one, and never skips to a smaller one', () => {
    const criteria = [{ id: 'k', position: 1, maxPoints: 10, weight: '1.000', minPoints: null }];
    const apps = [
      application(1, [{ k: '9' }], { amountRequested: 60000 }),
      application(2, [{ k: '8' }], { amountRequested: 50000 }),
      application(3, [{ k: '7' }], { amountRequested: 30000 }),
      application(4, [{ k: '1' }], { amountRequested: 1000 }), // below the threshold
    ];
    const run = (over: Partial<RankingInput['call']>) =>
      computeRanking({
        call: call({ evaluatorsPerApplication: 1, totalThreshold: '2.00', ...over }),
        criteria,
        applications: apps,
      });
    const budget = run({ budget: 100000 });
    assert.deepEqual(
      budget.rows.map((r) => [r.number, r.rank, r.funded, r.amountGranted]),
      [
        ['ZB/2026/0001', 1, true, 60000],
        ['ZB/2026/0002', 2, false, null], // 40 000 left
        ['ZB/2026/0003', 3, false, null], // would fit, but a higher one is not funded
        ['ZB/2026/0004', null, false, null],
      ],
    );
    assert.deepEqual(budget.rows[3]!.failedThresholds, [{ kind: 'total', required: '2.00' }]);
    assert.deepEqual(budget.totals, { budgetUsed: 60000, placesUsed: 1 });
    const places = run({ places: 2 });
    assert.deepEqual(
      places.rows.map((r) => r.funded),
      [true, true, false, false],
    );
    assert.deepEqual(places.totals, { budgetUsed: 110000, placesUsed: 2 });
    assert.deepEqual(
      run({}).rows.map((r) => r.funded),
      [true, true, true, false],
    );
  });

  it('shows a maximum total with a third decimal when a weight gives one, and refuses a malformed number', () => {
    const criteria = [{ id: 'k', position: 1, maxPoints: 3, weight: '1.125', minPoints: null }];
    assert.equal(computeRanking({ call: call(), criteria, applications: [] }).maxTotal, '3.375');
    for (const bad of ['7.505', '-1', '7,5', '', '1e3']) {
      assert.throws(
        () => computeRanking({ call: call(), criteria, applications: [application(1, [{ k: bad }])] }),
        RangeError,
        bad,
      );
    }
    assert.throws(
      () => computeRanking({ call: call(), criteria, applications: [application(1, [{}])] }),
      /no points/,
    );
    // seq settles the last tie, so two applications with one seq are refused, not ordered at random.
    const twin = { ...application(1, [{ k: '1' }]), id: 'other' };
    assert.throws(
      () => computeRanking({ call: call(), criteria, applications: [application(1, [{ k: '1' }]), twin] }),
      /seq 1/,
    );
  });
});

describe('numbers far beyond a real card', () => {
  it('stays exact where the cross-products pass 2^53, and refuses sums it could not keep exact', () => {
    // 10 000 000 points by weight 999.999: 1e15 in 1e-5 of a point per evaluator, ×3 and ×4 evaluators;
    // 0001 and 0003 score exactly the threshold (9 999 990 000), 0002 a quarter of 0.01 × 999.999 more.
    const criteria = [{ id: 'k', position: 1, maxPoints: 1000, weight: '999.999', minPoints: null }];
    const m = '10000000.00';
    const apps = [
      application(1, [{ k: m }, { k: m }, { k: m }]),
      application(2, [{ k: m }, { k: m }, { k: m }, { k: '10000000.01' }]),
      application(3, [{ k: m }, { k: m }, { k: m }, { k: m }]),
    ];
    const input: RankingInput = {
      call: call({ totalThreshold: '9999990000.00' }),
      criteria,
      applications: apps,
    };
    const result = computeRanking(input);
    assert.deepEqual(result, reference(input));
    assert.deepEqual(
      result.rows.map((r) => [r.number, r.score, r.tieBrokenBy?.rule ?? null]),
      [
        ['ZB/2026/0002', '9999990002.50', null],
        ['ZB/2026/0001', '9999990000.00', null],
        ['ZB/2026/0003', '9999990000.00', 'earlier_submission'],
      ],
    );
    const tooMany = application(
      4,
      Array.from({ length: 10 }, () => ({ k: m })),
    );
    assert.throws(
      () => computeRanking({ ...input, applications: [tooMany] }),
      /too large to compute exactly/,
    );
  });
});

// ---- speed ----

describe('speed', () => {
  it('ranks 10 000 applications × 3 evaluations × 10 criteria in well under a second', () => {
    let s = 42;
    const rand = (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
    const criteria = Array.from({ length: 10 }, (_, i) => ({
      id: `crit-${i}`,
      position: i + 1,
      maxPoints: 10,
      weight: ['1.000', '1.500', '0.750'][i % 3]!,
      minPoints: i === 0 ? '2.00' : null,
    }));
    const applications: RankingApplication[] = Array.from({ length: 10000 }, (_, j) => ({
      id: `app-${j}`,
      number: `ZB/2026/${String(j + 1).padStart(5, '0')}`,
      seq: j + 1,
      submittedAt: new Date(Date.UTC(2026, 2, 1) + rand(1000) * 60000),
      amountRequested: 1000 * (1 + rand(50)),
      evaluations: Array.from({ length: 3 }, (_, e) => ({
        evaluatorId: `ev-${e}`,
        status: 'submitted' as const,
        further: false,
        points: Object.fromEntries(
          criteria.map((c) => [c.id, `${rand(11)}.${rand(2) * 5}0`.replace('10.50', '10.00')]),
        ),
      })),
      consensus: Object.fromEntries(rand(10) === 0 ? [['crit-3', '5.00']] : []),
    }));
    for (const tieRule of tieRules) {
      const input: RankingInput = {
        call: call({ tieRule, evaluatorsPerApplication: 3, budget: 5_000_000_00, totalThreshold: '40.00' }),
        criteria,
        applications,
      };
      const started = performance.now();
      const result = computeRanking(input);
      const ms = performance.now() - started;
      console.log(`ranking 10 000 × 3 × 10 by ${tieRule}: ${ms.toFixed(1)} ms`);
      assert.equal(result.rows.length, 10000);
      assert.ok(
        result.rows.some((r) => r.tieBrokenBy !== null),
        'the data has ties',
      );
      assert.ok(ms < 1000, `${ms} ms`);
    }
  });
});
