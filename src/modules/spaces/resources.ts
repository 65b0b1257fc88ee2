// Staff back office for the bookable resources of the cluster: creating and editing resources
// (with their desks, layouts and photos), opening hours, booking rules and their overrides per
// package or organisation kind, and closures. Every change is audited in its own transaction.
// Each part lives in resources/; this file puts the service together.

import { closureMethods } from './resources/closures.ts';
import { type ResourcesDeps, resourceContext } from './resources/context.ts';
import { deskMethods } from './resources/desk-pool.ts';
import { overrideMethods } from './resources/overrides.ts';
import { photoMethods } from './resources/photos.ts';
import { resourceMethods } from './resources/service.ts';

export type { ResourceActor, ResourceCtx, ResourcesDeps } from './resources/context.ts';
export {
  type ClosureInput,
  type LayoutInput,
  LIMITS,
  type OverrideOrganisationKind,
  type OverrideTarget,
  overrideOrganisationKinds,
  type ResourceInput,
  slugify,
} from './resources/input.ts';
export type {
  ClosureView,
  DeskView,
  FutureBooking,
  OverrideView,
  ResourceDetail,
  ResourceGroup,
  ResourceSummary,
  ResourceTexts,
} from './resources/model.ts';
export { PHOTO_URL_PREFIX, photoKinds } from './resources/photos.ts';

export function resourcesService(deps: ResourcesDeps) {
  const shared = resourceContext(deps);
  return {
    ...resourceMethods(shared),
    ...overrideMethods(shared),
    ...closureMethods(shared),
    ...deskMethods(shared),
    ...photoMethods(shared),
  };
}

export type ResourcesService = ReturnType<typeof resourcesService>;
