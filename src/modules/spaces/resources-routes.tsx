// Staff pages for bookable resources under /panel/przestrzenie, and the public address of their
// photos. Handlers parse the form, call the service and redirect (post → redirect → get); a form
// that does not pass is shown again with what was typed and the errors linked to the fields.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RuleError } from '../../platform/http/errors.ts';
import { errorState, f, formValues, parseForm } from '../../platform/http/forms.ts';
import type { Actor } from '../../platform/http/web.ts';
import type { Messages } from '../../platform/i18n/index.ts';
import { polishHolidays } from '../../platform/time/holidays.ts';
import { addDays, todayInWarsaw } from '../../platform/time/warsaw.ts';
import type { FormState } from '../../platform/views/components.tsx';
import type { SpacesServices } from './index.ts';
import {
  type LayoutInput,
  LIMITS,
  type OverrideTarget,
  overrideOrganisationKinds,
  type ResourceDetail,
  type ResourceInput,
  type StaffActor,
} from './resources.ts';
import { bookingRulesSchema, openingDaySchema, ruleOverrideSchema } from './rules.ts';
import type { BookingRules, OpeningHours } from './schema.ts';
import { resourceKinds } from './schema.ts';
import { ClosuresPage, DesksPage, PhotosPage } from './views/resource-extras.tsx';
import {
  HoursPage,
  nullableRuleFields,
  numberRuleFields,
  OverridePage,
  RulesPage,
} from './views/resource-settings.tsx';
import {
  EditResourcePage,
  MAX_LAYOUT_ROWS,
  NewResourcePage,
  PANEL_BASE,
  ResourceListPage,
  resourceValues,
  sectionHref,
} from './views/resources.tsx';

// ------------------------------------------------------------------------------- form builders

/** A required whole number typed into a text box ("-5", "3.5", "abc" and 10,000 digits refused). */
const whole = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(7, { error: 'wholeNumber' })
    .regex(/^\d+$/, { error: 'wholeNumber' })
    .transform(Number);
/** An optional whole number: empty means "not given". */
const optionalWhole = () =>
  z
    .string()
    .trim()
    .max(7, { error: 'wholeNumber' })
    .regex(/^\d*$/, { error: 'wholeNumber' })
    .optional()
    .transform((v) => (v ? Number(v) : undefined));
/** Optional free text kept as '' when empty. */
const longText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? '');

const layoutFields = Object.fromEntries(
  Array.from({ length: MAX_LAYOUT_ROWS }, (_, i) => i + 1).flatMap((n) => [
    [`layout${n}Key`, f.optionalText(100)],
    [`layout${n}Name`, f.optionalText(LIMITS.layoutName)],
    [`layout${n}Capacity`, optionalWhole()],
  ]),
) as Record<string, z.ZodType<string | number | undefined>>;

const resourceFields = {
  zoneId: f.text(100),
  name: f.text(LIMITS.name),
  slug: f.optionalText(LIMITS.slug),
  description: longText(LIMITS.description),
  capacity: whole(),
  equipment: longText(LIMITS.equipmentItems * (LIMITS.equipmentItem + 2)),
  accessibility: longText(LIMITS.accessibility),
  ...layoutFields,
};
const newResourceForm = z.object({ ...resourceFields, kind: f.choice(resourceKinds) });
const editResourceForm = z.object(resourceFields);

const hoursForm = z.object(
  Object.fromEntries(
    Array.from({ length: 7 }, (_, i) => [
      [`closed${i}`, f.checkbox()],
      [`open${i}`, f.optionalText(20)],
      [`close${i}`, f.optionalText(20)],
    ]).flat(),
  ),
);

const rulesForm = z.object({
  ...Object.fromEntries(numberRuleFields.map((k) => [k, whole()])),
  approval: f.checkbox(),
  ...Object.fromEntries(nullableRuleFields.map((k) => [k, optionalWhole()])),
});

function overrideForm(prefix: '' | 'o_') {
  return z.object({
    [`${prefix}target`]: f.text(200),
    ...Object.fromEntries(numberRuleFields.map((k) => [`${prefix}${k}`, optionalWhole()])),
    [`${prefix}approval`]: z.enum(['', 'yes', 'no'], { error: 'invalidChoice' }).optional(),
    ...Object.fromEntries(nullableRuleFields.map((k) => [`${prefix}${k}`, optionalWhole()])),
    ...Object.fromEntries(nullableRuleFields.map((k) => [`${prefix}${k}None`, f.checkbox()])),
  });
}

const closureForm = z.object({
  from: f.text(20),
  to: f.text(20),
  reason: f.text(LIMITS.closureReason),
  scope: f.choice(['this', 'all'] as const),
});

const activeForm = z.object({ active: f.choice(['yes', 'no'] as const) });
const moveForm = z.object({ direction: f.choice(['up', 'down'] as const) });
const emptyForm = z.object({});

const idParams = z.object({ id: z.string().max(100) });
const overrideParams = z.object({ id: z.string().max(100), overrideId: z.string().max(100) });
const closureParams = z.object({ id: z.string().max(100), closureId: z.string().max(100) });
const photoParams = z.object({ id: z.string().max(100), photo: z.string().max(100) });
const fileParams = z.object({ file: z.string().max(100) });

// ------------------------------------------------------------------------------------ messages

/** The catalogue's plain messages, for zod issues whose message is one of their keys. */
function extraMessages(t: Messages): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t.spacesPanel.errors).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The message for a rule the service refused. */
export function ruleMessage(t: Messages, err: RuleError): string {
  const e = t.spacesPanel.errors;
  const d = err.details;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  switch (err.code) {
    case 'slugTaken':
      return e.slugTaken(String(d.slug ?? ''));
    case 'desksFixed':
      return e.desksFixed(list(d.desks).join(', '), list(d.agreements).join(', '));
    case 'deskDaysBooked': {
      const days = list(d.days);
      return e.deskDaysBooked(days.length > 5 ? `${days.slice(0, 5).join(', ')}…` : days.join(', '));
    }
    case 'layoutOverCapacity':
      return e.layoutOverCapacity(Number(d.capacity));
    case 'closureTooLong':
      return e.closureTooLong(Number(d.days));
    case 'tooManyPhotos':
      return e.tooManyPhotos(Number(d.max));
    case 'fileTooLarge':
      return e.fileTooLarge(Math.floor(LIMITS.photoBytes / (1024 * 1024)));
    case 'required':
      return err.field === 'photo' ? e.photoRequired : t.common.errors.required;
  }
  const own = (e as Record<string, unknown>)[err.code];
  if (typeof own === 'string') return own;
  const common = (t.common.errors as Record<string, unknown>)[err.code];
  if (typeof common === 'string') return common;
  return t.common.errors.invalid;
}

/** Messages for the issues of a domain schema (rules.ts), each on the form field it names. */
function domainErrors(
  issues: z.core.$ZodIssue[],
  t: Messages,
  fieldOf: (path: PropertyKey[]) => string,
): Record<string, string> {
  const e = t.spacesPanel.errors;
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (out[field]) continue;
    const named = (e as Record<string, unknown>)[issue.message];
    out[field] =
      typeof named === 'string'
        ? named
        : issue.code === 'too_small' && issue.origin === 'number'
          ? e.atLeast(Number(issue.minimum))
          : issue.code === 'too_big' && issue.origin === 'number'
            ? e.atMost(Number(issue.maximum))
            : t.common.errors.invalid;
  }
  return out;
}

const isRuleError = (err: unknown): err is RuleError => err instanceof RuleError;

// -------------------------------------------------------------------------------------- routes

export async function resourcesRoutes(app: FastifyInstance, { services }: { services: SpacesServices }) {
  const { config, clock } = app.klaster;
  const svc = services.resources;
  const photoLimit = Math.min(LIMITS.photoBytes, config.uploadLimit);
  const staff = { config: { access: 'staff' as const } };
  const actorOf = (request: FastifyRequest): StaffActor => ({
    ...(request.actor as Actor),
    requestId: String(request.id),
  });
  const paramsOf = <T,>(request: FastifyRequest) => request.params as T;

  /** Layouts from the form's rows; a half-filled row is an error on its empty field. */
  function layoutsOf(
    data: Record<string, unknown>,
    errors: Record<string, string>,
    t: Messages,
  ): LayoutInput[] {
    const layouts: LayoutInput[] = [];
    for (let n = 1; n <= MAX_LAYOUT_ROWS; n++) {
      const name = data[`layout${n}Name`] as string | undefined;
      const capacity = data[`layout${n}Capacity`] as number | undefined;
      if (name === undefined && capacity === undefined) continue;
      if (name === undefined) errors[`layout${n}Name`] = t.spacesPanel.errors.layoutIncomplete;
      else if (capacity === undefined) errors[`layout${n}Capacity`] = t.spacesPanel.errors.layoutIncomplete;
      else if (capacity < 1) errors[`layout${n}Capacity`] = t.spacesPanel.errors.atLeast(1);
      else layouts.push({ key: data[`layout${n}Key`] as string | undefined, name, capacity });
    }
    return layouts;
  }

  function resourceInput(data: Record<string, unknown>, layouts: LayoutInput[]): Omit<ResourceInput, 'kind'> {
    return {
      zoneId: data.zoneId as string,
      name: data.name as string,
      slug: data.slug as string | undefined,
      description: data.description as string,
      capacity: data.capacity as number,
      equipment: String(data.equipment ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
      accessibility: data.accessibility as string,
      layouts,
    };
  }

  // ------------------------------------------------------------------------------- list, create
  app.get(PANEL_BASE, { ...staff, schema: { hide: true } }, async (request, reply) =>
    reply.render(<ResourceListPage groups={await svc.list(actorOf(request))} />),
  );

  app.get(`${PANEL_BASE}/nowy`, { ...staff, schema: { hide: true } }, async (_request, reply) =>
    reply.render(<NewResourcePage state={{ values: {}, errors: {} }} zones={await svc.zoneOptions()} />),
  );

  app.post(`${PANEL_BASE}/nowy`, { ...staff, schema: { hide: true } }, async (request, reply) => {
    const t = request.t;
    const zones = await svc.zoneOptions();
    const again = (state: FormState, status: number) =>
      reply.render(<NewResourcePage state={state} zones={zones} />, status);
    const parsed = parseForm(newResourceForm, request.body, t, extraMessages(t));
    if (!parsed.ok) return again(parsed.state, 422);
    const errors: Record<string, string> = {};
    const layouts = layoutsOf(parsed.data, errors, t);
    if (Object.keys(errors).length) return again(errorState(formValues(request.body), errors), 422);
    try {
      const input = { ...resourceInput(parsed.data, layouts), kind: parsed.data.kind };
      const { id } = await svc.create(actorOf(request), input);
      reply.flash(t.spacesPanel.flash.created(input.name));
      return reply.seeOther(`${PANEL_BASE}/${id}`);
    } catch (err) {
      if (!isRuleError(err)) throw err;
      return again(
        errorState(formValues(request.body), { [err.field ?? '_form']: ruleMessage(t, err) }),
        err.status,
      );
    }
  });

  // ----------------------------------------------------------------------- details and status
  async function renderDetails(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    state: FormState,
    status = 200,
  ) {
    const actor = actorOf(request);
    const [zones, future] = await Promise.all([svc.zoneOptions(), svc.futureBookings(actor, resource.id)]);
    return reply.render(
      <EditResourcePage resource={resource} state={state} zones={zones} future={future} />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return renderDetails(request, reply, resource, { values: resourceValues(resource), errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const parsed = parseForm(editResourceForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderDetails(request, reply, resource, parsed.state, 422);
      const errors: Record<string, string> = {};
      const layouts = layoutsOf(parsed.data, errors, t);
      if (Object.keys(errors).length)
        return renderDetails(request, reply, resource, errorState(formValues(request.body), errors), 422);
      try {
        await svc.update(actor, resource.id, resourceInput(parsed.data, layouts));
      } catch (err) {
        if (!isRuleError(err)) throw err;
        const state = errorState(formValues(request.body), { [err.field ?? '_form']: ruleMessage(t, err) });
        return renderDetails(request, reply, resource, state, err.status);
      }
      reply.flash(t.spacesPanel.flash.saved);
      return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/aktywnosc`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const parsed = parseForm(activeForm, request.body, t);
      if (!parsed.ok)
        return renderDetails(
          request,
          reply,
          resource,
          {
            values: resourceValues(resource),
            errors: { _form: Object.values(parsed.state.errors)[0] ?? '' },
          },
          422,
        );
      const active = parsed.data.active === 'yes';
      await svc.setActive(actor, resource.id, active);
      reply.flash(active ? t.spacesPanel.flash.activated : t.spacesPanel.flash.deactivated);
      return reply.seeOther(`${PANEL_BASE}/${resource.id}`);
    },
  );

  // ---------------------------------------------------------------------------- opening hours
  function hoursValues(hours: OpeningHours): FormState['values'] {
    const values: FormState['values'] = {};
    hours.forEach((d, i) => {
      if (d === null) values[`closed${i}`] = 'on';
      values[`open${i}`] = d?.open ?? '';
      values[`close${i}`] = d?.close ?? '';
    });
    return values;
  }

  app.get(
    `${PANEL_BASE}/:id/godziny`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return reply.render(
        <HoursPage resource={resource} state={{ values: hoursValues(resource.openingHours), errors: {} }} />,
      );
    },
  );

  app.post(
    `${PANEL_BASE}/:id/godziny`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const again = (state: FormState, status: number) =>
        reply.render(<HoursPage resource={resource} state={state} />, status);
      const parsed = parseForm(hoursForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return again(parsed.state, 422);
      const data = parsed.data as Record<string, string | boolean | undefined>;
      const errors: Record<string, string> = {};
      // "8:00" is read as "08:00".
      const time = (v: unknown) =>
        typeof v === 'string' && /^\d:\d\d$/.test(v) ? `0${v}` : (v as string | undefined);
      const hours: OpeningHours = [];
      for (let i = 0; i < 7; i++) {
        if (data[`closed${i}`]) {
          hours.push(null);
          continue;
        }
        const open = time(data[`open${i}`]);
        const close = time(data[`close${i}`]);
        if (!open) errors[`open${i}`] = t.common.errors.required;
        if (!close) errors[`close${i}`] = t.common.errors.required;
        if (!open || !close) {
          hours.push(null);
          continue;
        }
        const day = openingDaySchema.safeParse({ open, close });
        if (!day.success)
          Object.assign(
            errors,
            domainErrors(day.error.issues, t, (p) => `${String(p[0])}${i}`),
          );
        hours.push({ open, close });
      }
      if (Object.keys(errors).length) return again(errorState(formValues(request.body), errors), 422);
      try {
        await svc.saveHours(actor, resource.id, hours);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again(
          errorState(formValues(request.body), { [err.field ?? '_form']: ruleMessage(t, err) }),
          err.status,
        );
      }
      reply.flash(t.spacesPanel.flash.hoursSaved);
      return reply.seeOther(sectionHref(resource.id, 'hours'));
    },
  );

  // ---------------------------------------------------------------------- rules and overrides
  async function targetOptions(t: Messages) {
    const r = t.spacesPanel.rules;
    const packages = await svc.packageOptions();
    const kinds = t.organisations.kinds as Record<string, string>;
    return [
      ...packages.map((p) => ({ value: `package:${p.id}`, label: r.targetPackage(p.name) })),
      ...overrideOrganisationKinds.map((k) => ({ value: `kind:${k}`, label: r.targetKind(kinds[k] ?? k) })),
    ];
  }

  /** Form values of rules: the resource's own form, or an exception's (with its "none" boxes). */
  function rulesValues(
    rules: Partial<BookingRules>,
    mode: 'rules' | 'override',
    prefix = '',
  ): FormState['values'] {
    const values: FormState['values'] = {};
    for (const k of [...numberRuleFields, ...nullableRuleFields]) {
      const v = rules[k];
      if (v === null && mode === 'override') values[`${prefix}${k}None`] = 'on';
      else if (v !== undefined && v !== null) values[`${prefix}${k}`] = String(v);
    }
    if (mode === 'rules') {
      if (rules.approval) values.approval = 'on';
    } else if (rules.approval !== undefined) values[`${prefix}approval`] = rules.approval ? 'yes' : 'no';
    return values;
  }

  async function renderRules(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    states: { rules?: FormState; override?: FormState },
    status = 200,
  ) {
    const [overrides, targets] = await Promise.all([
      svc.overrides(actorOf(request), resource.id),
      targetOptions(request.t),
    ]);
    return reply.render(
      <RulesPage
        resource={resource}
        state={states.rules ?? { values: rulesValues(resource.rules, 'rules'), errors: {} }}
        overrides={overrides}
        overrideState={states.override ?? { values: {}, errors: {} }}
        targets={targets}
      />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zasady`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return renderRules(request, reply, resource, {});
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zasady`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const again = (errors: Record<string, string>, status: number) =>
        renderRules(
          request,
          reply,
          resource,
          { rules: errorState(formValues(request.body), errors) },
          status,
        );
      const parsed = parseForm(rulesForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderRules(request, reply, resource, { rules: parsed.state }, 422);
      const data = parsed.data as Record<string, number | boolean | undefined>;
      const rules = {
        ...Object.fromEntries(numberRuleFields.map((k) => [k, data[k]])),
        approval: data.approval === true,
        ...Object.fromEntries(nullableRuleFields.map((k) => [k, data[k] ?? null])),
      } as unknown as BookingRules;
      const checked = bookingRulesSchema.safeParse(rules);
      if (!checked.success)
        return again(
          domainErrors(checked.error.issues, t, (p) => String(p[0])),
          422,
        );
      try {
        await svc.saveRules(actor, resource.id, rules);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again({ [err.field ?? '_form']: ruleMessage(t, err) }, err.status);
      }
      reply.flash(t.spacesPanel.flash.rulesSaved);
      return reply.seeOther(sectionHref(resource.id, 'rules'));
    },
  );

  /** Reads an exception's form (names with `prefix`); errors are keyed by the submitted names. */
  function readOverride(
    body: unknown,
    t: Messages,
    prefix: '' | 'o_',
  ): { ok: true; target: OverrideTarget; rules: Partial<BookingRules> } | { ok: false; state: FormState } {
    const parsed = parseForm(overrideForm(prefix), body, t, extraMessages(t));
    if (!parsed.ok) return parsed;
    const data = parsed.data as Record<string, string | number | boolean | undefined>;
    const errors: Record<string, string> = {};
    const rules: Partial<Record<keyof BookingRules, number | boolean | null>> = {};
    for (const k of numberRuleFields)
      if (data[`${prefix}${k}`] !== undefined) rules[k] = data[`${prefix}${k}`] as number;
    const approval = data[`${prefix}approval`];
    if (approval === 'yes' || approval === 'no') rules.approval = approval === 'yes';
    for (const k of nullableRuleFields) {
      const n = data[`${prefix}${k}`] as number | undefined;
      const none = data[`${prefix}${k}None`] === true;
      if (none && n !== undefined) errors[`${prefix}${k}`] = t.spacesPanel.errors.noneAndNumber;
      else if (none) rules[k] = null;
      else if (n !== undefined) rules[k] = n;
    }
    const targetText = String(data[`${prefix}target`] ?? '');
    const target: OverrideTarget | null = targetText.startsWith('package:')
      ? { packageId: targetText.slice('package:'.length) }
      : targetText.startsWith('kind:')
        ? { organisationKind: targetText.slice('kind:'.length) }
        : null;
    if (!target) errors[`${prefix}target`] = t.spacesPanel.errors.unknownTarget;
    if (!Object.keys(errors).length) {
      const checked = ruleOverrideSchema.safeParse(rules);
      if (!checked.success)
        Object.assign(
          errors,
          domainErrors(checked.error.issues, t, (p) => `${prefix}${String(p[0])}`),
        );
    }
    if (Object.keys(errors).length || !target)
      return { ok: false, state: errorState(formValues(body), errors) };
    return { ok: true, target, rules: rules as Partial<BookingRules> };
  }

  /** Runs the service on an exception; refusals come back as errors on the submitted field names. */
  async function saveOverride(
    request: FastifyRequest,
    resource: ResourceDetail,
    overrideId: string | null,
    prefix: '' | 'o_',
  ): Promise<{ ok: true } | { ok: false; state: FormState; status: number }> {
    const t = request.t;
    const read = readOverride(request.body, t, prefix);
    if (!read.ok) return { ok: false, state: read.state, status: 422 };
    try {
      await svc.saveOverride(actorOf(request), resource.id, overrideId, read.target, read.rules);
      return { ok: true };
    } catch (err) {
      if (!isRuleError(err)) throw err;
      const field = !err.field || err.field === '_form' ? '_form' : `${prefix}${err.field}`;
      return {
        ok: false,
        state: errorState(formValues(request.body), { [field]: ruleMessage(t, err) }),
        status: err.status,
      };
    }
  }

  app.post(
    `${PANEL_BASE}/:id/zasady/wyjatki`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      const result = await saveOverride(request, resource, null, 'o_');
      if (!result.ok) return renderRules(request, reply, resource, { override: result.state }, result.status);
      reply.flash(request.t.spacesPanel.flash.overrideSaved);
      return reply.seeOther(sectionHref(resource.id, 'rules'));
    },
  );

  async function renderOverride(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    overrideId: string,
    state: FormState | null,
    status = 200,
  ) {
    const override = await svc.override(actorOf(request), resource.id, overrideId);
    const target =
      override.target.kind === 'package'
        ? `package:${override.target.id}`
        : `kind:${override.target.organisationKind}`;
    return reply.render(
      <OverridePage
        resource={resource}
        override={override}
        state={state ?? { values: { target, ...rulesValues(override.rules, 'override') }, errors: {} }}
        targets={await targetOptions(request.t)}
      />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zasady/wyjatki/:overrideId`,
    { ...staff, schema: { hide: true, params: overrideParams } },
    async (request, reply) => {
      const { id, overrideId } = paramsOf<{ id: string; overrideId: string }>(request);
      const resource = await svc.get(actorOf(request), id);
      return renderOverride(request, reply, resource, overrideId, null);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zasady/wyjatki/:overrideId`,
    { ...staff, schema: { hide: true, params: overrideParams } },
    async (request, reply) => {
      const { id, overrideId } = paramsOf<{ id: string; overrideId: string }>(request);
      const resource = await svc.get(actorOf(request), id);
      await svc.override(actorOf(request), resource.id, overrideId);
      const result = await saveOverride(request, resource, overrideId, '');
      if (!result.ok)
        return renderOverride(request, reply, resource, overrideId, result.state, result.status);
      reply.flash(request.t.spacesPanel.flash.overrideSaved);
      return reply.seeOther(sectionHref(resource.id, 'rules'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zasady/wyjatki/:overrideId/usun`,
    { ...staff, schema: { hide: true, params: overrideParams } },
    async (request, reply) => {
      const { id, overrideId } = paramsOf<{ id: string; overrideId: string }>(request);
      await svc.deleteOverride(actorOf(request), id, overrideId);
      reply.flash(request.t.spacesPanel.flash.overrideDeleted);
      return reply.seeOther(sectionHref(id, 'rules'));
    },
  );

  // ---------------------------------------------------------------------------------- closures
  function holidaysAhead() {
    const today = todayInWarsaw(clock.now());
    const until = addDays(today, 365);
    const year = Number(today.slice(0, 4));
    return [...polishHolidays(year), ...polishHolidays(year + 1)].filter(
      (h) => h.date >= today && h.date < until,
    );
  }

  async function renderClosures(
    request: FastifyRequest,
    reply: FastifyReply,
    resource: ResourceDetail,
    state: FormState,
    status = 200,
  ) {
    const closures = await svc.closures(actorOf(request), resource.id);
    return reply.render(
      <ClosuresPage resource={resource} closures={closures} holidays={holidaysAhead()} state={state} />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return renderClosures(request, reply, resource, { values: { scope: 'this' }, errors: {} });
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const parsed = parseForm(closureForm, request.body, t, extraMessages(t));
      if (!parsed.ok) return renderClosures(request, reply, resource, parsed.state, 422);
      try {
        const { bookingsInRange } = await svc.addClosure(actor, resource.id, parsed.data);
        const fl = t.spacesPanel.flash;
        if (bookingsInRange > 0) reply.flash(fl.closureAddedBookings(bookingsInRange), 'notice');
        else reply.flash(fl.closureAdded);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        const state = errorState(formValues(request.body), { [err.field ?? '_form']: ruleMessage(t, err) });
        return renderClosures(request, reply, resource, state, err.status);
      }
      return reply.seeOther(sectionHref(resource.id, 'closures'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zamkniecia/:closureId/usun`,
    { ...staff, schema: { hide: true, params: closureParams } },
    async (request, reply) => {
      const { id, closureId } = paramsOf<{ id: string; closureId: string }>(request);
      await svc.deleteClosure(actorOf(request), id, closureId);
      reply.flash(request.t.spacesPanel.flash.closureDeleted);
      return reply.seeOther(sectionHref(id, 'closures'));
    },
  );

  // ------------------------------------------------------------------------------------- desks
  app.get(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const desks = await svc.desks(actor, resource.id);
      const values = Object.fromEntries(desks.map((d) => [`desk${d.number}`, d.label]));
      return reply.render(<DesksPage resource={resource} desks={desks} state={{ values, errors: {} }} />);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/stanowiska`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const desks = await svc.desks(actor, resource.id);
      const form = z.object(
        Object.fromEntries(
          desks.map((d) => [`desk${d.number}`, z.string().trim().max(LIMITS.deskLabel).optional()]),
        ),
      );
      const again = (state: FormState, status: number) =>
        reply.render(<DesksPage resource={resource} desks={desks} state={state} />, status);
      const parsed = parseForm(form, request.body, t, extraMessages(t));
      if (!parsed.ok) return again(parsed.state, 422);
      const labels = new Map<number, string>();
      for (const d of desks) {
        const v = (parsed.data as Record<string, string | undefined>)[`desk${d.number}`];
        if (v !== undefined) labels.set(d.number, v);
      }
      try {
        await svc.saveDeskLabels(actor, resource.id, labels);
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again(
          errorState(formValues(request.body), { [err.field ?? '_form']: ruleMessage(t, err) }),
          err.status,
        );
      }
      reply.flash(t.spacesPanel.flash.labelsSaved);
      return reply.seeOther(sectionHref(resource.id, 'desks'));
    },
  );

  // ------------------------------------------------------------------------------------ photos
  const megabytes = Math.floor(photoLimit / (1024 * 1024));
  const photosPage = (resource: ResourceDetail, state: FormState) => (
    <PhotosPage resource={resource} photos={resource.photos} state={state} maxMegabytes={megabytes} />
  );

  app.get(
    `${PANEL_BASE}/:id/zdjecia`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(actorOf(request), paramsOf<{ id: string }>(request).id);
      return reply.render(photosPage(resource, { values: {}, errors: {} }));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia`,
    {
      config: { access: 'staff', upload: { files: ['photo'], maxFileBytes: photoLimit } },
      schema: { hide: true, params: idParams },
    },
    async (request, reply) => {
      const t = request.t;
      const actor = actorOf(request);
      const resource = await svc.get(actor, paramsOf<{ id: string }>(request).id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const again = (errors: Record<string, string>, status: number) =>
        reply.render(photosPage(resource, errorState(formValues(body), errors)), status);
      const unknown = Object.keys(body).filter((k) => !['_csrf', 'alt', 'photo'].includes(k));
      if (unknown.length) return again({ _form: t.common.errors.unknownFields(unknown.join(', ')) }, 422);
      const parsed = parseForm(z.object({ alt: f.text(LIMITS.photoAlt) }), { alt: body.alt }, t);
      const content = body.photo;
      const errors: Record<string, string> = {};
      if (!Buffer.isBuffer(content) || content.length === 0)
        errors.photo = t.spacesPanel.errors.photoRequired;
      if (!parsed.ok) Object.assign(errors, parsed.state.errors);
      if (Object.keys(errors).length || !parsed.ok || !Buffer.isBuffer(content)) return again(errors, 422);
      if (content.length > photoLimit)
        return again({ photo: t.spacesPanel.errors.fileTooLarge(megabytes) }, 413);
      try {
        await svc.addPhoto(actor, resource.id, { content, alt: parsed.data.alt });
      } catch (err) {
        if (!isRuleError(err)) throw err;
        return again({ [err.field ?? '_form']: ruleMessage(t, err) }, err.status);
      }
      reply.flash(t.spacesPanel.flash.photoAdded);
      return reply.seeOther(sectionHref(resource.id, 'photos'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/przesun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = paramsOf<{ id: string; photo: string }>(request);
      const actor = actorOf(request);
      const parsed = parseForm(moveForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(actor, id);
        return reply.render(
          photosPage(resource, { values: {}, errors: { _form: request.t.common.errors.invalidChoice } }),
          422,
        );
      }
      await svc.movePhoto(actor, id, photo, parsed.data.direction);
      reply.flash(request.t.spacesPanel.flash.photoMoved);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zdjecia/:photo/usun`,
    { ...staff, schema: { hide: true, params: photoParams } },
    async (request, reply) => {
      const { id, photo } = paramsOf<{ id: string; photo: string }>(request);
      const parsed = parseForm(emptyForm, request.body, request.t);
      if (!parsed.ok) {
        const resource = await svc.get(actorOf(request), id);
        return reply.render(photosPage(resource, parsed.state), 422);
      }
      await svc.deletePhoto(actorOf(request), id, photo);
      reply.flash(request.t.spacesPanel.flash.photoDeleted);
      return reply.seeOther(sectionHref(id, 'photos'));
    },
  );

  // Photos are public: they illustrate the public page of a resource.
  app.get(
    '/pliki/przestrzenie/:file',
    { config: { access: 'public' }, schema: { hide: true, params: fileParams } },
    async (request, reply) => {
      const found = await svc.photoFile(paramsOf<{ file: string }>(request).file);
      if (!found) return reply.callNotFound();
      return reply
        .type(found.type)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('content-disposition', 'inline')
        .send(found.content);
    },
  );
}
