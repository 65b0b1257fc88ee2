// The steps an event's page offers after it is written (publish, send back, reject, cancel,
// postpone), posted as small forms: one way to read a step's fields, run it through the service and
// answer — a flash and back to the page, or the page again with the refusal on its field. The staff's
// review page (admin-routes.tsx) and the organisers' page of a published event (proposal-routes.tsx)
// register their steps with it; who may take a step is the service's policy, as everywhere.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../platform/context.ts';
import { errorState, formValues } from '../../platform/http/forms.ts';
import { param, routeParams, type TypedApp } from '../../platform/http/params.ts';
import { formAction, type Refusal } from '../../platform/refusals.ts';
import type { FormState } from '../../platform/views/components.tsx';
import { eventFormField, momentOf } from './event-form.ts';
import type { EventView } from './service/context.ts';
import type { EventsService } from './service.ts';

const text = z.string().max(5000).optional();
export const stepForm = z.object({
  note: text,
  rejectReason: text,
  cancelReason: text,
  when: z.literal('at').optional(),
  publishAtDate: text,
  publishAtTime: text,
  startsAtDate: text,
  startsAtTime: text,
  endsAtDate: text,
  endsAtTime: text,
});
export type StepData = z.output<typeof stepForm>;

/** What a step does once its fields are read: run it, say so, and where a refusal shows. */
export interface Step {
  run: () => Promise<EventView>;
  flash: (view: EventView) => string;
  /** The field a refusal shows on ('' for the field the refusal names). */
  field: string;
}
export type ReadStep = (
  data: StepData,
  request: FastifyRequest,
  errors: Record<string, string>,
  id: string,
) => Step | null;

const idParams = routeParams({ id: param.id });

/**
 * Registers the steps of one page: POST `${path(id)}/<step>`; `page` draws the page again (with the
 * refusal). The route's `config` says who may reach it (the service still decides).
 */
export function eventSteps(
  app: TypedApp,
  opts: {
    path: (id: string) => string;
    route: string;
    config: { access: 'user' | 'staff' };
    page: (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      state: FormState,
      status: number,
    ) => Promise<unknown>;
  },
) {
  return (name: string, read: ReadStep) => {
    app.post(
      `${opts.route}/${name}`,
      { config: opts.config, schema: { hide: true, params: idParams } },
      async (request, reply) => {
        const { id } = request.params;
        const again = (errors: Record<string, string>, status: number) =>
          opts.page(request, reply, id, errorState(formValues(request.body), errors), status);
        const parsed = stepForm.strict().safeParse(formValues(request.body));
        if (!parsed.success) return again({ _form: request.t.common.errors.invalid }, 422);
        const errors: Record<string, string> = {};
        const step = read(parsed.data, request, errors, id);
        if (!step) return again(errors, 422);
        const onField = (r: Refusal) =>
          r.field === '_form' ? '_form' : step.field || eventFormField(r.field);
        return formAction(
          request,
          step.run,
          (view) => {
            reply.flash(step.flash(view));
            return reply.seeOther(opts.path(id));
          },
          (r) => again({ [onField(r)]: r.message }, r.status),
        );
      },
    );
  };
}

/** Cancel a published event, with the reason the public sees. */
export const cancelStep =
  (svc: EventsService): ReadStep =>
  (data, request, _errors, id) => ({
    run: () => svc.cancel(signedInContext(request), id, data.cancelReason ?? ''),
    flash: () => request.t.eventAdmin.flash.cancelled,
    field: 'cancelReason',
  });

/** Move a published event to new dates (its registrants are told). */
export const postponeStep =
  (svc: EventsService): ReadStep =>
  (data, request, errors, id) => {
    const startsAt = momentOf(data, 'startsAt', true, errors, request.t);
    const endsAt = momentOf(data, 'endsAt', true, errors, request.t);
    if (!startsAt || !endsAt) return null;
    return {
      run: () => svc.postpone(signedInContext(request), id, { startsAt, endsAt }),
      flash: () => request.t.eventAdmin.flash.postponed,
      field: '',
    };
  };
