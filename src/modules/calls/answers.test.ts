// The answers to an application form: what the HTML form's body becomes, what is stored, and every
// refusal an applicant can meet (one code per field, where the form shows it), then a property: any
// valid answers to any form, drawn into the form's inputs as a browser would send them back, are read
// and checked to exactly the answers stored, and checking stored answers again changes nothing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RuleError } from '../../platform/http/errors.ts';
import { NOT_ONE_LINE } from '../../platform/http/forms.ts';
import { nipCheckDigit } from '../../platform/validators/polish-ids.ts';
import {
  type AnswerContext,
  type AnswerErrors,
  answerErrorCodes,
  answersFormValues,
  answersFromForm,
  budgetTotals,
  checkFormFields,
  MAX_MONEY,
  parsePln,
  validateAnswers,
} from './answers.ts';
import type { BudgetAnswer, FormField } from './form.ts';

const L = (pl: string) => ({ pl });
const opts = (...keys: string[]) => keys.map((key) => ({ key, label: L(key.toUpperCase()) }));
const SUBAREA = '7b0e9c1e-3a51-4c7e-9f0e-1d2b3c4d5e6f';

const form: FormField[] = [
  { key: 'title', type: 'short_text', label: L('Tytuł'), required: true, maxLength: 12 },
  { key: 'description', type: 'long_text', label: L('Opis'), required: false, maxLength: 20 },
  { key: 'people', type: 'number', label: L('Uczestnicy'), required: false, integer: true, min: 1, max: 100 },
  { key: 'ratio', type: 'number', label: L('Wskaźnik'), required: false, integer: false },
  { key: 'amount', type: 'amount', label: L('Kwota'), required: false, max: 500_000 },
  { key: 'start', type: 'date', label: L('Początek'), required: false },
  { key: 'kind', type: 'single_choice', label: L('Rodzaj'), required: false, options: opts('a', 'b', 'c') },
  {
    key: 'topics',
    type: 'multiple_choice',
    label: L('Tematy'),
    required: false,
    options: opts('x', 'y', 'z'),
    maxChoices: 2,
  },
  { key: 'first', type: 'yes_no', label: L('Pierwszy raz?'), required: true },
  { key: 'area', type: 'subarea', label: L('Podobszar'), required: false },
  { key: 'nip', type: 'nip', label: L('NIP'), required: false },
  { key: 'krs', type: 'krs', label: L('KRS'), required: false },
  {
    key: 'offer',
    type: 'file',
    label: L('Oferta'),
    required: false,
    accept: ['pdf'],
    maxBytes: 1e6,
    maxFiles: 2,
  },
  { key: 'cv', type: 'file', label: L('CV'), required: false, accept: ['pdf'], maxBytes: 1e6, maxFiles: 1 },
  { key: 'rodo', type: 'declaration', label: L('Zgoda RODO'), required: true },
  { key: 'news', type: 'declaration', label: L('Newsletter'), required: false },
];

const ctx: AnswerContext = {
  maxAmount: null,
  subareaIds: [SUBAREA],
  files: [
    { id: 'f-offer-1', fieldKey: 'offer' },
    { id: 'f-offer-2', fieldKey: 'offer' },
    { id: 'f-offer-3', fieldKey: 'offer' },
    { id: 'f-cv-1', fieldKey: 'cv' },
  ],
};

/** Every code a test below met, to show at the end that each one the texts must cover is met. */
const seen = new Set<string>();

function errorsOf(result: ReturnType<typeof validateAnswers>): AnswerErrors {
  assert.equal(result.ok, false, 'expected the answers to be refused');
  if (result.ok) throw new Error('unreachable');
  for (const code of Object.values(result.errors)) seen.add(code);
  return result.errors;
}

function stored(result: ReturnType<typeof validateAnswers>): Record<string, unknown> {
  assert.ok(result.ok, `expected the answers to be accepted: ${JSON.stringify(!result.ok && result.errors)}`);
  return result.answers;
}

/** The form's body (as the HTML form sends it) read and checked as a draft, or in `mode`. */
const sendForm = (
  body: Record<string, unknown>,
  mode: 'draft' | 'submit' = 'draft',
  fields = form,
  c = ctx,
) => validateAnswers(fields, answersFromForm(fields, body), c, mode);

/** One field's error for a single form input `a.<key>` typed as `text`. */
const errorFor = (key: string, text: string | string[]) => errorsOf(sendForm({ [`a.${key}`]: text }))[key];

describe('text answers', () => {
  test('a short text is trimmed; its limit counts characters, not UTF-16 units', () => {
    assert.deepEqual(stored(sendForm({ 'a.title': '  Ala ma kota ' })), { title: 'Ala ma kota' });
    // Twelve emoji are 24 UTF-16 units but twelve characters: within a limit of 12.
    assert.deepEqual(stored(sendForm({ 'a.title': '😀'.repeat(12) })), { title: '😀'.repeat(12) });
    assert.equal(errorFor('title', '😀'.repeat(13)), 'tooLong');
  });

  test('a short text must be one line: no line breaks, tabs or direction marks', () => {
    assert.equal(errorFor('title', 'Ala\nma'), 'oneLine');
    assert.equal(errorFor('title', 'Ala\tma'), 'oneLine');
    assert.equal(errorFor('title', 'Ala\u202ema'), 'oneLine');
  });

  test('a long text keeps its line breaks, written \\n whatever the browser sent', () => {
    assert.deepEqual(stored(sendForm({ 'a.description': ' a\r\nb\rc\n\n ' })), { description: 'a\nb\nc' });
    assert.equal(errorFor('description', 'x'.repeat(21)), 'tooLong');
    // Twenty characters once CRLF is one character each.
    assert.ok(sendForm({ 'a.description': 'abcd\r\n'.repeat(4) }).ok);
  });

  test('text from the API must be a string', () => {
    assert.deepEqual(errorsOf(validateAnswers(form, { title: 42 }, ctx, 'draft')), { title: 'invalid' });
  });
});

describe('numbers and amounts', () => {
  test('a number is read as Poles write it, then held to its field', () => {
    assert.deepEqual(stored(sendForm({ 'a.ratio': '1 250,5', 'a.people': '12' })), {
      ratio: 1250.5,
      people: 12,
    });
    assert.deepEqual(stored(sendForm({ 'a.ratio': '-0,25' })), { ratio: -0.25 });
    assert.equal(errorFor('ratio', '12 osób'), 'notNumber');
    assert.equal(errorFor('people', '2,5'), 'notInteger');
    assert.equal(errorFor('people', '0'), 'belowMin');
    assert.equal(errorFor('people', '101'), 'aboveMax');
  });

  test('an amount in PLN is stored in whole grosze however it is typed', () => {
    for (const [typed, grosze] of [
      ['1 250,50', 125_050],
      ['1250.5', 125_050],
      ['1250', 125_000],
      ['0,29', 29],
      ['1\u00a0250,50 zł', 125_050],
    ] as const)
      assert.deepEqual(stored(sendForm({ 'a.amount': typed })), { amount: grosze }, typed);
  });

  test('an amount with three decimals, a minus or letters is refused, and shown again as typed', () => {
    for (const typed of ['1250,555', '-5', '12a', '1.250,50', ','])
      assert.equal(errorFor('amount', typed), 'notAmount', typed);
    const read = answersFromForm(form, { 'a.amount': '1250,555' });
    assert.deepEqual(answersFormValues(form, read), { 'a.amount': '1250,555' });
    // From the API an amount is whole grosze: a fraction or a string is not one.
    assert.deepEqual(errorsOf(validateAnswers(form, { amount: 10.5 }, ctx, 'draft')), {
      amount: 'notAmount',
    });
    assert.deepEqual(errorsOf(validateAnswers(form, { amount: '100' }, ctx, 'draft')), {
      amount: 'notAmount',
    });
  });

  test("an amount above its field's maximum is refused", () => {
    assert.ok(sendForm({ 'a.amount': '5000' }).ok);
    assert.equal(errorFor('amount', '5000,01'), 'aboveMax');
  });
});

describe('dates, choices and the other short answers', () => {
  test('a date is a real calendar day written YYYY-MM-DD', () => {
    assert.deepEqual(stored(sendForm({ 'a.start': '2028-02-29' })), { start: '2028-02-29' });
    for (const typed of ['2027-02-29', '2027-13-01', '2027-04-31', '29.02.2028', '2027-2-1'])
      assert.equal(errorFor('start', typed), 'notDate', typed);
  });

  test('a single choice names one of its options', () => {
    assert.deepEqual(stored(sendForm({ 'a.kind': 'b' })), { kind: 'b' });
    assert.equal(errorFor('kind', 'd'), 'unknownOption');
    assert.equal(errorFor('kind', ['a', 'b']), 'unknownOption');
  });

  test("a multiple choice is stored once each, in the form's order, within its maximum", () => {
    assert.deepEqual(stored(sendForm({ 'a.topics': ['z', 'x', 'z'] })), { topics: ['x', 'z'] });
    assert.deepEqual(stored(sendForm({ 'a.topics': 'y' })), { topics: ['y'] });
    assert.equal(errorFor('topics', ['x', 'q']), 'unknownOption');
    assert.equal(errorFor('topics', ['x', 'y', 'z']), 'tooManyChoices');
  });

  test('yes or no is stored as true or false', () => {
    assert.deepEqual(stored(sendForm({ 'a.first': 'no' })), { first: false });
    assert.deepEqual(stored(sendForm({ 'a.first': 'yes' })), { first: true });
    assert.equal(errorFor('first', 'maybe'), 'notYesNo');
    assert.deepEqual(errorsOf(validateAnswers(form, { first: 'yes' }, ctx, 'draft')), { first: 'notYesNo' });
  });

  test("a subarea is one of the call's", () => {
    assert.deepEqual(stored(sendForm({ 'a.area': SUBAREA })), { area: SUBAREA });
    assert.equal(errorFor('area', '00000000-0000-4000-8000-000000000000'), 'unknownSubarea');
  });

  test('a NIP and a KRS number are stored as digits; a wrong NIP checksum is refused', () => {
    assert.deepEqual(stored(sendForm({ 'a.nip': 'PL 123-456-32-18', 'a.krs': '0000 123 456' })), {
      nip: '1234563218',
      krs: '0000123456',
    });
    assert.equal(errorFor('nip', '123-456-32-19'), 'invalidNip');
    assert.equal(errorFor('krs', '12345'), 'invalidKrs');
  });

  test("a file answer lists the application's own files for that field, within its maximum", () => {
    assert.deepEqual(
      stored(sendForm({ 'a.offer': ['f-offer-2', 'f-offer-1', 'f-offer-2'], 'a.cv': 'f-cv-1' })),
      {
        offer: ['f-offer-2', 'f-offer-1'],
        cv: ['f-cv-1'],
      },
    );
    assert.equal(errorFor('cv', 'f-offer-1'), 'unknownFile', "another field's file");
    assert.equal(errorFor('offer', 'f-elsewhere'), 'unknownFile');
    assert.equal(errorFor('offer', ['f-offer-1', 'f-offer-2', 'f-offer-3']), 'tooManyFiles');
  });

  test('a declaration is ticked or not answered', () => {
    assert.deepEqual(stored(sendForm({ 'a.news': 'on' })), { news: true });
    assert.deepEqual(stored(validateAnswers(form, { news: false }, ctx, 'draft')), {});
    assert.equal(errorFor('news', 'yes'), 'invalid');
  });
});

describe('draft and submit', () => {
  const complete = { 'a.title': 'Festyn', 'a.first': 'yes', 'a.rodo': 'on' };

  test('a draft may leave anything out, but what it gives must be well-formed', () => {
    assert.deepEqual(stored(sendForm({ 'a.ratio': '2' })), { ratio: 2 });
    assert.deepEqual(stored(sendForm({ 'a.title': '   ', 'a.topics': [''] })), {});
    assert.deepEqual(errorsOf(sendForm({ 'a.ratio': 'dwa' })), { ratio: 'notNumber' });
  });

  test('a submission needs every required answer, and a required declaration ticked', () => {
    assert.deepEqual(errorsOf(sendForm({}, 'submit')), {
      title: 'required',
      first: 'required',
      rodo: 'mustTick',
    });
    assert.deepEqual(errorsOf(sendForm({ ...complete, 'a.rodo': undefined }, 'submit')), {
      rodo: 'mustTick',
    });
    assert.deepEqual(stored(sendForm(complete, 'submit')), { title: 'Festyn', first: true, rodo: true });
  });

  test('every problem is reported, one per field, and nothing is stored', () => {
    assert.deepEqual(errorsOf(sendForm({ 'a.title': 'x\ny', 'a.people': '0', 'a.nip': '1' }, 'submit')), {
      title: 'oneLine',
      people: 'belowMin',
      nip: 'invalidNip',
      first: 'required',
      rodo: 'mustTick',
    });
  });

  test('an answer to a field the form does not have is refused, from the form and the API', () => {
    assert.deepEqual(
      errorsOf(sendForm({ ...complete, 'a.ghost': 'boo', _csrf: 'token', action: 'submit' })),
      {
        ghost: 'unknownField',
      },
    );
    assert.deepEqual(errorsOf(validateAnswers(form, { title: 'Festyn', ghost: 1 }, ctx, 'draft')), {
      ghost: 'unknownField',
    });
    // Even one named like an object's prototype is refused, not lost.
    const sneaky = JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(errorsOf(validateAnswers(form, sneaky, ctx, 'draft'))), ['__proto__']);
  });
});

describe('the budget', () => {
  const budgetForm: FormField[] = [
    { key: 'value', type: 'amount', label: L('Wartość projektu'), required: false },
    { key: 'budget', type: 'budget', label: L('Budżet'), required: true, maxRows: 3, minOwnShare: 0.1 },
  ];
  const send = (body: Record<string, unknown>, c = ctx) => sendForm(body, 'submit', budgetForm, c);
  const json = (budget: unknown, c = ctx) => validateAnswers(budgetForm, { budget }, c, 'submit');

  test('rows are read in order, blank ones dropped, totals computed to the grosz', () => {
    const result = send({
      'a.budget.item.0': ' Farby ',
      'a.budget.quantity.0': '1,5',
      'a.budget.unitPrice.0': '10,00',
      'a.budget.item.1': '',
      'a.budget.quantity.1': '',
      'a.budget.unitPrice.1': '',
      'a.budget.item.7': 'Pędzle',
      'a.budget.quantity.7': '3',
      'a.budget.unitPrice.7': '0,33',
      'a.budget.own': '2,50',
    });
    const budget: BudgetAnswer = {
      rows: [
        { item: 'Farby', quantity: 1.5, unitPrice: 1000 },
        { item: 'Pędzle', quantity: 3, unitPrice: 33 },
      ],
      ownContribution: 250,
    };
    assert.deepEqual(stored(result), { budget });
    assert.deepEqual(budgetTotals(budget), { total: 1599, own: 250, requested: 1349 });
    assert.ok(result.ok && result.amountRequested === 1349);
  });

  test('a row is rounded half up to the grosz: 0,333 × 1,50 zł is 0,50 zł', () => {
    assert.equal(
      budgetTotals({ rows: [{ item: 'a', quantity: 0.33, unitPrice: 150 }], ownContribution: 0 }).total,
      50,
    );
  });

  test('an incomplete row is refused at its cell, numbered as the form shows it again', () => {
    const body = {
      'a.budget.item.0': '',
      'a.budget.quantity.0': '',
      'a.budget.unitPrice.0': '',
      'a.budget.item.1': 'Farby',
      'a.budget.quantity.1': '2',
      'a.budget.unitPrice.1': '',
    };
    assert.deepEqual(errorsOf(send(body)), { 'budget.rows.0.unitPrice': 'budgetRowIncomplete' });
    assert.deepEqual(answersFormValues(budgetForm, answersFromForm(budgetForm, body)), {
      'a.budget.item.0': 'Farby',
      'a.budget.quantity.0': '2',
      'a.budget.unitPrice.0': '',
      'a.budget.own': '0',
    });
  });

  test('a bad quantity, unit price or own contribution is refused where it was typed', () => {
    const row = { 'a.budget.item.0': 'Farby', 'a.budget.quantity.0': '2', 'a.budget.unitPrice.0': '10' };
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.quantity.0': '0' })), {
      'budget.rows.0.quantity': 'budgetQuantity',
    });
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.quantity.0': '1,555' })), {
      'budget.rows.0.quantity': 'budgetQuantity',
    });
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.quantity.0': 'dwa' })), {
      'budget.rows.0.quantity': 'notNumber',
    });
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.unitPrice.0': '10,001' })), {
      'budget.rows.0.unitPrice': 'notAmount',
    });
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.item.0': 'Far\nby' })), {
      'budget.rows.0.item': 'oneLine',
    });
    assert.deepEqual(errorsOf(send({ ...row, 'a.budget.own': 'dużo' })), {
      'budget.ownContribution': 'notAmount',
    });
    // The typed own contribution is shown again as typed.
    const read = answersFromForm(budgetForm, { ...row, 'a.budget.own': 'dużo' });
    assert.equal(answersFormValues(budgetForm, read)['a.budget.own'], 'dużo');
  });

  test('more rows than the form allows are refused', () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ item: `r${i}`, quantity: 1, unitPrice: 100 }));
    assert.deepEqual(errorsOf(json({ rows, ownContribution: 100 })), { budget: 'budgetTooManyRows' });
  });

  test('the own contribution must be at least its share of the total, and no more than the total', () => {
    const rows = [{ item: 'Sala', quantity: 1, unitPrice: 100_000 }];
    assert.ok(json({ rows, ownContribution: 10_000 }).ok, 'exactly 10%');
    assert.deepEqual(errorsOf(json({ rows, ownContribution: 9_999 })), { budget: 'budgetOwnShareTooLow' });
    assert.deepEqual(errorsOf(json({ rows, ownContribution: 100_001 })), {
      'budget.ownContribution': 'budgetOwnAboveTotal',
    });
  });

  test("a total the client sent must be the rows' total; it is not stored", () => {
    const rows = [
      { item: 'Sala', quantity: 2, unitPrice: 30_000 },
      { item: 'Catering', quantity: 1.5, unitPrice: 10_000 },
    ];
    assert.deepEqual(errorsOf(json({ rows, ownContribution: 10_000, total: 70_000 })), {
      budget: 'budgetTotalMismatch',
    });
    assert.deepEqual(stored(json({ rows, ownContribution: 10_000, total: 75_000 })), {
      budget: { rows, ownContribution: 10_000 },
    });
  });

  test('a budget beyond any sum of money is refused', () => {
    const rows = Array.from({ length: 2 }, () => ({
      item: 'x',
      quantity: 1_000_000,
      unitPrice: MAX_MONEY / 1e6,
    }));
    assert.deepEqual(errorsOf(json({ rows, ownContribution: MAX_MONEY })), { budget: 'budgetTooLarge' });
  });

  test('a malformed budget from the API is refused as a whole or at its row', () => {
    assert.deepEqual(errorsOf(json([1, 2])), { budget: 'invalid' });
    assert.deepEqual(errorsOf(json({ rows: [], ownContribution: 0, requested: 5 })), { budget: 'invalid' });
    assert.deepEqual(errorsOf(json({ rows: ['Sala'] })), { 'budget.rows.0': 'invalid' });
  });

  test('the amount requested is the budget less the own contribution, held to the call maximum', () => {
    const rows = [{ item: 'Sala', quantity: 1, unitPrice: 100_000 }];
    const c = { ...ctx, maxAmount: 80_000 };
    const ok = json({ rows, ownContribution: 20_000 }, c);
    assert.ok(ok.ok && ok.amountRequested === 80_000);
    assert.deepEqual(errorsOf(json({ rows, ownContribution: 19_999 }, c)), { budget: 'aboveMaxAmount' });
    // The amount field does not count when the form has a budget.
    const both = validateAnswers(
      budgetForm,
      { value: 900_000, budget: { rows, ownContribution: 20_000 } },
      c,
      'submit',
    );
    assert.ok(both.ok && both.amountRequested === 80_000);
  });

  test('without a budget, the first amount is the amount requested', () => {
    const c = { ...ctx, maxAmount: 300_000 };
    const ok = sendForm({ 'a.amount': '3000' }, 'draft', form, c);
    assert.ok(ok.ok && ok.amountRequested === 300_000);
    assert.deepEqual(errorsOf(sendForm({ 'a.amount': '3000,01' }, 'draft', form, c)), {
      amount: 'aboveMaxAmount',
    });
    const none = sendForm({}, 'draft', form, c);
    assert.ok(none.ok && none.amountRequested === null);
  });

  test('a required budget left empty is missing', () => {
    assert.deepEqual(errorsOf(send({ 'a.budget.own': '' })), { budget: 'required' });
  });
});

describe("staff's form definition", () => {
  const refusal = (raw: unknown) => {
    try {
      checkFormFields(raw);
    } catch (e) {
      assert.ok(e instanceof RuleError);
      return { code: e.code, field: e.field };
    }
    assert.fail('expected the form to be refused');
  };
  const short = { key: 'title', type: 'short_text', label: { pl: 'Tytuł' }, required: true, maxLength: 100 };

  test('is normalised: labels trimmed, blank hints and translations and null limits dropped', () => {
    const fields = checkFormFields([
      { ...short, label: { pl: ' Tytuł ', en: ' ' }, hint: { pl: '', en: '', uk: '' } },
      { key: 'n', type: 'number', label: { pl: 'Liczba' }, min: null, max: 5 },
    ]);
    assert.deepEqual(fields, [
      { key: 'title', label: { pl: 'Tytuł' }, required: true, type: 'short_text', maxLength: 100 },
      { key: 'n', label: { pl: 'Liczba' }, required: false, type: 'number', max: 5, integer: false },
    ]);
  });

  test('names the field and the problem it refuses', () => {
    assert.deepEqual(refusal([]), { code: 'formFieldsCount', field: 'fields' });
    assert.deepEqual(refusal(Array.from({ length: 101 }, (_, i) => ({ ...short, key: `f${i}` }))), {
      code: 'formFieldsCount',
      field: 'fields',
    });
    assert.deepEqual(refusal([short, { ...short, type: 'colour' }]), {
      code: 'formFieldType',
      field: 'fields.1.type',
    });
    assert.deepEqual(refusal([{ ...short, key: 'Title' }]), { code: 'formFieldKey', field: 'fields.0.key' });
    assert.deepEqual(refusal([{ ...short, key: 'a'.repeat(41) }]), {
      code: 'formFieldKey',
      field: 'fields.0.key',
    });
    assert.deepEqual(refusal([short, short]), { code: 'formFieldKeyTaken', field: 'fields.1.key' });
    assert.deepEqual(refusal([{ ...short, label: { pl: '  ', en: 'Title' } }]), {
      code: 'formFieldLabel',
      field: 'fields.0.label.pl',
    });
    assert.deepEqual(refusal([{ ...short, maxLength: 20_001 }]), {
      code: 'formFieldInvalid',
      field: 'fields.0.maxLength',
    });
    assert.deepEqual(refusal([{ ...short, maxlength: 5 }]), {
      code: 'formFieldUnknownProperty',
      field: 'fields.0.maxlength',
    });
    assert.deepEqual(refusal([{ key: 'n', type: 'number', label: L('N'), min: 5, max: 1 }]), {
      code: 'formFieldMinAboveMax',
      field: 'fields.0.max',
    });
    const file = { key: 'f', type: 'file', label: L('F'), accept: ['pdf'], maxBytes: 1000, maxFiles: 1 };
    assert.equal(refusal([{ ...file, maxBytes: 20 * 1024 * 1024 + 1 }]).field, 'fields.0.maxBytes');
    assert.equal(refusal([{ ...file, maxFiles: 11 }]).field, 'fields.0.maxFiles');
    assert.equal(refusal([{ ...file, accept: ['exe'] }]).field, 'fields.0.accept.0');
    assert.equal(
      refusal([{ key: 'b', type: 'budget', label: L('B'), maxRows: 101 }]).field,
      'fields.0.maxRows',
    );
    assert.equal(
      refusal([{ key: 'b', type: 'budget', label: L('B'), maxRows: 5, minOwnShare: 1.5 }]).field,
      'fields.0.minOwnShare',
    );
    const choice = { key: 'c', type: 'multiple_choice', label: L('C'), options: opts('a', 'b') };
    assert.deepEqual(refusal([{ ...choice, options: opts('a', 'a') }]), {
      code: 'formOptionKeyTaken',
      field: 'fields.0.options',
    });
    assert.equal(refusal([{ ...choice, options: [] }]).field, 'fields.0.options');
    assert.equal(
      refusal([{ ...choice, options: opts(...Array.from({ length: 51 }, (_, i) => `o${i}`)) }]).field,
      'fields.0.options',
    );
    assert.equal(refusal([{ ...choice, maxChoices: 3 }]).field, 'fields.0.maxChoices');
    assert.deepEqual(refusal([{ ...choice, options: [{ key: 'a', label: { pl: '' } }] }]), {
      code: 'formFieldLabel',
      field: 'fields.0.options.0.label.pl',
    });
  });
});

test('every error code validateAnswers can return was met above', () => {
  assert.deepEqual(
    answerErrorCodes.filter((c) => !seen.has(c)),
    [],
  );
  assert.deepEqual(
    [...seen].filter((c) => !answerErrorCodes.includes(c as never)),
    [],
  );
});

// ---------------------------------------------------------------------------------------------
// The property: any valid answers survive the HTML form's round trip and a second check unchanged.

const KEYS = fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/);
const label = fc
  .string({ minLength: 1, maxLength: 8 })
  .filter((s) => s.trim() === s && s !== '')
  .map(L);
const optionsArb = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/), { minLength: 1, maxLength: 5 })
  .map((keys) => opts(...keys));
const numberBound = fc.option(
  fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  { nil: undefined },
);

/** A field of any type, in the shape checkFormFields gives back (no undefined limits). */
function fieldArb(key: string): fc.Arbitrary<FormField> {
  const base = fc.record({ key: fc.constant(key), label, required: fc.boolean() });
  const dropUndefined = <T extends object>(f: T) =>
    Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as T;
  const textLength = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(20_000));
  return fc.oneof(
    fc
      .record({ b: base, maxLength: textLength })
      .map(({ b, maxLength }) => ({ ...b, type: 'short_text' as const, maxLength })),
    fc
      .record({ b: base, maxLength: textLength })
      .map(({ b, maxLength }) => ({ ...b, type: 'long_text' as const, maxLength })),
    fc
      .record({ b: base, x: numberBound, y: numberBound, integer: fc.boolean() })
      .map(({ b, x, y, integer }) => {
        const [min, max] = x !== undefined && y !== undefined && x > y ? [y, x] : [x, y];
        return dropUndefined({
          ...b,
          type: 'number' as const,
          min: integer && min !== undefined ? Math.ceil(min) : min,
          max: integer && max !== undefined ? Math.floor(max) : max,
          integer,
        });
      })
      .filter((f) => f.min === undefined || f.max === undefined || f.min <= f.max),
    fc
      .record({ b: base, max: fc.option(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { nil: undefined }) })
      .map(({ b, max }) => dropUndefined({ ...b, type: 'amount' as const, max })),
    base.map((b) => ({ ...b, type: 'date' as const })),
    fc
      .record({ b: base, options: optionsArb })
      .map(({ b, options }) => ({ ...b, type: 'single_choice' as const, options })),
    fc
      .record({
        b: base,
        options: optionsArb,
        m: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      })
      .map(({ b, options, m }) =>
        dropUndefined({
          ...b,
          type: 'multiple_choice' as const,
          options,
          maxChoices: m === undefined ? undefined : Math.min(m, options.length),
        }),
      ),
    base.map((b) => ({ ...b, type: 'yes_no' as const })),
    fc.record({ b: base, maxFiles: fc.integer({ min: 1, max: 10 }) }).map(({ b, maxFiles }) => ({
      ...b,
      type: 'file' as const,
      accept: ['pdf' as const],
      maxBytes: 1000,
      maxFiles,
    })),
    fc
      .record({
        b: base,
        maxRows: fc.integer({ min: 1, max: 4 }),
        share: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      })
      .map(({ b, maxRows, share }) =>
        dropUndefined({
          ...b,
          type: 'budget' as const,
          maxRows,
          minOwnShare: share === undefined ? undefined : share / 100,
        }),
      ),
    base.map((b) => ({ ...b, type: 'subarea' as const })),
    base.map((b) => ({ ...b, type: 'nip' as const })),
    base.map((b) => ({ ...b, type: 'krs' as const })),
    base.map((b) => ({ ...b, type: 'declaration' as const })),
  );
}

const formArb = fc
  .uniqueArray(KEYS, { minLength: 1, maxLength: 8 })
  .chain((keys) => fc.tuple(...keys.map(fieldArb)));

const SUBAREAS = [SUBAREA, 'a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'];
const filesOf = (key: string) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `${key}-file-${i}`);
const contextOf = (fields: readonly FormField[]): AnswerContext => ({
  maxAmount: null,
  subareaIds: SUBAREAS,
  files: fields
    .filter((f) => f.type === 'file')
    .flatMap((f) => filesOf(f.key).map((id) => ({ id, fieldKey: f.key }))),
});

/** Some text: every kind of character, cut to the limit once what may not be in it is taken out. */
function textArb(maxLength: number, oneLine: boolean): fc.Arbitrary<string> {
  const chars = fc.string({
    unit: fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.constantFrom(' ', '\n', '\r\n', '\r', '\t', 'ą', '😀'),
    ),
    minLength: 1,
    maxLength: Math.min(maxLength, 30) + 4,
  });
  return fc.tuple(chars, fc.constantFrom('', ' ', ' \n ')).map(([s, pad]) => {
    let t = s.replace(/\r\n?/g, '\n');
    if (oneLine) t = [...t].filter((c) => !NOT_ONE_LINE.test(c)).join('');
    t = [...t.trim()].slice(0, maxLength).join('').trim() || 'x';
    return oneLine ? ` ${t} ` : `${pad}${t.replace(/\n/g, '\r\n')}${pad}`;
  });
}

const nipArb = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .filter((d) => nipCheckDigit(d) !== null)
  .chain((d) =>
    fc.constantFrom(
      `${d.join('')}${nipCheckDigit(d)}`,
      `PL ${d.slice(0, 3).join('')}-${d.slice(3, 6).join('')}-${d.slice(6).join('')}${nipCheckDigit(d)}`,
    ),
  );

function budgetArb(field: Extract<FormField, { type: 'budget' }>): fc.Arbitrary<unknown> {
  const row = fc.record({
    item: textArb(200, true),
    quantity: fc.integer({ min: 1, max: 1_000_000 }).map((k) => k / 100),
    unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
  });
  return fc
    .tuple(fc.array(row, { minLength: 1, maxLength: field.maxRows }), fc.boolean())
    .chain(([rows, sendTotal]) => {
      const total = rows.reduce(
        (sum, r) => sum + (BigInt(Math.round(r.quantity * 100)) * BigInt(r.unitPrice) + 50n) / 100n,
        0n,
      );
      const share = BigInt(Math.round((field.minOwnShare ?? 0) * 100));
      const leastOwn = (share * total + 99n) / 100n;
      return fc.bigInt({ min: leastOwn, max: total }).map((own) => ({
        rows,
        ownContribution: Number(own),
        ...(sendTotal ? { total: Number(total) } : {}),
      }));
    });
}

/** A valid answer to the field as a client may send it (untrimmed text, a NIP with dashes…). */
function answerArb(field: FormField): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'short_text':
      return textArb(field.maxLength, true);
    case 'long_text':
      return textArb(field.maxLength, false);
    case 'number': {
      const { min = -1e12, max = 1e12 } = field;
      // The limits themselves are valid answers, and so is minus zero (stored as 0).
      const edges = fc.constantFrom(...[min, max, -0].filter((n) => n >= min && n <= max));
      return field.integer
        ? fc.oneof(edges, fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) }))
        : fc.oneof(
            edges,
            fc.double({ min, max, noNaN: true }),
            ...(field.min === undefined && field.max === undefined
              ? [fc.double({ noNaN: true, noDefaultInfinity: true })]
              : []),
          );
    }
    case 'amount':
      return fc.oneof(
        fc.integer({ min: 0, max: field.max ?? 2 ** 31 - 1 }),
        fc.constant(field.max ?? MAX_MONEY),
      );
    case 'date':
      return fc
        .date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'single_choice':
      return fc.constantFrom(...field.options.map((o) => o.key));
    case 'multiple_choice':
      return fc.shuffledSubarray(
        field.options.map((o) => o.key),
        { minLength: 1, maxLength: field.maxChoices ?? field.options.length },
      );
    case 'yes_no':
      return fc.boolean();
    case 'file':
      return fc.shuffledSubarray(filesOf(field.key), { minLength: 1, maxLength: field.maxFiles });
    case 'budget':
      return budgetArb(field);
    case 'subarea':
      return fc.constantFrom(...SUBAREAS);
    case 'nip':
      return nipArb;
    case 'krs':
      return fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 })
        .map((d) => `${d.slice(0, 4).join('')} ${d.slice(4).join('')}`);
    case 'declaration':
      return fc.constant(true);
  }
}

/** A form and valid answers to it: every required one given, the others perhaps. */
const formAndAnswers = formArb.chain((fields) =>
  fc
    .tuple(...fields.map((f) => (f.required ? answerArb(f) : fc.option(answerArb(f), { nil: undefined }))))
    .map((values) => {
      const answers: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        if (values[i] !== undefined) answers[f.key] = values[i];
      });
      return { fields: fields as FormField[], answers };
    }),
);

/**
 * The form's inputs as a browser sends them back: line breaks as CRLF, one value of a repeated
 * name as a string, blank inputs for what was not answered, a spare blank budget row, the token.
 */
function asBrowserSends(
  fields: readonly FormField[],
  values: Record<string, string | string[]>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { _csrf: 'token' };
  for (const [name, v] of Object.entries(values))
    body[name] = Array.isArray(v) ? (v.length === 1 ? v[0] : v) : v.replace(/\r?\n/g, '\r\n');
  for (const f of fields) {
    const name = `a.${f.key}`;
    if (f.type === 'budget') {
      const spare = Object.keys(body).filter((n) => n.startsWith(`${name}.item.`)).length + 2;
      for (const c of ['item', 'quantity', 'unitPrice']) body[`${name}.${c}.${spare}`] = '';
      body[`${name}.own`] ??= '';
    } else if (!['multiple_choice', 'file', 'declaration', 'yes_no', 'single_choice'].includes(f.type))
      body[name] ??= '';
  }
  return body;
}

test('property: valid answers survive the HTML form and a second check unchanged', () => {
  fc.assert(
    fc.property(formAndAnswers, ({ fields, answers }) => {
      assert.deepEqual(checkFormFields(fields), fields, 'the generated form is one staff could make');
      const c = contextOf(fields);
      const first = validateAnswers(fields, answers, c, 'submit');
      const normalised = stored(first);
      const again = validateAnswers(fields, normalised, c, 'submit');
      assert.deepEqual(again, first, 'checking stored answers again changes nothing');
      const body = asBrowserSends(fields, answersFormValues(fields, normalised));
      const fromForm = validateAnswers(fields, answersFromForm(fields, body), c, 'submit');
      assert.deepEqual(fromForm, first, 'the answers read back from the form are the stored ones');
    }),
    { numRuns: 400 },
  );
});

test('property: parsePln reads back every amount the form writes, Polish grouping included', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.constantFrom('', ' ', '\u00a0'),
      (grosze, space) => {
        const whole = String(Math.floor(grosze / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, space);
        const text = `${whole},${String(grosze % 100).padStart(2, '0')}`;
        assert.equal(parsePln(text), grosze, text);
      },
    ),
  );
});
