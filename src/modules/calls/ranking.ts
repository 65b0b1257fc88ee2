// The ranking of a call's applications from the jury's evaluations (issue 13, judging step 3): each
// application's score, its criterion values, the thresholds it fails, whether a further evaluator
// or a consensus decision is still needed, its place with the tie rule that decided it, and whether
// it is funded. Pure: the service loads the rows and calls computeRanking; no database, no clock.
//
// Exact by construction. Points arrive as numeric strings with 2 decimals and weights with 3, so
// they are read as integers (hundredths of a point, thousandths of a weight) and their products are
// integers in 1e-5 of a point. A score is a mean, kept as a fraction (numerator over the number of
// evaluators) and compared by cross-multiplication; no fraction is ever divided out, so no
// rounding ever decides an order, a threshold or a flag. Rounding happens only for display, half up.
// The integers are JS numbers, exact below 2^53: every sum is checked to stay there (a card would
// need about a thousand criteria × evaluators at the schema's largest points and weights to leave
// it, and then computeRanking throws rather than answer wrongly), and a cross-product that might
// not is done in BigInt.
//
// Deterministic: the result depends on the data, never on the order it arrives in — the criteria
// are taken by position, the applications end in a total order (seq is unique in a call), and
// every list in the result is built in one of those orders.
import { createHash } from 'node:crypto';
import type { AssignmentStatus, TieRule } from './schema.ts';

/** A PostgreSQL numeric as the driver gives it ('7.50'), or a plain number (7.5). */
export type Decimal = string | number;

export interface RankingCall {
  id: string;
  tieRule: TieRule;
  /** A share of the maximum weighted total, 3 decimals ('0.300'). */
  dispersionShare: Decimal;
  /** Points, 2 decimals ('3.00'). */
  consensusGap: Decimal;
  /** Points of the weighted score, 2 decimals, or null for none. */
  totalThreshold: Decimal | null;
  evaluatorsPerApplication: number;
  /** Grosze, or null. */
  budget: number | null;
  places: number | null;
}

export interface RankingCriterion {
  id: string;
  position: number;
  maxPoints: number;
  /** 3 decimals ('1.500'). */
  weight: Decimal;
  /** 2 decimals, or null for no minimum. */
  minPoints: Decimal | null;
}

export interface RankingEvaluation {
  evaluatorId: string;
  status: AssignmentStatus;
  /** A further evaluator, called because two totals differed by more than the call allows. */
  further: boolean;
  /** Points by criterion id, 2 decimals. Read only when the evaluation is submitted. */
  points: Record<string, Decimal>;
}

export interface RankingApplication {
  id: string;
  number: string;
  seq: number;
  submittedAt: Date;
  /** Grosze, or null. */
  amountRequested: number | null;
  evaluations: RankingEvaluation[];
  /** The chair's agreed points by criterion id; null (or absent) where none is recorded yet. */
  consensus: Record<string, Decimal | null>;
}

export interface RankingInput {
  call: RankingCall;
  criteria: RankingCriterion[];
  applications: RankingApplication[];
}

/** What decided a tie: the call's rule, or the fallback after it (earlier submission, then the lower number). */
export type TieDecider = TieRule | 'lower_number';

export interface TieBreak {
  rule: TieDecider;
  /** For higher_first_criterion: the criterion whose value decided. */
  criterionId: string | null;
  /** The number of the application directly above, which had the same score. */
  above: string;
}

export type FailedThreshold =
  | { kind: 'total'; required: string }
  | { kind: 'criterion'; criterionId: string; required: string };

/** Why the ranking cannot be final yet, per application. */
export type PendingReason = 'evaluations' | 'further_evaluator' | 'consensus';

export interface RankingRow {
  applicationId: string;
  number: string;
  /** 1, 2, … for the applications that pass the thresholds; null for the others. */
  rank: number | null;
  /** The score rounded half up to 2 decimals. */
  score: string;
  /** The exact score in points, as a reduced fraction (strings, so the result stores as JSON). */
  scoreExact: { num: string; den: string };
  /** Per criterion id: the agreed value, else the evaluators' mean, rounded half up to 2 decimals. */
  criterionValues: Record<string, string>;
  /** The evaluations that count (submitted ones). */
  evaluations: number;
  passes: boolean;
  failedThresholds: FailedThreshold[];
  needsFurther: boolean;
  /** The criteria waiting for a consensus decision, in card order. */
  agenda: string[];
  pending: PendingReason[];
  tieBrokenBy: TieBreak | null;
  funded: boolean;
  amountGranted: number | null;
}

export interface RankingResult {
  /** True when no application is pending anything: the chair may approve it. */
  complete: boolean;
  /** The maximum weighted total, exact (2 decimals, or 3 when a weight makes it so). */
  maxTotal: string;
  /** The ranked applications in order, then those that fail a threshold (never funded). */
  rows: RankingRow[];
  totals: { budgetUsed: number; placesUsed: number };
}

// ---- reading the numbers ----

/**
 * A non-negative decimal as an integer count of 10^-scale, or -1 when it is not one. Digits beyond
 * the scale must be zeros (numeric(6,3) may come back as '1.500' where 2 decimals are meant, never
 * '1.505'). Hand-written rather than a regular expression, and without building a message unless
 * it fails: it runs for every point of every evaluation.
 */
function units(value: Decimal, scale: number): number {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || s.length === 0) return -1;
  let n = 0;
  let decimals = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && decimals < 0 && i > 0 && i < s.length - 1) {
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57) return -1;
    if (decimals >= 0) {
      if (decimals === scale) {
        if (c !== 48) return -1;
        continue;
      }
      decimals++;
    }
    n = n * 10 + (c - 48);
  }
  for (let d = Math.max(decimals, 0); d < scale; d++) n *= 10;
  return Number.isSafeInteger(n) ? n : -1;
}

function fixed(value: Decimal, scale: number, what: string): number {
  const n = units(value, scale);
  if (n < 0) {
    throw new RangeError(`${what}: ${JSON.stringify(value)} is not a decimal of at most ${scale} places`);
  }
  return n;
}

function wholeNumber(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what}: ${value} is not a whole number`);
  return value;
}

/** A sum that must stay exact (see the top of the file). */
function exact(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what}: too large to compute exactly`);
  return n;
}

/** Hundredths as '7.50'. */
function hundredths(h: number): string {
  const cents = h % 100;
  return `${(h - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The nearest whole number to p/q, halves up (p ≥ 0, q > 0, both exact integers); % and an exact division only. */
function roundHalfUp(p: number, q: number): number {
  const rest = p % q;
  return (p - rest) / q + (rest >= q - rest ? 1 : 0);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The sign of a·d − c·b (all non-negative exact integers), i.e. the order of a/b and c/d: in numbers
 * while both products are exact, else in BigInt. Every comparison of two fractions goes through here.
 * (The sums elsewhere are of non-negative terms, so a product or partial sum that left the exact
 * range would leave the final sum out of it too, and that is checked.)
 */
function crossCompare(a: number, b: number, c: number, d: number): number {
  const l = a * d;
  const r = c * b;
  if (l <= Number.MAX_SAFE_INTEGER && r <= Number.MAX_SAFE_INTEGER) return l < r ? -1 : l > r ? 1 : 0;
  const bl = BigInt(a) * BigInt(d);
  const br = BigInt(c) * BigInt(b);
  return bl < br ? -1 : bl > br ? 1 : 0;
}

// ---- the card and the call's rules ----

interface Card {
  /** By position: ids, weights in thousandths, minima in hundredths (or null). */
  ids: string[];
  weights: number[];
  minima: Array<number | null>;
  /** The maximum weighted total in 1e-5 of a point. */
  maxTotal: number;
}

function readCard(criteria: RankingCriterion[]): Card {
  const sorted = [...criteria].sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  const seen = new Set<string>();
  let maxTotal = 0;
  const weights: number[] = [];
  for (const c of sorted) {
    if (seen.has(c.id)) throw new RangeError(`criterion ${c.id} is given twice`);
    seen.add(c.id);
    if (!Number.isSafeInteger(c.maxPoints) || c.maxPoints < 1)
      throw new RangeError(`criterion ${c.id}: maxPoints`);
    const w = fixed(c.weight, 3, `criterion ${c.id} weight`);
    weights.push(w);
    maxTotal = exact(maxTotal + c.maxPoints * 100 * w, 'the maximum total');
  }
  return {
    ids: sorted.map((c) => c.id),
    weights,
    minima: sorted.map((c) =>
      c.minPoints === null ? null : fixed(c.minPoints, 2, `criterion ${c.id} minPoints`),
    ),
    maxTotal,
  };
}

interface Rules {
  /** Thousandths. */
  dispersionShare: number;
  /** Hundredths. */
  consensusGap: number;
  /** Hundredths, or null. */
  totalThreshold: number | null;
  evaluatorsPerApplication: number;
}

function readRules(call: RankingCall): Rules {
  return {
    dispersionShare: fixed(call.dispersionShare, 3, 'dispersionShare'),
    consensusGap: fixed(call.consensusGap, 2, 'consensusGap'),
    totalThreshold: call.totalThreshold === null ? null : fixed(call.totalThreshold, 2, 'totalThreshold'),
    evaluatorsPerApplication: wholeNumber(call.evaluatorsPerApplication, 'evaluatorsPerApplication'),
  };
}

// ---- one application ----

interface Scored {
  app: RankingApplication;
  time: number;
  /** The score in 1e-5 of a point: num / den, den being the number of counted evaluations (at least 1). */
  num: number;
  den: number;
  /**
   * Each criterion's value in hundredths of a point, as valueNum / valueDen: the agreed value over
   * 1, or the evaluators' sum over their number.
   */
  valueNum: number[];
  valueDen: number[];
  counted: number;
  failed: FailedThreshold[];
  needsFurther: boolean;
  agenda: string[];
  pending: PendingReason[];
  /** The lot's key, computed only when a tie asks for it. */
  lot: string | null;
}

/** Per-criterion sums and extremes, reused from one application to the next (10 000 of them in a big call). */
interface Scratch {
  sums: Float64Array;
  lows: Float64Array;
  highs: Float64Array;
}

function scoreApplication(app: RankingApplication, card: Card, rules: Rules, scratch: Scratch): Scored {
  const time = app.submittedAt.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`application ${app.number}: submittedAt`);
  const k = card.ids.length;
  const { sums, lows, highs } = scratch;
  sums.fill(0);
  lows.fill(Number.POSITIVE_INFINITY);
  highs.fill(Number.NEGATIVE_INFINITY);
  let lowTotal = Number.POSITIVE_INFINITY;
  let highTotal = Number.NEGATIVE_INFINITY;
  let counted = 0;
  let furtherIn = false;
  // Only submitted evaluations count: a recusal never does, nor a draft ('assigned', 'declared'),
  // so their points are not even read.
  for (const e of app.evaluations) {
    if (e.status !== 'submitted') continue;
    counted++;
    if (e.further) furtherIn = true;
    let total = 0;
    for (let c = 0; c < k; c++) {
      const raw = e.points[card.ids[c]!];
      if (raw === undefined) {
        throw new RangeError(
          `application ${app.number}: evaluation by ${e.evaluatorId} has no points for ${card.ids[c]}`,
        );
      }
      const p = units(raw, 2);
      if (p < 0) fixed(raw, 2, `application ${app.number}: points by ${e.evaluatorId}`);
      sums[c]! += p;
      if (p < lows[c]!) lows[c] = p;
      if (p > highs[c]!) highs[c] = p;
      total += p * card.weights[c]!;
    }
    if (!Number.isSafeInteger(total)) exact(total, `application ${app.number} total`);
    if (total < lowTotal) lowTotal = total;
    if (total > highTotal) highTotal = total;
  }

  // No evaluation yet: the criteria without an agreed value count as 0 (the row is pending anyway).
  const den = Math.max(counted, 1);
  const valueNum: number[] = [];
  const valueDen: number[] = [];
  const agenda: string[] = [];
  let num = 0;
  for (let c = 0; c < k; c++) {
    const id = card.ids[c]!;
    const agreed = app.consensus[id];
    if (agreed !== undefined && agreed !== null) {
      const v = fixed(agreed, 2, `application ${app.number} consensus`);
      valueNum.push(v);
      valueDen.push(1);
      num += card.weights[c]! * v * den;
    } else {
      valueNum.push(sums[c]!);
      valueDen.push(den);
      num += card.weights[c]! * sums[c]!;
      if (counted >= 2 && highs[c]! - lows[c]! > rules.consensusGap) agenda.push(id);
    }
  }
  exact(num, `application ${app.number} score`);

  const failed: FailedThreshold[] = [];
  // score ≥ threshold ⇔ num / den ≥ T / 100 points ⇔ num ≥ T × (1000 × den), in 1e-5 of a point.
  if (rules.totalThreshold !== null && crossCompare(num, 1000 * den, rules.totalThreshold, 1) < 0) {
    failed.push({ kind: 'total', required: hundredths(rules.totalThreshold) });
  }
  for (let c = 0; c < k; c++) {
    const min = card.minima[c]!;
    if (min !== null && crossCompare(valueNum[c]!, valueDen[c]!, min, 1) < 0) {
      failed.push({ kind: 'criterion', criterionId: card.ids[c]!, required: hundredths(min) });
    }
  }

  // Two totals differ by more than the share of the maximum: the widest pair is the one to test.
  // (high − low) > share/1000 × max ⇔ (high − low) × 1000 > max × share.
  const dispersed =
    counted >= 2 && crossCompare(highTotal - lowTotal, rules.dispersionShare, card.maxTotal, 1000) > 0;
  const needsFurther = dispersed && !furtherIn;
  const pending: PendingReason[] = [];
  if (counted < rules.evaluatorsPerApplication) pending.push('evaluations');
  if (needsFurther) pending.push('further_evaluator');
  if (agenda.length > 0) pending.push('consensus');

  return {
    app,
    time,
    num,
    den,
    valueNum,
    valueDen,
    counted,
    failed,
    needsFurther,
    agenda,
    pending,
    lot: null,
  };
}

// ---- the order ----

/** Higher score first: negative when a goes above b. */
function byScore(a: Scored, b: Scored): number {
  if (a.den === b.den) return a.num > b.num ? -1 : a.num < b.num ? 1 : 0;
  return crossCompare(b.num, b.den, a.num, a.den);
}

interface Decision {
  /** Negative when a goes above b. */
  order: number;
  rule: TieDecider;
  criterionId: string | null;
}

/**
 * The decisions a tie can end in, made once: the sort asks for one at every comparison of equal
 * scores, and the same function then explains the order, so the two cannot disagree.
 */
type Decisions = Record<TieDecider, [Decision, Decision]> & { criteria: Array<[Decision, Decision]> };

function decisions(card: Card): Decisions {
  const pair = (rule: TieDecider, criterionId: string | null): [Decision, Decision] => [
    { order: -1, rule, criterionId },
    { order: 1, rule, criterionId },
  ];
  return {
    earlier_submission: pair('earlier_submission', null),
    lower_number: pair('lower_number', null),
    higher_first_criterion: pair('higher_first_criterion', null),
    lower_amount: pair('lower_amount', null),
    lot_by_number: pair('lot_by_number', null),
    criteria: card.ids.map((id) => pair('higher_first_criterion', id)),
  };
}

const EQUAL: Decision = { order: 0, rule: 'lower_number', criterionId: null };
const pick = (pair: [Decision, Decision], aFirst: boolean) => (aFirst ? pair[0] : pair[1]);

function lotKey(s: Scored, callId: string): string {
  s.lot ??= createHash('sha256').update(`${callId}:${s.app.number}`).digest('hex');
  return s.lot;
}

/** Between two applications of the same score: the call's rule, then the earlier submission, then the lower number. */
function tieDecision(a: Scored, b: Scored, rule: TieRule, d: Decisions, callId: string): Decision {
  switch (rule) {
    case 'higher_first_criterion':
      for (let c = 0; c < d.criteria.length; c++) {
        // Hundredths over a few evaluators: the order of the two fractions, higher first.
        const o = crossCompare(b.valueNum[c]!, b.valueDen[c]!, a.valueNum[c]!, a.valueDen[c]!);
        if (o !== 0) return pick(d.criteria[c]!, o < 0);
      }
      break;
    case 'lower_amount': {
      const x = a.app.amountRequested;
      const y = b.app.amountRequested;
      // No amount goes last.
      if (x !== y) return pick(d.lower_amount, y === null || (x !== null && x < y));
      break;
    }
    case 'lot_by_number': {
      const x = lotKey(a, callId);
      const y = lotKey(b, callId);
      if (x !== y) return pick(d.lot_by_number, x < y);
      break;
    }
    case 'earlier_submission':
      break;
  }
  if (a.time !== b.time) return pick(d.earlier_submission, a.time < b.time);
  if (a.app.seq !== b.app.seq) return pick(d.lower_number, a.app.seq < b.app.seq);
  return EQUAL;
}

// ---- funding ----

interface Grant {
  funded: boolean;
  amountGranted: number | null;
}

/**
 * Funds the passing applications in rank order. With a budget, each is granted what it asked
 * (no amount counts as 0) while what remains covers it; the first one that does not fit stops the
 * funding. Deliberately no skipping to a smaller request further down: a lower-ranked application
 * is never funded while a higher-ranked passing one is not, so the order the jury decided is the
 * order the money follows (the chair may still fund more by hand, outside this calculation). With
 * places, the first `places` are funded; with both, whichever runs out first stops it; with
 * neither, every passing application is recommended.
 */
function fund(ranked: Scored[], call: RankingCall): Grant[] {
  const budget = call.budget === null ? null : wholeNumber(call.budget, 'budget');
  const places = call.places === null ? null : wholeNumber(call.places, 'places');
  let remaining = budget ?? 0;
  let stopped = false;
  return ranked.map((s, i) => {
    const amount = s.app.amountRequested;
    const cost = amount === null ? 0 : wholeNumber(amount, `application ${s.app.number} amountRequested`);
    if (places !== null && i >= places) stopped = true;
    if (budget !== null && cost > remaining) stopped = true;
    if (stopped) return { funded: false, amountGranted: null };
    remaining -= cost;
    return { funded: true, amountGranted: amount };
  });
}

// ---- the result ----

function maxTotalText(maxTotal: number): string {
  // In 1e-5 of a point, from integer maxima times 3-decimal weights: at most 3 decimals matter.
  const thousandths = maxTotal / 100;
  if (thousandths % 10 === 0) return hundredths(thousandths / 10);
  const rest = thousandths % 1000;
  return `${(thousandths - rest) / 1000}.${String(rest).padStart(3, '0')}`;
}

function row(s: Scored, card: Card, rank: number | null, tie: TieBreak | null, grant: Grant): RankingRow {
  const criterionValues: Record<string, string> = {};
  for (let c = 0; c < card.ids.length; c++) {
    criterionValues[card.ids[c]!] = hundredths(roundHalfUp(s.valueNum[c]!, s.valueDen[c]!));
  }
  // The score in points is num / (den × 100000); in hundredths, num / (den × 1000).
  const q = s.den * 100000;
  const g = gcd(s.num, q);
  return {
    applicationId: s.app.id,
    number: s.app.number,
    rank,
    score: hundredths(roundHalfUp(s.num, s.den * 1000)),
    scoreExact: { num: String(s.num / g), den: String(q / g) },
    criterionValues,
    evaluations: s.counted,
    passes: s.failed.length === 0,
    failedThresholds: s.failed,
    needsFurther: s.needsFurther,
    agenda: s.agenda,
    pending: s.pending,
    tieBrokenBy: tie,
    funded: grant.funded,
    amountGranted: grant.amountGranted,
  };
}

function checkApplications(applications: RankingApplication[]): void {
  const ids = new Set<string>();
  const seqs = new Set<number>();
  for (const a of applications) {
    if (ids.has(a.id)) throw new RangeError(`application ${a.id} is given twice`);
    // seq decides the last tie, so it must be unique (UNIQUE (call_id, seq) in the database).
    if (!Number.isSafeInteger(a.seq) || seqs.has(a.seq))
      throw new RangeError(`application ${a.number}: seq ${a.seq}`);
    ids.add(a.id);
    seqs.add(a.seq);
  }
}

/** The ranking of a call's applications from their evaluations (see the top of this file). */
export function computeRanking(input: RankingInput): RankingResult {
  const { call } = input;
  const card = readCard(input.criteria);
  const rules = readRules(call);
  checkApplications(input.applications);
  const k = card.ids.length;
  const scratch = { sums: new Float64Array(k), lows: new Float64Array(k), highs: new Float64Array(k) };
  const scored = input.applications.map((a) => scoreApplication(a, card, rules, scratch));
  const d = decisions(card);
  const compare = (a: Scored, b: Scored) =>
    byScore(a, b) || tieDecision(a, b, call.tieRule, d, call.id).order;
  const ranked = scored.filter((s) => s.failed.length === 0).sort(compare);
  // Those that fail a threshold follow in the same order, so the page is stable; never ranked, never funded.
  const failing = scored.filter((s) => s.failed.length > 0).sort(compare);
  const grants = fund(ranked, call);

  const rows: RankingRow[] = ranked.map((s, i) => {
    const above = ranked[i - 1];
    let tie: TieBreak | null = null;
    if (above !== undefined && byScore(above, s) === 0) {
      const decided = tieDecision(above, s, call.tieRule, d, call.id);
      tie = { rule: decided.rule, criterionId: decided.criterionId, above: above.app.number };
    }
    return row(s, card, i + 1, tie, grants[i]!);
  });
  for (const s of failing) rows.push(row(s, card, null, null, { funded: false, amountGranted: null }));

  let budgetUsed = 0;
  let placesUsed = 0;
  for (const g of grants) {
    if (!g.funded) continue;
    placesUsed++;
    budgetUsed += g.amountGranted ?? 0;
  }
  return {
    complete: scored.every((s) => s.pending.length === 0),
    maxTotal: maxTotalText(card.maxTotal),
    rows,
    totals: { budgetUsed, placesUsed },
  };
}
