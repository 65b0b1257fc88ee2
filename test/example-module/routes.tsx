// The noticeboard's pages: the public board, and the staff's view of it in the back office.
import type { FastifyInstance } from 'fastify';
import { useView } from '../../src/platform/views/context.ts';
import { H1, Layout } from '../../src/platform/views/layout.tsx';
import { PanelLayout } from '../../src/platform/views/panel-layout.tsx';
import type { ExampleServices } from './index.ts';
import type { Notice } from './service.ts';

function Board({ notices }: { notices: readonly Notice[] }) {
  const { t } = useView();
  if (notices.length === 0) return <p class="govuk-body">{t.example.empty}</p>;
  return (
    <>
      <p class="govuk-body">{t.example.count(notices.length)}</p>
      <ul class="govuk-list govuk-list--bullet">
        {notices.map((n) => (
          <li key={`${n.authorId}:${n.text}`}>{n.text}</li>
        ))}
      </ul>
    </>
  );
}

function BoardPage({ notices }: { notices: readonly Notice[] }) {
  const { t } = useView();
  return (
    <Layout title={t.example.title}>
      <H1>{t.example.title}</H1>
      <Board notices={notices} />
    </Layout>
  );
}

function PanelBoardPage({ notices }: { notices: readonly Notice[] }) {
  const { t } = useView();
  return (
    <PanelLayout title={t.example.panelTitle}>
      <Board notices={notices} />
    </PanelLayout>
  );
}

export async function exampleRoutes(app: FastifyInstance, { services }: { services: ExampleServices }) {
  const { noticeboard } = services;
  app.get('/tablica', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.render(<BoardPage notices={noticeboard.all()} />),
  );
  app.get('/panel/tablica', { config: { access: 'staff' }, schema: { hide: true } }, async (_req, reply) =>
    reply.render(<PanelBoardPage notices={noticeboard.all()} />),
  );
}
