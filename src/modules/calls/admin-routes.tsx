// The back office's calls under /panel/nabory (staff, after the second factor): the list, a new call
// and changes to one, its staff page with publishing and cancelling, and the form builder — add,
// change, move and remove a field, each change going through setForm (which checks the whole form
// and makes the next version once the call is published or answered). Handlers read the form into
// the service's input, and show a refusal on the field it names.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Localized, localizedFormFields, localizedFromForm } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { errorState, f, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import { readTypedDate, readTypedTime, warsawInstant } from '../../platform/time/warsaw.ts';
import { emptyForm, type FormState } from '../../platform/views/components.tsx';
import { parseDecimal, parsePln } from './answers.ts';
import type { FieldType, FormField } from './form.ts';
import type { CallsServices } from './index.ts';
import { callKinds, tieRules } from './schema.ts';
import { type CallInput, DESCRIPTION_MAX, TITLE_MAX } from './service/input.ts';
import type { CallRow } from './service.ts';
import { ADMIN_PATH, AdminListPage, adminPath, CallStaffPage } from './views/admin.tsx';
import {
  FieldPage,
  fieldPath,
  fieldTypes,
  fieldValues,
  MEGABYTE,
  newFieldPath,
  newFieldValues,
} from './views/admin-fields.tsx';
import { CallFormPage, callFormValues, newCallValues, whoValues } from './views/admin-form.tsx';

const staff = { access: 'staff' as const };
const idParams = routeParams({ id: param.id });
const fieldParams = routeParams({ id: param.id, key: z.string().max(100) });
const newFieldQuery = z.object({ typ: z.enum(fieldTypes), klucz: z.string().trim().max(100).default('') });

// ------------------------------------------------------------------------------ a call's details

const short = () => z.string().trim().max(40).optional();
const callForm = z.object({
  ...localizedFormFields('title', { max: TITLE_MAX }),
  ...localizedFormFields('description', { max: DESCRIPTION_MAX, optional: true }),
  kind: f.choice(callKinds),
  numberPrefix: z.string().trim().max(20).default(''),
  who: f.many(whoValues),
  opensAtDate: short(),
  opensAtTime: short(),
  deadlineAtDate: short(),
  deadlineAtTime: short(),
  resultsAtDate: short(),
  budget: short(),
  places: short(),
  maxAmount: short(),
  subareaIds: z
    .union([z.string().max(100), z.array(z.string().max(100)).max(20)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  contactEmail: f.optionalText(200),
  contactPhone: f.optionalText(40),
  evaluatorsPerApplication: short(),
  dispersionShare: short(),
  consensusGap: short(),
  totalThreshold: short(),
  tieRule: f.choice(tieRules),
  completionDays: short(),
  appealDays: short(),
});
type CallFormData = z.output<typeof callForm>;

/** Reads typed numbers, money and moments, collecting each error on its own input. */
function reader(data: Record<string, unknown>, t: Messages) {
  const errors: Record<string, string> = {};
  const e = t.callsAdmin.errors;
  const raw = (name: string) => (typeof data[name] === 'string' ? (data[name] as string).trim() : '');
  return {
    errors,
    whole(name: string): number | undefined {
      const v = raw(name);
      if (!v) return undefined;
      if (!/^\d{1,7}$/.test(v)) errors[name] = e.wholeNumber;
      return Number(v);
    },
    decimal(name: string): number | undefined {
      const v = raw(name);
      if (!v) return undefined;
      const n = parseDecimal(v);
      if (n === null) errors[name] = e.decimal;
      return n ?? undefined;
    },
    pln(name: string): number | undefined {
      const v = raw(name);
      if (!v) return undefined;
      const n = parsePln(v);
      if (n === null) errors[name] = e.notPln;
      return n ?? undefined;
    },
    /** A Warsaw day and time, `<name>Date` and `<name>Time`; a day alone is at `dayOnly` o'clock. */
    moment(name: string, dayOnly?: string): Date | undefined {
      const day = raw(`${name}Date`);
      const time = raw(`${name}Time`);
      if (!day) {
        errors[`${name}Date`] = time ? e.timeWithoutDate : t.common.errors.required;
        return undefined;
      }
      const date = readTypedDate(day);
      if (!date) errors[`${name}Date`] = e.invalidDate;
      const hour = dayOnly ?? readTypedTime(time);
      if (!hour) errors[`${name}Time`] = time ? e.invalidTime : t.common.errors.required;
      return date && hour ? warsawInstant(date, hour) : undefined;
    },
    raw,
  };
}

/** The service's input from the parsed form, or the errors of what could not be read. */
function callInputOf(
  data: CallFormData,
  t: Messages,
): { ok: true; input: CallInput } | { ok: false; errors: Record<string, string> } {
  const record = data as Record<string, unknown>;
  const r = reader(record, t);
  const opensAt = r.moment('opensAt');
  const deadlineAt = r.moment('deadlineAt');
  // The results are planned for a day: by its end, so the deadline's own day is a day for them.
  const resultsAt = r.raw('resultsAtDate') ? r.moment('resultsAt', '23:59') : null;
  const input = {
    title: localizedFromForm(record, 'title'),
    description: localizedFromForm(record, 'description'),
    kind: data.kind,
    numberPrefix: data.numberPrefix,
    personsMayApply: data.who.includes('persons'),
    organisationKinds: data.who.filter((w) => w !== 'persons'),
    budget: r.pln('budget') ?? null,
    places: r.whole('places') ?? null,
    maxAmount: r.pln('maxAmount') ?? null,
    subareaIds: data.subareaIds,
    contactEmail: data.contactEmail ?? null,
    contactPhone: data.contactPhone ?? null,
    evaluatorsPerApplication: r.whole('evaluatorsPerApplication'),
    // The service takes decimals with a dot, as PostgreSQL does; people here type a comma.
    dispersionShare: r.raw('dispersionShare').replace(',', '.') || undefined,
    consensusGap: r.raw('consensusGap').replace(',', '.') || undefined,
    totalThreshold: r.raw('totalThreshold').replace(',', '.') || null,
    tieRule: data.tieRule,
    completionDays: r.whole('completionDays'),
    appealDays: r.whole('appealDays'),
  };
  if (Object.keys(r.errors).length || !opensAt || !deadlineAt || resultsAt === undefined)
    return { ok: false, errors: r.errors };
  return { ok: true, input: { ...input, opensAt, deadlineAt, resultsAt } };
}

/** The input a refusal of the service belongs to (its field is the input's property). */
function callInputField(field: string): string {
  const [head, rest] = field.split('.');
  if (head === 'title' || head === 'description') return `${head}_${rest ?? 'pl'}`;
  if (head === 'opensAt' || head === 'deadlineAt' || head === 'resultsAt') return `${head}Date`;
  if (head === 'personsMayApply' || head === 'organisationKinds') return 'who';
  return field;
}

// ------------------------------------------------------------------------------ a form's field

const fieldForm = z.object({
  type: z.string().max(40).optional(),
  key: z.string().trim().max(100).default(''),
  ...localizedFormFields('label', { max: 500 }),
  ...localizedFormFields('hint', { max: 2000, optional: true }),
  required: f.checkbox(),
  maxLength: short(),
  min: short(),
  max: short(),
  integer: f.checkbox(),
  amountMax: short(),
  options: z.string().max(100_000).optional(),
  maxChoices: short(),
  accept: f.many(['pdf', 'image']),
  maxMegabytes: short(),
  maxFiles: short(),
  maxRows: short(),
  minOwnShare: short(),
});
type FieldFormData = z.output<typeof fieldForm>;

/**
 * The options typed, one a line: `key | Polish | English | Ukrainian`; a line without a bar is a
 * Polish label, and gets a key no other option has (o1, o2…).
 */
function optionsOf(text: string, errors: Record<string, string>, t: Messages) {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const given = new Set(lines.filter((l) => l.includes('|')).map((l) => l.split('|')[0]!.trim()));
  let n = 0;
  const fresh = () => {
    do n += 1;
    while (given.has(`o${n}`));
    given.add(`o${n}`);
    return `o${n}`;
  };
  return lines.map((line, i) => {
    const parts = line.split('|').map((p) => p.trim());
    const [key, pl, en, uk] = parts.length === 1 ? [fresh(), parts[0]] : parts;
    if (!pl && !errors.options) errors.options = t.callsAdmin.errors.optionLine(i + 1);
    const label: Localized = { pl: pl ?? '', ...(en ? { en } : {}), ...(uk ? { uk } : {}) };
    return { key: key ?? '', label };
  });
}

/**
 * The field as setForm takes it, from its page (checkFormFields checks the rest); `current` is the
 * field as it was, whose file size stays exact when its shown megabytes are sent back unchanged.
 */
function fieldOf(
  type: FieldType,
  data: FieldFormData,
  t: Messages,
  current?: FormField,
): { ok: true; field: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const record = data as Record<string, unknown>;
  const r = reader(record, t);
  const hint = localizedFromForm(record, 'hint');
  const base = {
    type,
    key: data.key,
    label: localizedFromForm(record, 'label'),
    ...(hint.pl || hint.en || hint.uk ? { hint } : {}),
    required: data.required,
  };
  const settings = ((): Record<string, unknown> => {
    switch (type) {
      case 'short_text':
      case 'long_text':
        return { maxLength: r.whole('maxLength') };
      case 'number':
        return { min: r.decimal('min'), max: r.decimal('max'), integer: data.integer };
      case 'amount':
        return { max: r.pln('amountMax') };
      case 'single_choice':
        return { options: optionsOf(data.options ?? '', r.errors, t) };
      case 'multiple_choice':
        return { options: optionsOf(data.options ?? '', r.errors, t), maxChoices: r.whole('maxChoices') };
      case 'file': {
        const mb = r.decimal('maxMegabytes');
        const same = current?.type === 'file' && fieldValues(current).maxMegabytes === data.maxMegabytes;
        return {
          accept: data.accept,
          maxBytes: same ? current.maxBytes : mb === undefined ? undefined : Math.round(mb * MEGABYTE),
          maxFiles: r.whole('maxFiles'),
        };
      }
      case 'budget': {
        const percent = r.decimal('minOwnShare');
        return {
          maxRows: r.whole('maxRows'),
          minOwnShare: percent === undefined ? undefined : percent / 100,
        };
      }
      default:
        return {};
    }
  })();
  if (Object.keys(r.errors).length) return { ok: false, errors: r.errors };
  return { ok: true, field: { ...base, ...settings } };
}

/** The field page's input of a refusal of checkFormFields (`fields.<i>.<path>`) about field `index`. */
function fieldInput(r: Refusal, index: number, type: FieldType): string {
  const m = /^fields\.(\d+)\.([A-Za-z]+)(?:\.(\w+))?/.exec(r.field);
  if (!m || Number(m[1]) !== index) return '_form';
  const [, , head, rest] = m;
  if (head === 'label' || head === 'hint') return `${head}_${rest === 'en' || rest === 'uk' ? rest : 'pl'}`;
  if (head === 'max' && type === 'amount') return 'amountMax';
  if (head === 'maxBytes') return 'maxMegabytes';
  const known = [
    'key',
    'required',
    'maxLength',
    'min',
    'max',
    'integer',
    'options',
    'maxChoices',
    'accept',
    'maxFiles',
    'maxRows',
    'minOwnShare',
  ];
  return known.includes(head!) ? head! : '_form';
}

// ----------------------------------------------------------------------------------- the routes

export async function callsAdminRoutes(fastify: FastifyInstance, { services }: { services: CallsServices }) {
  const app = typed(fastify);
  const { calls: svc } = services;

  app.get(ADMIN_PATH, { config: staff, schema: { hide: true } }, async (request, reply) => {
    const rows = await svc.staffList(signedInContext(request));
    reply.header('cache-control', 'no-store');
    return reply.render(<AdminListPage calls={rows} now={request.context.now} />);
  });

  // -------------------------------------------------------------------- new call, and changes
  async function formPage(reply: FastifyReply, state: FormState, status: number, call?: CallRow) {
    const subareas = await svc.subareas();
    return reply.render(<CallFormPage call={call} state={state} subareas={subareas} />, status);
  }

  /** Parses the call's form and runs `save`; what does not pass is shown again on its input. */
  async function postCallForm(
    request: FastifyRequest,
    reply: FastifyReply,
    save: (input: CallInput) => Promise<CallRow>,
    flash: string,
    call?: CallRow,
  ) {
    const t = request.t;
    const parsed = parseForm(callForm, request.body, t);
    if (!parsed.ok) return formPage(reply, parsed.state, 422, call);
    const read = callInputOf(parsed.data, t);
    if (!read.ok) return formPage(reply, errorState(formValues(request.body), read.errors), 422, call);
    return formAction(
      request,
      () => save(read.input),
      (row) => {
        reply.flash(flash);
        return reply.seeOther(adminPath(row.id));
      },
      (r) =>
        formPage(
          reply,
          errorState(formValues(request.body), { [callInputField(r.field)]: r.message }),
          r.status,
          call,
        ),
    );
  }

  app.get(`${ADMIN_PATH}/nowy`, { config: staff, schema: { hide: true } }, (_request, reply) =>
    formPage(reply, { values: newCallValues, errors: {} }, 200),
  );

  app.post(`${ADMIN_PATH}/nowy`, { config: staff, schema: { hide: true } }, (request, reply) =>
    postCallForm(
      request,
      reply,
      (input) => svc.create(signedInContext(request), input),
      request.t.callsAdmin.flash.created,
    ),
  );

  app.get(
    `${ADMIN_PATH}/:id/edycja`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const call = await svc.get(signedInContext(request), request.params.id);
      return formPage(reply, { values: callFormValues(call), errors: {} }, 200, call);
    },
  );

  app.post(
    `${ADMIN_PATH}/:id/edycja`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const ctx = signedInContext(request);
      const call = await svc.get(ctx, request.params.id);
      return postCallForm(
        request,
        reply,
        (input) => svc.update(ctx, call.id, input),
        request.t.callsAdmin.flash.saved,
        call,
      );
    },
  );

  // ---------------------------------------------------------------------- the call's staff page
  async function staffPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: FormState,
    status = 200,
  ) {
    const ctx = signedInContext(request);
    const call = await svc.get(ctx, id);
    const [counts, form, subareas] = await Promise.all([
      svc.applicationCounts(ctx, call.id),
      svc.formState(ctx, call.id),
      svc.subareas(),
    ]);
    reply.header('cache-control', 'no-store');
    return reply.render(
      <CallStaffPage
        call={call}
        counts={counts}
        form={form}
        subareaNames={subareas.filter((s) => call.subareaIds.includes(s.value)).map((s) => s.label)}
        state={state}
        now={request.context.now}
      />,
      status,
    );
  }

  app.get(
    `${ADMIN_PATH}/:id`,
    { config: staff, schema: { hide: true, params: idParams } },
    (request, reply) => staffPage(request, reply, request.params.id, emptyForm),
  );

  // Published: a refusal (no fields yet, a deadline passed) is a notice on the page.
  app.post(
    `${ADMIN_PATH}/:id/oglos`,
    { config: staff, schema: { hide: true, params: idParams } },
    (request, reply) =>
      formAction(
        request,
        () => svc.publish(signedInContext(request), request.params.id),
        () => {
          reply.flash(request.t.callsAdmin.flash.published);
          return reply.seeOther(adminPath(request.params.id));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(adminPath(request.params.id));
        },
      ),
  );

  const cancelForm = z.object({ reason: z.string().max(5000).default('') });
  app.post(
    `${ADMIN_PATH}/:id/odwolaj`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const { id } = request.params;
      const parsed = cancelForm.safeParse(formValues(request.body));
      const reason = parsed.success ? parsed.data.reason : '';
      return formAction(
        request,
        () => svc.cancel(signedInContext(request), id, reason),
        () => {
          reply.flash(request.t.callsAdmin.flash.cancelled);
          return reply.seeOther(adminPath(id));
        },
        (r) =>
          staffPage(
            request,
            reply,
            id,
            errorState(formValues(request.body), { [r.field === '_form' ? '_form' : 'reason']: r.message }),
            r.status,
          ),
      );
    },
  );

  // ------------------------------------------------------------------------- the form builder
  /** Stores the form as `change` makes it from the current fields, and says which version it is. */
  async function changeForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    change: (fields: FormField[]) => FormField[] | null,
  ) {
    const ctx = signedInContext(request);
    const a = request.t.callsAdmin;
    const before = await svc.formState(ctx, id);
    const fields = change([...before.fields]);
    const back = `${adminPath(id)}#formularz`;
    if (!fields) {
      reply.flash(a.errors.noSuchField, 'notice');
      return reply.seeOther(back);
    }
    return formAction(
      request,
      () => svc.setForm(ctx, id, fields),
      (saved) => {
        reply.flash(
          saved.version > before.version
            ? a.flash.formNewVersion(saved.version)
            : a.flash.formSaved(saved.version),
        );
        return reply.seeOther(back);
      },
      (r) => {
        reply.flash(r.message, 'notice');
        return reply.seeOther(back);
      },
    );
  }

  const move = (key: string, by: number) => (fields: FormField[]) => {
    const i = fields.findIndex((x) => x.key === key);
    const j = i + by;
    if (i < 0 || j < 0 || j >= fields.length) return null;
    [fields[i], fields[j]] = [fields[j]!, fields[i]!];
    return fields;
  };
  for (const [step, by] of [
    ['wyzej', -1],
    ['nizej', 1],
  ] as const)
    app.post(
      `${ADMIN_PATH}/:id/pola/:key/${step}`,
      { config: staff, schema: { hide: true, params: fieldParams } },
      (request, reply) => changeForm(request, reply, request.params.id, move(request.params.key, by)),
    );

  app.post(
    `${ADMIN_PATH}/:id/pola/:key/usun`,
    { config: staff, schema: { hide: true, params: fieldParams } },
    (request, reply) =>
      changeForm(request, reply, request.params.id, (fields) => {
        const kept = fields.filter((x) => x.key !== request.params.key);
        return kept.length < fields.length ? kept : null;
      }),
  );

  /** A field's page: a new one (`key` null) or one of the form's. */
  async function fieldPage(
    reply: FastifyReply,
    call: CallRow,
    type: FieldType,
    key: string | null,
    state: FormState,
    status = 200,
  ) {
    const action = key === null ? newFieldPath(call.id) : fieldPath(call.id, key);
    return reply.render(
      <FieldPage call={call} type={type} isNew={key === null} action={action} state={state} />,
      status,
    );
  }

  /** Saves the field typed at `index` of the form (its length: a new one) through setForm. */
  async function postField(
    request: FastifyRequest,
    reply: FastifyReply,
    call: CallRow,
    type: FieldType,
    key: string | null,
  ) {
    const ctx = signedInContext(request);
    const a = request.t.callsAdmin;
    const again = (errors: Record<string, string>, status: number) =>
      fieldPage(reply, call, type, key, errorState(formValues(request.body), errors), status);
    const parsed = parseForm(fieldForm, request.body, request.t);
    if (!parsed.ok) return fieldPage(reply, call, type, key, parsed.state, 422);
    const before = await svc.formState(ctx, call.id);
    const index = key === null ? before.fields.length : before.fields.findIndex((x) => x.key === key);
    if (index < 0) return again({ _form: a.errors.noSuchField }, 409);
    const read = fieldOf(type, parsed.data, request.t, before.fields[index]);
    if (!read.ok) return again(read.errors, 422);
    const fields: unknown[] = [...before.fields];
    fields[index] = read.field;
    return formAction(
      request,
      () => svc.setForm(ctx, call.id, fields),
      (saved) => {
        reply.flash(
          saved.version > before.version
            ? a.flash.formNewVersion(saved.version)
            : a.flash.formSaved(saved.version),
        );
        return reply.seeOther(`${adminPath(call.id)}#formularz`);
      },
      (r) => again({ [fieldInput(r, index, type)]: r.message }, r.status),
    );
  }

  app.get(
    `${ADMIN_PATH}/:id/nowe-pole`,
    { config: staff, schema: { hide: true, params: idParams, querystring: newFieldQuery } },
    async (request, reply) => {
      const call = await svc.get(signedInContext(request), request.params.id);
      const { typ, klucz } = request.query;
      return fieldPage(reply, call, typ, null, { values: newFieldValues(typ, klucz), errors: {} });
    },
  );

  app.post(
    `${ADMIN_PATH}/:id/nowe-pole`,
    { config: staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const call = await svc.get(signedInContext(request), request.params.id);
      const posted = formValues(request.body).type;
      const type = fieldTypes.find((x) => x === posted);
      if (!type)
        return staffPage(
          request,
          reply,
          call.id,
          { values: {}, errors: { _form: request.t.callsAdmin.errors.unknownType } },
          422,
        );
      return postField(request, reply, call, type, null);
    },
  );

  /** The call and the field of its current form named in the path; 404 when there is none. */
  async function foundField(request: FastifyRequest, id: string, key: string) {
    const ctx = signedInContext(request);
    const call = await svc.get(ctx, id);
    const field = (await svc.formState(ctx, call.id)).fields.find((x) => x.key === key);
    return { call, field };
  }

  app.get(
    `${ADMIN_PATH}/:id/pola/:key`,
    { config: staff, schema: { hide: true, params: fieldParams } },
    async (request, reply) => {
      const { call, field } = await foundField(request, request.params.id, request.params.key);
      if (!field) throw new NotFoundError('field');
      return fieldPage(reply, call, field.type, field.key, {
        values: fieldValues(field),
        errors: {},
      });
    },
  );

  app.post(
    `${ADMIN_PATH}/:id/pola/:key`,
    { config: staff, schema: { hide: true, params: fieldParams } },
    async (request, reply) => {
      const { call, field } = await foundField(request, request.params.id, request.params.key);
      if (!field) throw new NotFoundError('field');
      return postField(request, reply, call, field.type, field.key);
    },
  );
}
