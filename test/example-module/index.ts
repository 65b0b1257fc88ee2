// A worked example of the module contract (docs/adding-a-module.md): a noticeboard that lives
// entirely in this folder. test/integration/example-module.test.ts adds it to the app's list with
// composeModules([...moduleList, exampleModule]) and checks every part of the manifest.
import { z } from 'zod';
import { actingAs } from '../../src/platform/context.ts';
import { defineModule } from '../../src/platform/modules.ts';
import { exampleMail } from './mail.ts';
import { exampleRoutes } from './routes.tsx';
import { type NoticeboardService, noticeboardService } from './service.ts';
import { example } from './text.ts';

export interface ExampleServices {
  noticeboard: NoticeboardService;
}

const text = { example };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../src/platform/modules.ts' {
  interface ModuleServices {
    example: ExampleServices;
  }
}
declare module '../../src/platform/i18n/index.ts' {
  interface Messages extends Text {}
}
declare module '../../src/platform/mail/outbox.ts' {
  interface MailTemplates extends Pick<(typeof exampleMail)['pl'], keyof (typeof exampleMail)['pl']> {}
}

const staff = (actor: { role: string } | null) => actor?.role === 'staff' || actor?.role === 'admin';

export const exampleModule = defineModule({
  name: 'example',
  // The places module's services reach this one's factory and demo as `deps.places`.
  dependsOn: ['places'],
  services: ({ db, config, clock }): ExampleServices => ({
    noticeboard: noticeboardService({ db, baseUrl: config.baseUrl, clock }),
  }),
  routes: exampleRoutes,
  jobs: [
    // Pins a notice and tells its author by mail; the payload is checked before run() sees it.
    {
      kind: 'example.pin',
      payload: z.object({ authorId: z.string().min(1), text: z.string().min(1).max(200) }),
      run: async ({ authorId, text }, { noticeboard }) => {
        await noticeboard.pinAndTell(noticeboard.systemContext('example.pin'), authorId, text);
      },
    },
    // Recurring: one schedule named after the kind, enqueued every hour by the worker.
    {
      kind: 'example.tidy',
      payload: z.object({}).passthrough(),
      every: { seconds: 3600 },
      run: async (_payload, { noticeboard }) => {
        noticeboard.tidy();
      },
    },
  ],
  messages: text,
  mails: exampleMail,
  // How its refusal codes read on its pages (`duplicateNotice`), in the reader's language.
  refusals: {
    example: (t, _locale, err) => {
      const own = t.example.errors as Record<string, unknown>;
      return typeof own[err.code] === 'string' ? (own[err.code] as string) : null;
    },
  },
  nav: {
    site: [{ href: '/tablica', label: (t) => t.example.nav, order: 90 }],
    panel: [{ href: '/panel/tablica', label: (t) => t.example.panelNav, order: 950, visible: staff }],
  },
  contributes: {
    personalData: ({ noticeboard }) => noticeboard.privacy,
  },
  // Runs after the places module's demo (its dependency), so the buildings are there; idempotent.
  demo: async (_platform, { noticeboard }, { places }) => {
    const [first] = await places.places.zoneOptions();
    // The demo's notice is pinned as the demo acting for no one's account (as a job acts for its author).
    const ctx = actingAs(noticeboard.systemContext('demo'), { id: 'demo', role: 'resident' });
    return noticeboard.pinOnce(ctx, `Witamy w budynku ${first?.buildingName ?? 'Klastra'}`);
  },
});
