// The pages module: the home page, the accessibility statement, privacy, contact, the language
// switch and the API reference.
import { defineModule } from '../../platform/modules.ts';
import type { PlacesService } from '../places/index.ts';
import { pagesRoutes } from './routes.tsx';
import { pages } from './text/pages.ts';

export interface PagesServices {
  places: PlacesService;
}

const text = { pages };
type Text = { [A in keyof typeof text]: (typeof text)[A]['pl'] };
declare module '../../platform/modules.ts' {
  interface ModuleServices {
    pages: PagesServices;
  }
}
declare module '../../platform/i18n/index.ts' {
  interface Messages extends Text {}
}

export const pagesModule = defineModule({
  name: 'pages',
  dependsOn: ['places'],
  services: (_platform, { places }): PagesServices => ({ places: places.places }),
  routes: pagesRoutes,
  messages: text,
});
