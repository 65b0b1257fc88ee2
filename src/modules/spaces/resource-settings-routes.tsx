// Staff pages for a resource's opening hours, booking rules and their overrides.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pick } from '../../platform/content.ts';
import { signedInContext } from '../../platform/context.ts';
import { errorState, formValues, parseForm } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import type { Locale, Messages } from '../../platform/i18n/index.ts';
import { formAction, refusalState } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { domainErrors, extraMessages, hoursForm, overrideForm, rulesForm, staff } from './resource-forms.ts';
import type { ResourcesService } from './resources.ts';
import { type OverrideTarget, overrideOrganisationKinds, type ResourceDetail } from './resources.ts';
import { bookingRulesSchema, openingDaySchema, ruleOverrideSchema } from './rules.ts';
import type { BookingRules, OpeningHours } from './schema.ts';
import {
  HoursPage,
  nullableRuleFields,
  numberRuleFields,
  OverridePage,
  RulesPage,
} from './views/resource-settings.tsx';
import { PANEL_BASE, sectionHref } from './views/resources.tsx';

const idParams = routeParams({ id: param.id });
const overrideParams = routeParams({ id: param.id, overrideId: param.id });

/** An exception's form after the service: saved, or the form again with the refusal. */
type OverrideOutcome = { ok: true } | { ok: false; state: FormState; status: number };

export async function resourceSettingsRoutes(fastify: FastifyInstance, svc: ResourcesService) {
  const app = typed(fastify);
  /** The staff member's request context (every route here is for staff). */
  const ctxOf = signedInContext;

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
      const resource = await svc.get(ctxOf(request), request.params.id);
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
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
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
      return formAction(
        request,
        () => svc.saveHours(ctx, resource.id, hours),
        () => {
          reply.flash(t.spacesPanel.flash.hoursSaved);
          return reply.seeOther(sectionHref(resource.id, 'hours'));
        },
        (r) => again(refusalState(request, r), r.status),
      );
    },
  );

  // ---------------------------------------------------------------------- rules and overrides
  async function targetOptions(t: Messages, locale: Locale) {
    const r = t.spacesPanel.rules;
    const packages = await svc.packageOptions();
    const kinds = t.organisations.kinds as Record<string, string>;
    return [
      // An option holds text only: the name in the reader's language, else the Polish one.
      ...packages.map((p) => ({
        value: `package:${p.id}`,
        label: r.targetPackage(pick(p.names, locale).text),
      })),
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
      svc.overrides(ctxOf(request), resource.id),
      targetOptions(request.t, request.locale),
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
      const resource = await svc.get(ctxOf(request), request.params.id);
      return renderRules(request, reply, resource, {});
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zasady`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const t = request.t;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, request.params.id);
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
      return formAction(
        request,
        () => svc.saveRules(ctx, resource.id, rules),
        () => {
          reply.flash(t.spacesPanel.flash.rulesSaved);
          return reply.seeOther(sectionHref(resource.id, 'rules'));
        },
        (r) => again({ [r.field]: r.message }, r.status),
      );
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
  ): Promise<OverrideOutcome> {
    const t = request.t;
    const read = readOverride(request.body, t, prefix);
    if (!read.ok) return { ok: false, state: read.state, status: 422 };
    return formAction<{ id: string }, OverrideOutcome>(
      request,
      () => svc.saveOverride(ctxOf(request), resource.id, overrideId, read.target, read.rules),
      () => ({ ok: true }),
      (r) => {
        const field = !r.field || r.field === '_form' ? '_form' : `${prefix}${r.field}`;
        return {
          ok: false,
          state: errorState(formValues(request.body), { [field]: r.message }),
          status: r.status,
        };
      },
    );
  }

  app.post(
    `${PANEL_BASE}/:id/zasady/wyjatki`,
    { ...staff, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const resource = await svc.get(ctxOf(request), request.params.id);
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
    const override = await svc.override(ctxOf(request), resource.id, overrideId);
    const target =
      override.target.kind === 'package'
        ? `package:${override.target.id}`
        : `kind:${override.target.organisationKind}`;
    return reply.render(
      <OverridePage
        resource={resource}
        override={override}
        state={state ?? { values: { target, ...rulesValues(override.rules, 'override') }, errors: {} }}
        targets={await targetOptions(request.t, request.locale)}
      />,
      status,
    );
  }

  app.get(
    `${PANEL_BASE}/:id/zasady/wyjatki/:overrideId`,
    { ...staff, schema: { hide: true, params: overrideParams } },
    async (request, reply) => {
      const { id, overrideId } = request.params;
      const resource = await svc.get(ctxOf(request), id);
      return renderOverride(request, reply, resource, overrideId, null);
    },
  );

  app.post(
    `${PANEL_BASE}/:id/zasady/wyjatki/:overrideId`,
    { ...staff, schema: { hide: true, params: overrideParams } },
    async (request, reply) => {
      const { id, overrideId } = request.params;
      const ctx = ctxOf(request);
      const resource = await svc.get(ctx, id);
      await svc.override(ctx, resource.id, overrideId);
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
      const { id, overrideId } = request.params;
      await svc.deleteOverride(ctxOf(request), id, overrideId);
      reply.flash(request.t.spacesPanel.flash.overrideDeleted);
      return reply.seeOther(sectionHref(id, 'rules'));
    },
  );
}
