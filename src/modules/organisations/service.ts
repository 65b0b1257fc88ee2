// Organisations: registration, editing, members and invitations, the staff verification queue,
// the public directory and personal data. Every rule is checked here (policy.ts says who may act);
// the ones concurrency could break are kept by the database: unique NIP/KRS among live
// organisations, one membership per person, one pending invitation per address, and "at least one
// owner" — decided under a row lock on the organisation (SELECT … FOR UPDATE) in one transaction.
// The use cases live in service/: input.ts (forms), model.ts (view models), context.ts (what they
// share), queries.ts, lifecycle.ts (registration, editing, verification), members.ts, privacy.ts.
import { type OrganisationsDeps, organisationsContext } from './service/context.ts';
import { lifecycleUseCases } from './service/lifecycle.ts';
import { memberUseCases } from './service/members.ts';
import { queryUseCases } from './service/queries.ts';

export {
  INVITATION_DAYS,
  MAX_PAGE_SIZE,
  type OrganisationsDeps,
  PAGE_SIZE,
  SIMILAR_NAME,
} from './service/context.ts';
export {
  type InviteInput,
  inviteInput,
  type OrganisationInput,
  organisationInput,
  rejectInput,
} from './service/input.ts';
export {
  InvitationError,
  type InvitationLookup,
  type InvitationState,
  type InvitationView,
  type MemberView,
  type OrganisationDetail,
  type OrganisationSummary,
  type PageResult,
  type ReviewDetail,
  type SubareaRef,
} from './service/model.ts';
export { organisationsPrivacy } from './service/privacy.ts';
export { decodeCursor, encodeCursor } from './service/queries.ts';

/** The service: the use cases over one shared context, as one object. */
export function organisationsService(deps: OrganisationsDeps) {
  const shared = organisationsContext(deps);
  const queries = queryUseCases(shared);
  return {
    ...lifecycleUseCases(shared, queries.get),
    ...queries,
    ...memberUseCases(shared, queries.get),
  };
}

export type OrganisationsService = ReturnType<typeof organisationsService>;
