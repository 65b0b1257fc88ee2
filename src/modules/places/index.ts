// The places module: the cluster's site, buildings and zones, and the revitalisation subareas.
// Other modules read them through its service; it has no pages of its own.
import { defineModule } from '../../platform/modules.ts';
import { seedPlaces } from './demo.ts';
import { type PlacesService, placesService } from './service.ts';

export interface PlacesServices {
  places: PlacesService;
}

declare module '../../platform/modules.ts' {
  interface ModuleServices {
    places: PlacesServices;
  }
}

export const placesModule = defineModule({
  name: 'places',
  dependsOn: [],
  services: ({ db }): PlacesServices => ({ places: placesService(db) }),
  demo: ({ db }) => seedPlaces(db),
});

export { demoSubareas } from './demo.ts';
export {
  type BuildingView,
  type ClusterView,
  type PlacesService,
  placesService,
  type ZoneOption,
} from './service.ts';
