// JSON API of the calls module: the public calls (their state at the request's time) and one call
// with its current form; for the signed-in caller their applications and their organisations',
// starting one, saving its draft, submitting it (the number) and withdrawing it. Every refusal is an
// RFC 9457 problem whose `detail` is the module's sentence in the caller's language, with the
// refusal's `code` and `field`, and — when answers were refused — every refused answer in `errors`;
// nothing was stored.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localized } from '../../platform/content.ts';
import { contextOf, signedInContext } from '../../platform/context.ts';
import {
  apiWriteLimit,
  fieldErrorSchema,
  PROBLEM_BASE,
  problemSchema as problem,
  refusalsAsProblems,
  ruleProblem,
  statusTitle,
} from '../../platform/http/api.ts';
import { ForbiddenError, NotFoundError, RuleError } from '../../platform/http/errors.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { refusalDomain, refusalOf } from '../../platform/refusals.ts';
import { organisationKinds } from '../organisations/index.ts';
import type { FormField } from './form.ts';
import type { CallsServices } from './index.ts';
import type { CallRefusal } from './policy.ts';
import { applicationStatuses, callKinds } from './schema.ts';
import type { ApplicationView } from './service/applications.ts';
import { type CallRow, callState, publicCallStates } from './service/context.ts';
import { TITLE_MAX } from './service/input.ts';

/** The list is small (a few calls a year); it comes whole, up to this many. */
export const CALLS_LIST_MAX = 500;

/** Where a call stands at the request's time. */
const instant = z.iso.datetime().describe('ISO 8601 instant (UTC)');
const money = (what: string) => z.number().int().nullable().describe(`${what}, in grosze (1 zł = 100 gr)`);

const textSchema = z
  .object({ pl: z.string(), en: z.string().optional(), uk: z.string().optional() })
  .meta({ id: 'CallText', description: 'Polish, and English and Ukrainian where staff gave them' });

// ---------------------------------------------------------------------------------------------
// The form's fields, as form.ts types them (one schema per field type)

const fieldBase = {
  key: z.string().describe('Stable within the call: answers go by it'),
  label: textSchema,
  hint: textSchema.optional(),
  required: z.boolean(),
};
const option = z.object({ key: z.string(), label: textSchema });
const formFieldSchema = z
  .discriminatedUnion('type', [
    z.object({ ...fieldBase, type: z.literal('short_text'), maxLength: z.number().int() }),
    z.object({ ...fieldBase, type: z.literal('long_text'), maxLength: z.number().int() }),
    z.object({
      ...fieldBase,
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      integer: z.boolean(),
    }),
    z
      .object({ ...fieldBase, type: z.literal('amount'), max: z.number().int().optional() })
      .describe('Answered in grosze (an integer); `max` in grosze, and the call’s `maxAmount` applies too'),
    z.object({ ...fieldBase, type: z.literal('date') }).describe('Answered as YYYY-MM-DD'),
    z
      .object({ ...fieldBase, type: z.literal('single_choice'), options: z.array(option) })
      .describe('Answered with one option `key`'),
    z
      .object({
        ...fieldBase,
        type: z.literal('multiple_choice'),
        options: z.array(option),
        maxChoices: z.number().int().optional(),
      })
      .describe('Answered with an array of option keys'),
    z.object({ ...fieldBase, type: z.literal('yes_no') }).describe('Answered with a boolean'),
    z
      .object({
        ...fieldBase,
        type: z.literal('file'),
        accept: z.array(z.enum(['pdf', 'image'])),
        maxBytes: z.number().int(),
        maxFiles: z.number().int(),
      })
      .describe('Answered with the ids of files uploaded on the site'),
    z
      .object({
        ...fieldBase,
        type: z.literal('budget'),
        maxRows: z.number().int(),
        minOwnShare: z.number().optional(),
      })
      .describe(
        'Answered as `{ rows: [{ item, quantity, unitPrice }], ownContribution }`, prices in grosze; the totals are computed',
      ),
    z.object({ ...fieldBase, type: z.literal('subarea') }).describe('Answered with a subarea id'),
    z.object({ ...fieldBase, type: z.literal('nip') }).describe('A Polish NIP (checksum)'),
    z.object({ ...fieldBase, type: z.literal('krs') }).describe('A KRS number, ten digits'),
    z.object({ ...fieldBase, type: z.literal('declaration') }).describe('Answered with `true` (ticked)'),
  ])
  .meta({ id: 'CallFormField', description: 'One field of an application form' });

// ---------------------------------------------------------------------------------------------
// Calls, applications and problems

export const callSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(callKinds),
    status: z.enum(['published', 'results', 'cancelled']),
    state: z
      .enum(publicCallStates)
      .describe(
        'At the request’s time: `open` takes applications, `upcoming` opens later, `closed` after the deadline, `results` published, `cancelled`',
      ),
    title: textSchema,
    description: textSchema.describe('Markdown source'),
    opensAt: instant,
    deadlineAt: instant.describe('A submission arriving at or after it is refused'),
    resultsAt: instant.nullable().describe('When the results are planned (informative)'),
    budget: money('The money to share'),
    places: z.number().int().nullable().describe('The places to fill (incubator places, premises)'),
    maxAmount: money('The most one application may ask for'),
    personsMayApply: z.boolean().describe('Persons may apply on their own'),
    organisationKinds: z
      .array(z.enum(organisationKinds))
      .describe('The kinds of verified organisation that may apply (their members apply for them)'),
    subareaIds: z.array(z.uuid()).describe('Revitalisation subareas (empty: any)'),
    contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'Call' });

export const callWithFormSchema = callSchema
  .extend({
    formVersion: z.number().int().describe('The version new applications answer'),
    fields: z.array(formFieldSchema),
  })
  .meta({ id: 'CallWithForm' });

export const applicationSchema = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    status: z.enum(applicationStatuses),
    title: z.string(),
    organisationId: z.uuid().nullable().describe('Null: the person applies on their own'),
    number: z.string().nullable().describe('Given on submission, e.g. `ZB/2026/0042`'),
    submittedAt: instant.nullable(),
    formVersion: z.number().int().describe('The version of the call’s form it answers'),
    answers: z.record(z.string(), z.unknown()).describe('By field key, as stored (normalised)'),
    premisesChoice: z.array(z.uuid()).describe('A premises competition: the premises, by preference'),
    amountRequested: money('Asked for (the budget’s or the amount field’s)'),
    updatedAt: instant,
  })
  .meta({ id: 'CallApplication' });

const callFieldErrorSchema = fieldErrorSchema
  .extend({
    code: z.string().describe('The rule the answer broke, e.g. `required`, `aboveMaxAmount`, `unknownField`'),
  })
  .meta({ id: 'CallFieldError' });

export const callProblemSchema = problem
  .extend({
    code: z.string().describe('The rule that refused the request, e.g. `deadlinePassed`, `alreadyApplied`'),
    field: z
      .string()
      .nullable()
      .describe('The input field the refusal belongs to: `title`, `organisationId`, `answers.<key>` …'),
    errors: z
      .array(callFieldErrorSchema)
      .optional()
      .describe(
        'Answers refused: every refused answer (`answers.<key>`, a budget’s `answers.<key>.rows.<i>.<column>`)',
      ),
  })
  .meta({ id: 'CallProblem', description: 'A rule of calls refused the request; nothing was stored' });

const startBody = z
  .object({
    organisationId: z
      .uuid()
      .nullable()
      .optional()
      .describe('Apply for this organisation (you a member, it verified); left out or null: as yourself'),
  })
  .strict();

const draftBody = z
  .object({
    title: z.string().max(TITLE_MAX),
    answers: z
      .record(z.string().max(100), z.unknown())
      .describe('By field key: what `CallFormField` says each type takes; missing ones are fine in a draft'),
    premisesChoice: z.array(z.uuid()).max(20).optional(),
  })
  .strict();

const listQuery = z.object({
  kind: z.enum(callKinds).optional(),
  state: z.enum(publicCallStates).optional(),
  limit: z.coerce.number().int().min(1).max(CALLS_LIST_MAX).default(CALLS_LIST_MAX),
});

// ---------------------------------------------------------------------------------------------
// Shaping the answers

const iso = (d: Date) => d.toISOString();
const text = (pl: string, i18n: unknown) => localized(pl, i18n);

export function toCall(c: CallRow, now: Date) {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status as 'published' | 'results' | 'cancelled',
    // The API shows no drafts (publicList and getCall refuse them).
    state: callState(c, now) as (typeof publicCallStates)[number],
    title: text(c.title, c.titleI18n),
    description: text(c.description, c.descriptionI18n),
    opensAt: iso(c.opensAt),
    deadlineAt: iso(c.deadlineAt),
    resultsAt: c.resultsAt ? iso(c.resultsAt) : null,
    budget: c.budget,
    places: c.places,
    maxAmount: c.maxAmount,
    personsMayApply: c.personsMayApply,
    organisationKinds: c.organisationKinds as Array<(typeof organisationKinds)[number]>,
    subareaIds: c.subareaIds,
    contact: { email: c.contactEmail, phone: c.contactPhone },
    cancelReason: c.cancelReason,
  };
}

const toApplication = (a: ApplicationView) => ({
  id: a.id,
  callId: a.callId,
  status: a.status,
  title: a.title,
  organisationId: a.organisationId,
  number: a.number,
  submittedAt: a.submittedAt ? iso(a.submittedAt) : null,
  formVersion: a.formVersion,
  answers: a.answers,
  premisesChoice: a.premisesChoice,
  amountRequested: a.amountRequested,
  updatedAt: iso(a.updatedAt),
});

/** The service names a refused answer by its HTML input (`a.<key>`); the API by its JSON path. */
const apiField = (field: string) => (field.startsWith('a.') ? `answers.${field.slice(2)}` : field);

/** The policy's refusals (a 403) the API names with their code, and the input field each concerns. */
const policyFields: Record<CallRefusal, string | undefined> = {
  signInFirst: undefined,
  staffOnly: undefined,
  personsMayNotApply: 'organisationId',
  notMember: 'organisationId',
  organisationNotVerified: 'organisationId',
  organisationKindNotAllowed: 'organisationId',
  notYours: undefined,
};
const isCallRefusal = (reason: string): reason is CallRefusal => Object.hasOwn(policyFields, reason);

/** A refusal as a problem document in the caller's language. */
function callProblem(request: FastifyRequest, err: RuleError) {
  const refused = err.details.errors as Record<string, string> | undefined;
  const errors = refused
    ? Object.entries(refused).map(([field, code]) => ({
        field: `answers.${field}`,
        code,
        message: refusalOf(request, new RuleError(code)).message,
      }))
    : undefined;
  const reasons = request.t.calls.reasons as Record<string, string>;
  return {
    type: `${PROBLEM_BASE}${ruleProblem('calls', err.code)}`,
    title: statusTitle(request.t, err.status),
    status: err.status,
    detail: (err.status === 403 && reasons[err.code]) || refusalOf(request, err).message,
    instance: request.url.split('?')[0] ?? '/',
    requestId: String(request.id),
    code: err.code,
    field: err.field ? apiField(err.field) : null,
    ...(errors ? { errors } : {}),
  };
}

const rules = refusalsAsProblems(callProblem);

/**
 * Runs a use case for a route: a refusal of the rules, or of the policy for one of its reasons
 * (`notYours`, `notMember` …), is answered as the calls problem; anything else goes on.
 */
function refusing<T>(request: FastifyRequest, reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  return rules(request, reply, async () => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ForbiddenError && isCallRefusal(err.message))
        throw new RuleError(err.message, policyFields[err.message], 403);
      throw err;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The routes

export async function callsApi(appBase: FastifyInstance, { services }: { services: CallsServices }) {
  const app = typed(appBase);
  const { calls, applications } = services;
  const { config } = appBase.klaster;
  refusalDomain(appBase, 'calls');
  const idParams = routeParams({ id: param.id });
  // 400: invalid input (the platform's problem with `errors`); 403, 409, 422: a rule, with `code`.
  const refusals = { 400: problem, 403: callProblemSchema, 404: problem, 409: callProblemSchema };
  // Writes per signed-in person (not per address: a whole office may share one).
  const writeLimit = apiWriteLimit(config.rateLimitPerMinute);

  app.get(
    '/api/v1/calls',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listCalls',
        tags: ['calls'],
        summary: 'Calls',
        description: `The public calls (never drafts): open ones first, soonest deadline first, then upcoming ones, then closed ones, results and cancelled ones, latest first. \`state\` is decided at the request's time. Filters: \`kind\`, \`state\`. The list is not paged: it holds every public call, at most ${CALLS_LIST_MAX}; \`limit\` cuts it shorter.`,
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(callSchema) }), 400: problem },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { kind, state, limit } = request.query;
      const items = (await calls.publicList(ctx))
        .map((c) => toCall(c, ctx.now))
        .filter((c) => (!kind || c.kind === kind) && (!state || c.state === state));
      return { items: items.slice(0, limit) };
    },
  );

  app.get(
    '/api/v1/calls/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getCall',
        tags: ['calls'],
        summary: 'One call, with its form',
        description:
          'A public call and the fields of its current application form (the version new applications answer): what each field is and how its answer is given.',
        params: idParams,
        response: { 200: callWithFormSchema, 404: problem },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const call = await calls.get(ctx, request.params.id);
      // Staff may read a draft on the site; the API is the public's.
      if (call.status === 'draft') throw new NotFoundError('call');
      const fields: FormField[] = await calls.formOf(call.id, call.formVersion);
      return { ...toCall(call, ctx.now), formVersion: call.formVersion, fields };
    },
  );

  app.post(
    '/api/v1/calls/:id/applications',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'startCallApplication',
        tags: ['calls'],
        summary: 'Start an application',
        description:
          'A new draft application in an open call: as yourself (when the call lets persons apply) or for `organisationId`, a verified organisation you are a member of, of a kind the call admits. One application per applicant and call. A refusal names the rule in `code`; nothing is stored.',
        params: idParams,
        body: startBody,
        response: { 201: applicationSchema, 401: problem, ...refusals },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () => {
        const made = await applications.start(
          signedInContext(request),
          request.params.id,
          request.body.organisationId ?? null,
        );
        reply.code(201).header('location', `/api/v1/applications/${made.id}`);
        return toApplication(made);
      }),
  );

  app.get(
    '/api/v1/applications',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'listMyCallApplications',
        tags: ['calls'],
        summary: 'My applications',
        description: 'The caller’s applications and their organisations’, newest first (at most 200).',
        response: { 200: z.object({ items: z.array(applicationSchema) }), 401: problem },
      },
    },
    async (request) => ({
      items: (await applications.mine(signedInContext(request))).map(toApplication),
    }),
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { access: 'user' },
      schema: {
        operationId: 'getCallApplication',
        tags: ['calls'],
        summary: 'One application',
        description: 'An application of the caller, or of an organisation they are a member of.',
        params: idParams,
        response: { 200: applicationSchema, 401: problem, 403: callProblemSchema, 404: problem },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () =>
        toApplication(await applications.get(signedInContext(request), request.params.id)),
      ),
  );

  app.put(
    '/api/v1/applications/:id',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'saveCallApplication',
        tags: ['calls'],
        summary: 'Save the draft',
        description:
          'Replaces the draft’s title and answers (before the deadline). Each answer given must be well-formed for its field (see `CallFormField`); required ones may still be missing. Refused answers come as a 422 problem whose `field` is the first and `errors` lists each one with its `code`; nothing is stored.',
        params: idParams,
        body: draftBody,
        response: { 200: applicationSchema, 401: problem, ...refusals, 422: callProblemSchema },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () =>
        toApplication(await applications.save(signedInContext(request), request.params.id, request.body)),
      ),
  );

  app.post(
    '/api/v1/applications/:id/submission',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'submitCallApplication',
        tags: ['calls'],
        summary: 'Submit the application',
        description:
          'Submits the draft as saved: it needs a title and every required answer, and must arrive before the deadline (the moment it arrives decides). The application gets its `number` and the caller a mail with it. Send an empty JSON object as the body.',
        params: idParams,
        body: z.object({}).strict().optional(),
        response: { 200: applicationSchema, 401: problem, ...refusals, 422: callProblemSchema },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () =>
        toApplication(await applications.submit(signedInContext(request), request.params.id)),
      ),
  );

  app.post(
    '/api/v1/applications/:id/withdrawal',
    {
      config: { access: 'user', ...writeLimit },
      schema: {
        operationId: 'withdrawCallApplication',
        tags: ['calls'],
        summary: 'Withdraw the application',
        description:
          'Before the deadline: a submitted application is withdrawn and keeps its number (200 with it); a draft is discarded (204). Either way the caller may apply again. Send an empty JSON object as the body.',
        params: idParams,
        body: z.object({}).strict().optional(),
        response: {
          200: applicationSchema,
          204: z.null().describe('The draft was discarded'),
          401: problem,
          ...refusals,
        },
      },
    },
    async (request, reply) =>
      refusing(request, reply, async () => {
        const withdrawn = await applications.withdraw(signedInContext(request), request.params.id);
        if (!withdrawn) return reply.code(204).send(null) as never;
        return toApplication(withdrawn);
      }),
  );
}
