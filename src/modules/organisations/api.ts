// JSON API: the public directory of verified organisations (cursor pagination) and registration.
// The body schema is the one the HTML form uses; errors are RFC 9457 problem documents.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contextOf, signedInContext } from '../../platform/context.ts';
import { FieldErrors, ProblemError, problemSchema as problem, ruleProblem } from '../../platform/http/api.ts';
import { RuleError } from '../../platform/http/errors.ts';
import { localiseIssues } from '../../platform/http/forms.ts';
import { param, routeParams, typed } from '../../platform/http/params.ts';
import { refusalOf } from '../../platform/refusals.ts';
import { organisationKinds, organisationStatuses } from './schema.ts';
import {
  MAX_PAGE_SIZE,
  type OrganisationDetail,
  type OrganisationSummary,
  type OrganisationsService,
  organisationInput,
  PAGE_SIZE,
} from './service.ts';

const subareaSchema = z.object({ slug: z.string(), name: z.string() }).nullable();

export const organisationSummarySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(organisationKinds),
    description: z.string(),
    website: z.string().nullable(),
    publicEmail: z.string().nullable(),
    subarea: subareaSchema,
    status: z.enum(organisationStatuses),
    verified: z.boolean(),
    verifiedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OrganisationSummary' });

export const organisationSchema = organisationSummarySchema
  .extend({
    nip: z.string().nullable().describe('NIP, 10 digits'),
    regon: z.string().nullable().describe('REGON, 9 or 14 digits'),
    krs: z.string().nullable().describe('KRS number, 10 digits'),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });

const listResponse = z.object({
  items: z.array(organisationSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
});

function toSummary(o: OrganisationSummary) {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    description: o.description,
    website: o.website,
    publicEmail: o.publicEmail,
    subarea: o.subarea,
    status: o.status,
    verified: o.status === 'verified',
    verifiedAt: o.verifiedAt?.toISOString() ?? null,
    createdAt: o.createdAt.toISOString(),
  };
}

function toDetail(o: OrganisationDetail) {
  return { ...toSummary(o), nip: o.nip, regon: o.regon, krs: o.krs, updatedAt: o.updatedAt.toISOString() };
}

/** A refusal of the organisations' rules: type `organisations/<rule>`, detail in the caller's language. */
function localisedRuleError(request: FastifyRequest, err: RuleError): ProblemError {
  return new ProblemError(
    err.status,
    ruleProblem('organisations', err.code),
    refusalOf(request, err).message,
  );
}

export async function organisationsApi(
  appBase: FastifyInstance,
  opts: { organisations: OrganisationsService },
) {
  const app = typed(appBase);
  const svc = opts.organisations;

  app.get(
    '/api/v1/organisations',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'listOrganisations',
        tags: ['organisations'],
        summary: 'Verified organisations',
        description:
          'Verified organisations ordered by name. Cursor pagination: pass `nextCursor` of a page as `cursor` to get the next one.',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Part of the name'),
          kind: z.enum(organisationKinds).optional(),
          cursor: z.string().max(1000).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(PAGE_SIZE),
        }),
        response: { 200: listResponse, 400: problem },
      },
    },
    async (request) => {
      const { q, kind, cursor, limit } = request.query;
      try {
        const page = await svc.listPublic({ q, kind, cursor, limit });
        return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
      } catch (err) {
        if (err instanceof RuleError) throw localisedRuleError(request, err);
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/organisations/:id',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getOrganisation',
        tags: ['organisations'],
        summary: 'One organisation',
        description: 'A verified organisation (or, for its members and staff, one awaiting verification).',
        params: routeParams({ id: param.id }),
        response: { 200: organisationSchema, 404: problem },
      },
    },
    async (request) => toDetail(await svc.get(contextOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/organisations',
    {
      config: { access: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } },
      attachValidation: true,
      schema: {
        operationId: 'registerOrganisation',
        tags: ['organisations'],
        summary: 'Register an organisation',
        description:
          'Registers an organisation on behalf of the signed-in person, who becomes its owner. It awaits verification by staff. NIP, REGON and KRS are checked (spaces and dashes allowed); NIP is required for companies and sole traders; informal groups give no identifiers.',
        body: organisationInput,
        response: { 201: organisationSchema, 400: problem, 401: problem, 409: problem, 422: problem },
      },
    },
    async (request, reply) => {
      if (request.validationError) {
        const parsed = organisationInput.safeParse(request.body);
        const issues = parsed.success ? [] : parsed.error.issues;
        const errors = localiseIssues(issues, request.t, request.t.organisations.errors);
        throw new FieldErrors(Object.entries(errors).map(([field, message]) => ({ field, message })));
      }
      const ctx = signedInContext(request);
      try {
        const { id } = await svc.create(ctx, request.body);
        const created = await svc.get(ctx, id);
        reply.code(201).header('location', `/api/v1/organisations/${id}`);
        return toDetail(created);
      } catch (err) {
        if (err instanceof RuleError) throw localisedRuleError(request, err);
        throw err;
      }
    },
  );
}
