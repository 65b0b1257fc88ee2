// The answers to an application form, checked on the server against the form version the application
// answers (form.ts): the HTML form's body read into answers (answersFromForm), the answers checked and
// normalised for storage (validateAnswers, for the form and the JSON API alike), the budget's totals,
// and staff's form definition checked before it becomes a version (checkFormFields). Pure: whatever
// the database knows (the call's maximum, its subareas, the files uploaded) arrives in AnswerContext.
import { z } from 'zod';
import { localizedInput } from '../../platform/content.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { NOT_ONE_LINE } from '../../platform/http/forms.ts';
import { normaliseKrs, normaliseNip } from '../../platform/validators/polish-ids.ts';
import type { BudgetAnswer, FieldType, FormField } from './form.ts';

export type AnswerErrors = Record<string, string>; // field key (or `${key}.rows.${i}.${col}`) → error code

export interface AnswerContext {
  /** The call's maximum per application, in grosze, or null. */
  maxAmount: number | null;
  /** The revitalisation subareas a 'subarea' answer may name (ids). */
  subareaIds: readonly string[];
  /** The files already uploaded to this application: a file answer may only list these, for its own field. */
  files: ReadonlyArray<{ id: string; fieldKey: string }>;
}

export const answerErrorCodes = [
  'required',
  'mustTick',
  'unknownField',
  'invalid',
  'tooLong',
  'oneLine',
  'notNumber',
  'notInteger',
  'belowMin',
  'aboveMax',
  'notAmount',
  'aboveMaxAmount',
  'notDate',
  'unknownOption',
  'tooManyChoices',
  'notYesNo',
  'unknownSubarea',
  'invalidNip',
  'invalidKrs',
  'unknownFile',
  'tooManyFiles',
  'budgetTooManyRows',
  'budgetRowIncomplete',
  'budgetQuantity',
  'budgetTooLarge',
  'budgetOwnAboveTotal',
  'budgetOwnShareTooLow',
  'budgetTotalMismatch',
] as const;
export type AnswerErrorCode = (typeof answerErrorCodes)[number];

/** The largest sum of money an answer may hold, in grosze (100 bn PLN): far above any call, far below 2^53. */
export const MAX_MONEY = 10_000_000_000_000;
/** A sum of money as stored: whole grosze, never negative, at most MAX_MONEY. */
const isMoney = (v: unknown): v is number =>
  Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_MONEY;
/** A budget row's item is one line of at most this many characters. */
export const BUDGET_ITEM_MAX = 200;
/** A budget row's quantity: positive, at most two decimals, at most this much. */
export const BUDGET_QUANTITY_MAX = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Names of the form's inputs

/** The HTML input of a field's answer: `a.<key>`; a budget's cells `a.<key>.item.<i>` … and `a.<key>.own`. */
export const answerInputName = (key: string, ...parts: Array<string | number>) =>
  ['a', key, ...parts].join('.');

const INPUT_PREFIX = 'a.';
const BUDGET_COLUMNS = ['item', 'quantity', 'unitPrice'] as const;
type BudgetColumn = (typeof BUDGET_COLUMNS)[number];
/** A row index as the form writes it; anything longer is not a row of ours (and cannot be a huge array). */
const ROW_INDEX = /^(?:0|[1-9][0-9]{0,5})$/;

// ---------------------------------------------------------------------------------------------
// Numbers as people type them

/** Spaces people put between thousands: ordinary, non-breaking, narrow and thin ones. */
const GROUPING_SPACES = /[\s\u00a0\u2007\u2009\u202f]/g;

/**
 * A number as typed: "1 250,5", "-3", "0.25" (a comma or a dot before the decimals; also the
 * exponent form String(number) writes for very large or small numbers). Null for anything else.
 */
export function parseDecimal(text: string): number | null {
  const t = text.replace(GROUPING_SPACES, '').replace(',', '.');
  if (!/^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * An amount in PLN as typed ("1 250,50", "1250.5", "1250", "1250 zł") in whole grosze; null for
 * negatives, more than two decimals, or anything else. Computed from the digits, never through a
 * float, so 0,29 zł is 29 grosze.
 */
export function parsePln(text: string): number | null {
  const t = text
    .replace(/(?:zł|pln)\s*$/i, '')
    .replace(GROUPING_SPACES, '')
    .replace(',', '.');
  const m = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(t);
  if (!m) return null;
  const grosze = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(grosze) && grosze <= MAX_MONEY ? grosze : null;
}

/** Grosze written back for the form as people type them: "1250" or "1250,50". */
export function plnText(grosze: number): string {
  const whole = Math.floor(grosze / 100);
  const rest = grosze % 100;
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`;
}

const decimalText = (n: number) => String(n).replace('.', ',');

// ---------------------------------------------------------------------------------------------
// The HTML form's body → answers

/** A body value as one string, or the raw value when it is not one (validateAnswers refuses it). */
function single(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 ? v[0] : v;
}

/** A body value as a list of non-blank strings (a repeated input, or one value). */
function many(v: unknown): unknown {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x) => !(typeof x === 'string' && x.trim() === ''));
}

const isBlankString = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Sets an own property, even one named like `__proto__` (a key a client chose). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * One field's answer out of the body, or undefined when it was left blank. What cannot be read is
 * kept as typed (a string), so that validateAnswers refuses it with the field's own code and the
 * form shows the typed text again (answersFormValues).
 */
function fieldFromForm(field: FormField, body: Record<string, unknown>, used: Set<string>): unknown {
  const name = answerInputName(field.key);
  used.add(name);
  const raw = body[name];
  switch (field.type) {
    case 'multiple_choice':
    case 'file': {
      const list = many(raw);
      return Array.isArray(list) && list.length === 0 ? undefined : list;
    }
    case 'budget':
      return budgetFromForm(field.key, body, used);
    default:
      break;
  }
  const v = single(raw);
  if (isBlankString(v)) return undefined;
  if (typeof v !== 'string') return v;
  switch (field.type) {
    case 'number':
      return parseDecimal(v) ?? v;
    case 'amount':
      return parsePln(v) ?? v;
    case 'yes_no':
      return v === 'yes' ? true : v === 'no' ? false : v;
    case 'declaration':
      return v === 'on' ? true : v;
    default:
      return v;
  }
}

/** A budget's rows out of `a.<key>.<column>.<i>`, in the order of i; rows left wholly blank dropped. */
function budgetFromForm(key: string, body: Record<string, unknown>, used: Set<string>): unknown {
  const prefix = `${answerInputName(key)}.`;
  const indices = new Set<number>();
  for (const name of Object.keys(body)) {
    if (!name.startsWith(prefix)) continue;
    const [column, index, ...more] = name.slice(prefix.length).split('.');
    if (more.length || !BUDGET_COLUMNS.includes(column as BudgetColumn) || !ROW_INDEX.test(index ?? ''))
      continue;
    used.add(name);
    indices.add(Number(index));
  }
  const rows: Array<Record<BudgetColumn, unknown>> = [];
  for (const i of [...indices].sort((a, b) => a - b)) {
    const cell = (c: BudgetColumn) => {
      const v = single(body[answerInputName(key, c, i)]);
      return v === undefined ? '' : v;
    };
    const item = cell('item');
    const quantity = cell('quantity');
    const unitPrice = cell('unitPrice');
    if (isBlankString(item) && isBlankString(quantity) && isBlankString(unitPrice)) continue;
    rows.push({
      item,
      quantity:
        typeof quantity === 'string' && quantity.trim() ? (parseDecimal(quantity) ?? quantity) : quantity,
      unitPrice:
        typeof unitPrice === 'string' && unitPrice.trim() ? (parsePln(unitPrice) ?? unitPrice) : unitPrice,
    });
  }
  const ownName = answerInputName(key, 'own');
  used.add(ownName);
  const ownRaw = single(body[ownName]);
  const own = isBlankString(ownRaw) ? 0 : typeof ownRaw === 'string' ? (parsePln(ownRaw) ?? ownRaw) : ownRaw;
  if (rows.length === 0 && own === 0) return undefined;
  return { rows, ownContribution: own };
}

/**
 * Reads an HTML form body (application/x-www-form-urlencoded, parsed to strings / string arrays)
 * into answers. Never throws: a value it cannot read stays as typed, for validateAnswers to refuse
 * with a precise code. An `a.` input the form does not have becomes an answer of that name (refused
 * as unknownField); inputs without the prefix (the CSRF token, the button pressed) are not answers.
 */
export function answersFromForm(
  fields: readonly FormField[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const field of fields) {
    const value = fieldFromForm(field, body, used);
    if (value !== undefined) put(answers, field.key, value);
  }
  for (const [name, value] of Object.entries(body)) {
    if (!name.startsWith(INPUT_PREFIX) || used.has(name) || isBlankString(single(value))) continue;
    put(answers, name.slice(INPUT_PREFIX.length), value);
  }
  return answers;
}

/**
 * The form's inputs showing answers: stored ones (a draft) or what answersFromForm read from a
 * refused form, typed text included. Budget rows are numbered as in the answers, so an error at
 * `${key}.rows.${i}.${col}` names the row the form shows as row i.
 */
export function answersFormValues(
  fields: readonly FormField[],
  answers: Record<string, unknown>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const set = inputSetter(out);
  const known = new Set(fields.map((f) => f.key));
  for (const field of fields) {
    if (!Object.hasOwn(answers, field.key)) continue;
    const v = answers[field.key];
    const name = answerInputName(field.key);
    switch (field.type) {
      case 'amount':
        set(name, v, (x) => (isMoney(x) ? plnText(x) : undefined));
        break;
      case 'number':
        set(name, v, (x) => (typeof x === 'number' ? decimalText(x) : undefined));
        break;
      case 'yes_no':
        set(name, v, (x) => (x === true ? 'yes' : x === false ? 'no' : undefined));
        break;
      case 'declaration':
        set(name, v, (x) => (x === true ? 'on' : undefined));
        break;
      case 'budget':
        budgetFormValues(field.key, v, set);
        break;
      default:
        set(name, v);
    }
  }
  for (const [key, v] of Object.entries(answers)) if (!known.has(key)) set(`${INPUT_PREFIX}${key}`, v);
  return out;
}

type InputSetter = (name: string, v: unknown, show?: (v: unknown) => string | undefined) => void;

/** Writes one input's value: text as it is, lists of text as they are, other plain values shown. */
function inputSetter(out: Record<string, string | string[]>): InputSetter {
  return (name, v, show) => {
    if (typeof v === 'string') put(out, name, v);
    else if (Array.isArray(v))
      put(
        out,
        name,
        v.filter((x): x is string => typeof x === 'string'),
      );
    else if (v !== undefined && v !== null && typeof v !== 'object') put(out, name, show?.(v) ?? String(v));
  };
}

function budgetFormValues(key: string, v: unknown, set: InputSetter): void {
  if (!v || typeof v !== 'object') return;
  const { rows, ownContribution } = v as { rows?: unknown; ownContribution?: unknown };
  const money = (x: unknown) => (isMoney(x) ? plnText(x) : undefined);
  if (Array.isArray(rows))
    rows.forEach((row: unknown, i) => {
      if (!row || typeof row !== 'object') return;
      const r = row as Record<string, unknown>;
      set(answerInputName(key, 'item', i), r.item);
      set(answerInputName(key, 'quantity', i), r.quantity, (x) =>
        typeof x === 'number' ? decimalText(x) : undefined,
      );
      set(answerInputName(key, 'unitPrice', i), r.unitPrice, money);
    });
  set(answerInputName(key, 'own'), ownContribution, money);
}

// ---------------------------------------------------------------------------------------------
// Checking answers

/** A checked answer: its normalised value, nothing (left blank), or the first problem and where. */
type Checked = { value: unknown } | { code: AnswerErrorCode; at?: string } | null;

const refuse = (code: AnswerErrorCode, at?: string): Checked => (at === undefined ? { code } : { code, at });

/** Characters as a reader counts them (code points), not UTF-16 units. */
const charCount = (s: string) => [...s].length;

function isBlank(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

function checkText(v: unknown, maxLength: number, oneLine: boolean): Checked {
  if (typeof v !== 'string') return refuse('invalid');
  const text = v.replace(/\r\n?/g, '\n').trim();
  if (oneLine && NOT_ONE_LINE.test(text)) return refuse('oneLine');
  if (charCount(text) > maxLength) return refuse('tooLong');
  return { value: text };
}

function checkNumber(field: Extract<FormField, { type: 'number' }>, v: unknown): Checked {
  if (typeof v !== 'number' || !Number.isFinite(v)) return refuse('notNumber');
  const n = v === 0 ? 0 : v; // -0 is stored as 0
  if (field.integer && !Number.isInteger(n)) return refuse('notInteger');
  if (field.min !== undefined && n < field.min) return refuse('belowMin');
  if (field.max !== undefined && n > field.max) return refuse('aboveMax');
  return { value: n };
}

function checkAmount(field: Extract<FormField, { type: 'amount' }>, v: unknown): Checked {
  if (!isMoney(v)) return refuse('notAmount');
  if (field.max !== undefined && v > field.max) return refuse('aboveMax');
  return { value: v };
}

/** A real calendar date written YYYY-MM-DD (the proleptic Gregorian calendar, years 0001–9999). */
export function isCalendarDate(v: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days;
}

function checkChoices(field: Extract<FormField, { type: 'multiple_choice' }>, v: unknown): Checked {
  if (!Array.isArray(v)) return refuse('unknownOption');
  const keys = field.options.map((o) => o.key);
  if (!v.every((x) => typeof x === 'string' && keys.includes(x))) return refuse('unknownOption');
  // Stored once each, in the form's order, so the same choices are always the same answer.
  const chosen = keys.filter((k) => v.includes(k));
  if (field.maxChoices !== undefined && chosen.length > field.maxChoices) return refuse('tooManyChoices');
  return { value: chosen };
}

function checkFiles(field: Extract<FormField, { type: 'file' }>, v: unknown, ctx: AnswerContext): Checked {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return refuse('invalid');
  const ids = [...new Set(v as string[])];
  const own = (id: string) => ctx.files.some((f) => f.id === id && f.fieldKey === field.key);
  if (!ids.every(own)) return refuse('unknownFile');
  if (ids.length > field.maxFiles) return refuse('tooManyFiles');
  return { value: ids };
}

function checkBudgetRow(v: unknown, at: string): Checked {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return refuse('invalid', at);
  const row = v as Record<string, unknown>;
  if (Object.keys(row).some((k) => !BUDGET_COLUMNS.includes(k as BudgetColumn))) return refuse('invalid', at);
  const blank = BUDGET_COLUMNS.find((c) => isBlank(row[c]));
  if (blank) return refuse('budgetRowIncomplete', `${at}.${blank}`);
  const item = checkText(row.item, BUDGET_ITEM_MAX, true);
  if (item && 'code' in item) return refuse(item.code, `${at}.item`);
  const q = row.quantity;
  if (typeof q !== 'number' || !Number.isFinite(q)) return refuse('notNumber', `${at}.quantity`);
  if (q <= 0 || q > BUDGET_QUANTITY_MAX || Math.round(q * 100) / 100 !== q)
    return refuse('budgetQuantity', `${at}.quantity`);
  if (!isMoney(row.unitPrice)) return refuse('notAmount', `${at}.unitPrice`);
  return { value: { item: (item as { value: string }).value, quantity: q, unitPrice: row.unitPrice } };
}

/** The money of a budget: each row quantity × unit price rounded half up to the grosz, summed exactly. */
function budgetTotalBig(rows: BudgetAnswer['rows']): bigint {
  let total = 0n;
  for (const r of rows) total += (BigInt(Math.round(r.quantity * 100)) * BigInt(r.unitPrice) + 50n) / 100n;
  return total;
}

/** A budget's totals in grosze: the rows' sum, the own contribution, and what is asked for (the rest). */
export function budgetTotals(b: BudgetAnswer): { total: number; own: number; requested: number } {
  const total = Number(budgetTotalBig(b.rows));
  return { total, own: b.ownContribution, requested: total - b.ownContribution };
}

/**
 * The least own contribution a share asks of a total, in whole grosze. The share is a float, so the
 * product is allowed a rounding error far below a grosz (else 0.3 of 30 zł would ask 9.01 zł).
 */
function minimumOwn(share: number, total: number): number {
  return Math.ceil(share * total - total * 1e-15 - 1e-9);
}

function checkBudget(field: Extract<FormField, { type: 'budget' }>, v: unknown): Checked {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return refuse('invalid');
  const b = v as Record<string, unknown>;
  if (Object.keys(b).some((k) => !['rows', 'ownContribution', 'total'].includes(k))) return refuse('invalid');
  if (!Array.isArray(b.rows)) return refuse('invalid');
  const own = b.ownContribution ?? 0;
  if (b.rows.length === 0 && own === 0 && (b.total ?? 0) === 0) return null;
  if (b.rows.length > field.maxRows) return refuse('budgetTooManyRows');
  const rows: BudgetAnswer['rows'] = [];
  for (const [i, raw] of b.rows.entries()) {
    const row = checkBudgetRow(raw, `${field.key}.rows.${i}`);
    if (row && 'code' in row) return row;
    rows.push((row as { value: BudgetAnswer['rows'][number] }).value);
  }
  if (!isMoney(own)) return refuse('notAmount', `${field.key}.ownContribution`);
  const total = budgetTotalBig(rows);
  if (total > BigInt(MAX_MONEY)) return refuse('budgetTooLarge');
  // A client may send the total it computed; one that differs means the rows are not what it meant.
  if (b.total !== undefined && b.total !== Number(total)) return refuse('budgetTotalMismatch');
  if (BigInt(own) > total) return refuse('budgetOwnAboveTotal', `${field.key}.ownContribution`);
  if (field.minOwnShare !== undefined && own < minimumOwn(field.minOwnShare, Number(total)))
    return refuse('budgetOwnShareTooLow');
  return { value: { rows, ownContribution: own } satisfies BudgetAnswer };
}

function checkAnswer(field: FormField, v: unknown, ctx: AnswerContext): Checked {
  if (field.type === 'budget') return v === undefined || v === null ? null : checkBudget(field, v);
  if (field.type === 'declaration')
    return v === true ? { value: true } : v === false || isBlank(v) ? null : refuse('invalid');
  if (isBlank(v)) return null;
  switch (field.type) {
    case 'short_text':
      return checkText(v, field.maxLength, true);
    case 'long_text':
      return checkText(v, field.maxLength, false);
    case 'number':
      return checkNumber(field, v);
    case 'amount':
      return checkAmount(field, v);
    case 'date':
      return typeof v === 'string' && isCalendarDate(v.trim()) ? { value: v.trim() } : refuse('notDate');
    case 'single_choice':
      return typeof v === 'string' && field.options.some((o) => o.key === v)
        ? { value: v }
        : refuse('unknownOption');
    case 'multiple_choice':
      return checkChoices(field, v);
    case 'yes_no':
      return typeof v === 'boolean' ? { value: v } : refuse('notYesNo');
    case 'subarea':
      return typeof v === 'string' && ctx.subareaIds.includes(v) ? { value: v } : refuse('unknownSubarea');
    case 'nip': {
      const nip = typeof v === 'string' ? normaliseNip(v) : null;
      return nip ? { value: nip } : refuse('invalidNip');
    }
    case 'krs': {
      const krs = typeof v === 'string' ? normaliseKrs(v) : null;
      return krs ? { value: krs } : refuse('invalidKrs');
    }
    case 'file':
      return checkFiles(field, v, ctx);
  }
}

/**
 * What the application asks for, in grosze: the first budget's total less its own contribution if
 * the form has a budget, otherwise the first amount field's answer; null when not answered.
 */
function requestedAmount(fields: readonly FormField[], answers: Record<string, unknown>) {
  const source = fields.find((f) => f.type === 'budget') ?? fields.find((f) => f.type === 'amount');
  if (!source) return { field: undefined, amount: null };
  const v = answers[source.key];
  if (v === undefined) return { field: source, amount: null };
  return {
    field: source,
    amount: source.type === 'budget' ? budgetTotals(v as BudgetAnswer).requested : (v as number),
  };
}

/**
 * Checks answers (from the form or the JSON API). 'draft': every answer given must be well-formed,
 * missing ones are fine. 'submit': also every required answer present (required declaration ticked).
 * The answers come back normalised (text trimmed, NIP and KRS as digits, money in grosze, choices
 * once each in the form's order, blank ones left out), so checking them again changes nothing.
 * One error per field: the first problem.
 */
export function validateAnswers(
  fields: readonly FormField[],
  answers: Record<string, unknown>,
  ctx: AnswerContext,
  mode: 'draft' | 'submit',
):
  | { ok: true; answers: Record<string, unknown>; amountRequested: number | null }
  | { ok: false; errors: AnswerErrors } {
  const errors: AnswerErrors = {};
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(answers)) if (!known.has(key)) put(errors, key, 'unknownField');
  for (const field of fields) {
    const checked = checkAnswer(
      field,
      Object.hasOwn(answers, field.key) ? answers[field.key] : undefined,
      ctx,
    );
    if (checked === null) {
      if (mode === 'submit' && field.required)
        errors[field.key] = field.type === 'declaration' ? 'mustTick' : 'required';
    } else if ('code' in checked) put(errors, checked.at ?? field.key, checked.code);
    else out[field.key] = checked.value;
  }
  const requested = requestedAmount(fields, out);
  const source = requested.field;
  if (source && requested.amount !== null && ctx.maxAmount !== null && requested.amount > ctx.maxAmount)
    errors[source.key] = 'aboveMaxAmount';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, answers: out, amountRequested: requested.amount };
}

// ---------------------------------------------------------------------------------------------
// Staff's form definition

const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const FORM_FIELDS_MAX = 100;
export const TEXT_MAX_LENGTH = 20_000;
export const FILE_MAX_BYTES = 20 * 1024 * 1024;
export const FILES_MAX = 10;
export const BUDGET_ROWS_MAX = 100;
export const OPTIONS_MAX = 50;

const key = z.string().regex(FIELD_KEY, { error: 'formFieldKey' });
const label = localizedInput({ max: 500 });
/** A hint left wholly blank (as a form builder sends an empty one) is no hint. */
const hint = z.preprocess(
  (v) =>
    v &&
    typeof v === 'object' &&
    Object.values(v).every((t) => t === undefined || (typeof t === 'string' && !t.trim()))
      ? undefined
      : (v ?? undefined),
  localizedInput({ max: 2000 }).optional(),
);
const optionalNumber = (schema: z.ZodNumber) => schema.nullish().transform((v) => v ?? undefined);
const whole = (min: number, max: number) => z.number().int().min(min).max(max);

const base = { key, label, hint, required: z.boolean().default(false) };
const options = z
  .array(z.strictObject({ key, label }))
  .min(1)
  .max(OPTIONS_MAX)
  .refine((os) => new Set(os.map((o) => o.key)).size === os.length, { error: 'formOptionKeyTaken' });

/** The schema of each field type: strict, so a misspelt limit is refused rather than ignored. */
const fieldSchemas: Record<FieldType, z.ZodType> = {
  short_text: z.strictObject({
    ...base,
    type: z.literal('short_text'),
    maxLength: whole(1, TEXT_MAX_LENGTH),
  }),
  long_text: z.strictObject({ ...base, type: z.literal('long_text'), maxLength: whole(1, TEXT_MAX_LENGTH) }),
  number: z
    .strictObject({
      ...base,
      type: z.literal('number'),
      min: optionalNumber(z.number()),
      max: optionalNumber(z.number()),
      integer: z.boolean().default(false),
    })
    .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
      error: 'formFieldMinAboveMax',
      path: ['max'],
    }),
  amount: z.strictObject({ ...base, type: z.literal('amount'), max: optionalNumber(whole(0, MAX_MONEY)) }),
  date: z.strictObject({ ...base, type: z.literal('date') }),
  single_choice: z.strictObject({ ...base, type: z.literal('single_choice'), options }),
  multiple_choice: z
    .strictObject({
      ...base,
      type: z.literal('multiple_choice'),
      options,
      maxChoices: optionalNumber(whole(1, OPTIONS_MAX)),
    })
    .refine((f) => f.maxChoices === undefined || f.maxChoices <= f.options.length, {
      error: 'formFieldInvalid',
      path: ['maxChoices'],
    }),
  yes_no: z.strictObject({ ...base, type: z.literal('yes_no') }),
  file: z.strictObject({
    ...base,
    type: z.literal('file'),
    accept: z
      .array(z.enum(['pdf', 'image']))
      .min(1)
      .transform((a) => [...new Set(a)]),
    maxBytes: whole(1, FILE_MAX_BYTES),
    maxFiles: whole(1, FILES_MAX),
  }),
  budget: z.strictObject({
    ...base,
    type: z.literal('budget'),
    maxRows: whole(1, BUDGET_ROWS_MAX),
    minOwnShare: optionalNumber(z.number().min(0).max(1)),
  }),
  subarea: z.strictObject({ ...base, type: z.literal('subarea') }),
  nip: z.strictObject({ ...base, type: z.literal('nip') }),
  krs: z.strictObject({ ...base, type: z.literal('krs') }),
  declaration: z.strictObject({ ...base, type: z.literal('declaration') }),
};

/** The code of a refused field: a named refinement's own, the key's or label's, or a limit's. */
function fieldProblem(issue: z.core.$ZodIssue): { code: string; path: string } {
  const path = issue.code === 'unrecognized_keys' ? issue.keys.join(',') : issue.path.map(String).join('.');
  if (issue.code === 'custom' || (issue.code === 'invalid_format' && issue.message === 'formFieldKey'))
    return { code: issue.message, path };
  if (issue.code === 'unrecognized_keys') return { code: 'formFieldUnknownProperty', path };
  if (issue.path[0] === 'label' || (issue.path[0] === 'options' && issue.path[2] === 'label'))
    return { code: 'formFieldLabel', path };
  if (issue.path[0] === 'key' || (issue.path[0] === 'options' && issue.path[2] === 'key'))
    return { code: 'formFieldKey', path };
  return { code: 'formFieldInvalid', path };
}

/**
 * Staff's form definition (from the form builder or API) checked and normalised: 1–100 fields of
 * known types with unique keys, a Polish label each, sane limits. Throws a RuleError whose field is
 * `fields.<i>.<property>` and whose details name the index and property.
 */
export function checkFormFields(raw: unknown): FormField[] {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > FORM_FIELDS_MAX)
    throw new RuleError('formFieldsCount', 'fields', 422, { max: FORM_FIELDS_MAX });
  const seen = new Set<string>();
  return raw.map((item: unknown, index) => {
    const type = item && typeof item === 'object' ? (item as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.hasOwn(fieldSchemas, type))
      throw new RuleError('formFieldType', `fields.${index}.type`, 422, { index, path: 'type' });
    const result = fieldSchemas[type as FieldType].safeParse(item);
    if (!result.success) {
      const { code, path } = fieldProblem(result.error.issues[0]!);
      throw new RuleError(code, `fields.${index}.${path}`, 422, { index, path });
    }
    // An optional limit left out (or sent as null) is absent, not a key holding undefined.
    const field = Object.fromEntries(
      Object.entries(result.data as Record<string, unknown>).filter(([, v]) => v !== undefined),
    ) as unknown as FormField;
    if (seen.has(field.key))
      throw new RuleError('formFieldKeyTaken', `fields.${index}.key`, 422, { index, path: 'key' });
    seen.add(field.key);
    return field;
  });
}
