// The noticeboard's pages: the public board with the form to pin a notice, removing one, and the
// staff's view of it in the back office. Handlers parse, call the service with the request context
// (which checks the module's policy) and render or redirect; refusals come back through formAction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signedInContext } from '../../src/platform/context.ts';
import { parseForm } from '../../src/platform/http/forms.ts';
import { param, routeParams, typed } from '../../src/platform/http/params.ts';
import type { PolicyActor } from '../../src/platform/policy.ts';
import { formAction, refusalState } from '../../src/platform/refusals.ts';
import {
  ActionButton,
  Button,
  ErrorSummary,
  emptyForm,
  Form,
  type FormState,
  TextInput,
} from '../../src/platform/views/components.tsx';
import { useView } from '../../src/platform/views/context.ts';
import { H1, Layout } from '../../src/platform/views/layout.tsx';
import { PanelLayout } from '../../src/platform/views/panel-layout.tsx';
import type { ExampleServices } from './index.ts';
import { noticePolicy } from './policy.ts';
import type { Notice } from './service.ts';

const idParams = routeParams({ id: param.id });
const noticeInput = z.object({ text: z.string().trim().min(1).max(200) });

function Board({ notices, actor }: { notices: readonly Notice[]; actor: PolicyActor | null }) {
  const { t } = useView();
  if (notices.length === 0) return <p class="govuk-body">{t.example.empty}</p>;
  return (
    <>
      <p class="govuk-body">{t.example.count(notices.length)}</p>
      <ul class="govuk-list govuk-list--bullet">
        {notices.map((n) => (
          <li key={n.id}>
            {n.text}
            {noticePolicy.can(actor, 'remove', n) ? (
              <>
                {' '}
                <ActionButton
                  action={`/tablica/${n.id}/usun`}
                  label={t.example.remove}
                  context={n.text}
                  variant="secondary"
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function BoardPage({
  notices,
  actor,
  state,
}: {
  notices: readonly Notice[];
  actor: PolicyActor | null;
  state: FormState;
}) {
  const { t } = useView();
  return (
    <Layout title={t.example.title}>
      <ErrorSummary state={state} order={['text']} />
      <H1>{t.example.title}</H1>
      <Board notices={notices} actor={actor} />
      {noticePolicy.can(actor, 'post', null) ? (
        <>
          <h2 class="govuk-heading-m">{t.example.pinHeading}</h2>
          <Form action="/tablica">
            <TextInput name="text" label={t.example.text} state={state} />
            <Button>{t.example.pin}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

function PanelBoardPage({ notices, actor }: { notices: readonly Notice[]; actor: PolicyActor | null }) {
  const { t } = useView();
  return (
    <PanelLayout title={t.example.panelTitle}>
      <Board notices={notices} actor={actor} />
    </PanelLayout>
  );
}

export async function exampleRoutes(fastify: FastifyInstance, { services }: { services: ExampleServices }) {
  const { noticeboard } = services;
  const app = typed(fastify);

  const renderBoard = (request: FastifyRequest, reply: FastifyReply, state: FormState, status = 200) =>
    reply.render(<BoardPage notices={noticeboard.all()} actor={request.actor} state={state} />, status);

  app.get('/tablica', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    renderBoard(request, reply, emptyForm),
  );

  app.post('/tablica', { config: { access: 'user' }, schema: { hide: true } }, async (request, reply) => {
    const t = request.t;
    const parsed = parseForm(noticeInput, request.body, t, t.example.errors);
    if (!parsed.ok) return renderBoard(request, reply, parsed.state, 422);
    return formAction(
      request,
      () => noticeboard.post(signedInContext(request), parsed.data),
      () => {
        reply.flash(t.example.pinned);
        return reply.seeOther('/tablica');
      },
      (r) => renderBoard(request, reply, refusalState(request, r), r.status),
    );
  });

  app.post(
    '/tablica/:id/usun',
    { config: { access: 'user' }, schema: { hide: true, params: idParams } },
    async (request, reply) => {
      await noticeboard.remove(signedInContext(request), request.params.id);
      reply.flash(request.t.example.removed);
      return reply.seeOther('/tablica');
    },
  );

  app.get('/panel/tablica', { config: { access: 'staff' }, schema: { hide: true } }, async (request, reply) =>
    reply.render(<PanelBoardPage notices={noticeboard.all()} actor={request.actor} />),
  );
}
