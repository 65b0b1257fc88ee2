// Who may do what with a notice: the module's one policy (platform/policy.ts). The service checks
// it before it acts (`check`, a 403 naming the reason); the board asks `can` which buttons to show.
// Routes only declare the coarse access level (public, user, staff).
import { definePolicy, isStaff } from '../../src/platform/policy.ts';

export type NoticeAction =
  /** Pin a new notice (anyone signed in). */
  | 'post'
  /** Take a notice off the board (its author, or staff). */
  | 'remove';

/** Why an action is refused. */
export type NoticeRefusal =
  /** Nobody is signed in. */
  | 'signInFirst'
  /** The notice is someone else's and the actor is not staff. */
  | 'forbidden';

/** The rules; `post` is about no notice in particular (resource null). */
export const noticePolicy = definePolicy<NoticeAction, { authorId: string } | null, NoticeRefusal>(
  (actor, action, notice) => {
    if (!actor) return 'signInFirst';
    if (action === 'remove' && notice?.authorId !== actor.id && !isStaff(actor)) return 'forbidden';
    return null;
  },
);
