// The evaluators' pages under /nabory/ocena: their assignments, the conflict-of-interest statement
// (declare none, or recuse with a reason), the evaluation card (saved as a draft, its weighted total
// recalculated, then submitted) and the scores once submitted. Thin handlers over
// services.calls.judging: the service decides who sees what and refuses what is wrong; the pages
// put each refusal on its field. Nothing here needs JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../platform/context.ts';
import { signedInContext } from '../../platform/context.ts';
import { formValues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import type { FormState, FormValues } from '../../platform/views/components.tsx';
import type { CallsServices } from './index.ts';
import type { EvaluatorView, ScoreInput } from './service.ts';
import {
  AssignmentPage,
  assignmentPath,
  EvaluatorListPage,
  justificationName,
  pointsName,
} from './views/evaluator.tsx';

const idParams = routeParams({ id: param.id });
const formLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const text = (v: FormValues[string]) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The card's inputs as they were stored: points without trailing zeros ('12.50' → '12.5'). */
function storedValues(view: EvaluatorView): FormValues {
  const values: FormValues = {};
  for (const s of view.mine) {
    values[pointsName(s.criterionId)] = String(Number(s.points));
    values[justificationName(s.criterionId)] = s.justification;
  }
  return values;
}

/**
 * The card as posted, for saveScores: a criterion with neither points nor justification is left
 * out (a draft may be partial); a decimal comma is read as a point ("12,5"). A justification
 * without points cannot be stored, so it is refused here rather than silently dropped.
 */
function cardInput(
  view: EvaluatorView,
  body: FormValues,
  missing: { points: string },
): { input: Record<string, ScoreInput>; errors: Record<string, string> } {
  const input: Record<string, ScoreInput> = {};
  const errors: Record<string, string> = {};
  for (const k of view.criteria) {
    const points = text(body[pointsName(k.id)]).replace(',', '.');
    const justification = text(body[justificationName(k.id)]);
    if (!points && !justification) continue;
    if (!points) errors[pointsName(k.id)] = missing.points;
    else input[k.id] = { points, justification };
  }
  return { input, errors };
}

/** Before submitting: every criterion needs points and a justification (all named at once). */
function incomplete(view: EvaluatorView, body: FormValues, m: { points: string; justification: string }) {
  const errors: Record<string, string> = {};
  for (const k of view.criteria) {
    if (!text(body[pointsName(k.id)])) errors[pointsName(k.id)] = m.points;
    if (!text(body[justificationName(k.id)])) errors[justificationName(k.id)] = m.justification;
  }
  return errors;
}

export async function callsEvaluatorRoutes(
  fastify: FastifyInstance,
  { services }: { services: CallsServices },
) {
  const { calls } = services;
  const { jury, scoring } = services.judging;
  const app = typed(fastify);

  app.get('/nabory/ocena', { config: { access: 'user' }, schema: { hide: true } }, async (request, reply) => {
    const ctx = signedInContext(request);
    const assignments = await jury.mine(ctx);
    // One view per assignment: the service's own answer of what the evaluator may see of it.
    const views: EvaluatorView[] = [];
    for (const a of assignments) views.push(await scoring.forEvaluator(ctx, a.id));
    const callRows = await calls.byIds(ctx, [...new Set(views.map((v) => v.call.id))]);
    const byId = new Map(callRows.map((c) => [c.id, c]));
    return reply.render(
      <EvaluatorListPage
        rows={views.map((view) => ({ view, call: byId.get(view.call.id) }))}
        now={ctx.now}
      />,
    );
  });

  /** The assignment as its evaluator may see it, with its call and the form's fields. */
  async function load(ctx: RequestContext, id: string) {
    const view = await scoring.forEvaluator(ctx, id);
    const call = await calls.get(ctx, view.call.id);
    // The view does not carry the application's form version; the call's current one is used (a
    // form changes after publishing only by a new version, so it holds the same keys or more).
    const fields = view.answers ? await calls.formOf(call.id, view.application.formVersion) : [];
    const subareas = view.answers ? await calls.subareas() : [];
    return { view, call, fields, subareas };
  }

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state?: FormState,
    status = 200,
  ) {
    const loaded = await load(signedInContext(request), id);
    const shown = state ?? { values: storedValues(loaded.view), errors: {} };
    return reply.render(<AssignmentPage {...loaded} now={request.context.now} state={shown} />, status);
  }

  /** The page again after a refusal: what was typed, the message on its field. */
  const refusedPage = (request: FastifyRequest, reply: FastifyReply, id: string, r: Refusal) =>
    render(
      request,
      reply,
      id,
      { values: formValues(request.body), errors: { [r.field]: r.message } },
      r.status,
    );

  app.get(
    '/nabory/ocena/:id',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => render(request, reply, request.params.id),
  );

  app.post(
    '/nabory/ocena/:id/deklaracja',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      return formAction(
        request,
        () => jury.declare(signedInContext(request), id),
        () => {
          reply.flash(request.t.callsEvaluator.declared);
          return reply.seeOther(assignmentPath(id));
        },
        (r) => {
          reply.flash(r.message, 'notice');
          return reply.seeOther(assignmentPath(id));
        },
      );
    },
  );

  app.post(
    '/nabory/ocena/:id/wylaczenie',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const reason = text(formValues(request.body).reason);
      return formAction(
        request,
        () => jury.recuse(signedInContext(request), id, reason),
        () => {
          reply.flash(request.t.callsEvaluator.recused);
          return reply.seeOther(assignmentPath(id));
        },
        (r) => (r.field === 'reason' ? refusedPage(request, reply, id, r) : flashBack(reply, id, r)),
      );
    },
  );

  const flashBack = (reply: FastifyReply, id: string, r: Refusal) => {
    reply.flash(r.message, 'notice');
    return reply.seeOther(assignmentPath(id));
  };

  type Saved = { done: true; view: EvaluatorView; body: FormValues } | { done: false; page: unknown };

  /** Saves the card as typed; on a refusal the page is rendered with its errors (`done: false`). */
  async function saveCard(request: FastifyRequest, reply: FastifyReply, id: string): Promise<Saved> {
    const ctx = signedInContext(request);
    const body = formValues(request.body);
    const view = await scoring.forEvaluator(ctx, id);
    const m = request.t.callsEvaluator;
    const { input, errors } = cardInput(view, body, { points: m.pointsRequired });
    if (Object.keys(errors).length)
      return { done: false, page: await render(request, reply, id, { values: body, errors }, 422) };
    return formAction<unknown, Saved>(
      request,
      () => scoring.saveScores(ctx, id, input),
      () => ({ done: true, view, body }),
      async (r) => ({
        done: false,
        page: r.field === '_form' ? await flashBack(reply, id, r) : await refusedPage(request, reply, id, r),
      }),
    );
  }

  // "Zapisz" and "Przelicz" both save the draft; the page shows the weighted total of what is stored.
  app.post(
    '/nabory/ocena/:id/oceny',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const saved = await saveCard(request, reply, id);
      if (!saved.done) return saved.page;
      const recalc = formValues(request.body).action === 'recalc';
      if (!recalc) reply.flash(request.t.callsEvaluator.saved);
      return reply.seeOther(`${assignmentPath(id)}${recalc ? '#suma' : ''}`);
    },
  );

  // Submitting saves what is typed first (nothing typed is lost), names every gap at once, then
  // submits — the service checks completeness again, under the call's lock.
  app.post(
    '/nabory/ocena/:id/zloz',
    { config: { access: 'user', ...formLimit }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const id = request.params.id;
      const saved = await saveCard(request, reply, id);
      if (!saved.done) return saved.page;
      const m = request.t.callsEvaluator;
      const errors = incomplete(saved.view, saved.body, {
        points: m.pointsRequired,
        justification: m.justificationRequired,
      });
      if (Object.keys(errors).length) return render(request, reply, id, { values: saved.body, errors }, 422);
      return formAction(
        request,
        () => scoring.submitScores(signedInContext(request), id),
        () => {
          reply.flash(m.submitted);
          return reply.seeOther(assignmentPath(id));
        },
        (r) => (r.field === '_form' ? flashBack(reply, id, r) : refusedPage(request, reply, id, r)),
      );
    },
  );
}
