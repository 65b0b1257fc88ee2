// The modules of Klaster, each one folder with its manifest (platform/modules.ts). Adding a module
// is its folder, one line here and its migration (docs/adding-a-module.md). The order here is only
// a tie-break: every module is built and registered after the modules it depends on. It is also the
// order of the demo data: accounts come early, so the demo people exist for every later module's.
import { type AnyModule, composeModules } from '../platform/modules.ts';
import { accountsModule } from './accounts/index.ts';
import { callsModule } from './calls/index.ts';
import { eventsModule } from './events/index.ts';
import { organisationsModule } from './organisations/index.ts';
import { pagesModule } from './pages/index.ts';
import { panelModule } from './panel/index.ts';
import { placesModule } from './places/index.ts';
import { spacesModule } from './spaces/index.ts';

export const moduleList: readonly AnyModule[] = [
  placesModule,
  accountsModule,
  organisationsModule,
  spacesModule,
  eventsModule,
  callsModule,
  pagesModule,
  panelModule,
];

export const modules = composeModules(moduleList);
